import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Secrets } from '../secrets.ts';
import { type Db, openDb } from './db.ts';
import { startEmbeddedDatabase } from './embedded.ts';
import { migrate } from './migrate.ts';

export interface Database {
  db: Db;
  /** Closes this process's connections, and lets go of the embedded server when there is one. */
  close(): Promise<void>;
}

/** The configured PostgreSQL, or the embedded server in DATA_DIR when DATABASE_URL is unset; migrated. */
export async function openDatabase(config: Config, secrets: Secrets, log: Logger): Promise<Database> {
  const embedded = config.DATABASE_URL
    ? null
    : await startEmbeddedDatabase({ dataDir: config.DATA_DIR, password: secrets.token('embedded database'), port: config.EMBEDDED_DATABASE_PORT, log });
  try {
    const db = await openDb({ url: config.DATABASE_URL ?? embedded?.url ?? '', schema: config.DATABASE_SCHEMA });
    const applied = await migrate(db);
    if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');
    return {
      db,
      async close() {
        await db.close();
        await embedded?.release();
      },
    };
  } catch (error) {
    await embedded?.release();
    throw error;
  }
}
