import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type Row = Record<string, unknown>;

/** Something SQL can be run on: the database, or one transaction of it. */
export interface Sql {
  query<T = Row>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Db extends Sql {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction: all of its changes happen, or none. */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** PostgreSQL connection string; without it an embedded PGlite database lives in `dataDir`. */
  url?: string | undefined;
  dataDir: string;
  /** A schema to work in instead of `public` (created when missing), so several instances can share a database. */
  schema?: string | undefined;
}

const INT8 = 20;

async function openPostgres(url: string, schema: string | undefined): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Row ids fit in a double; strings would make every id comparison a trap.
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) } as pg.CustomTypesConfig,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  if (schema) await pool.query(`create schema if not exists "${schema}"`);
  const run = async <T>(client: pg.Pool | pg.PoolClient, text: string, params?: unknown[]) =>
    (await client.query(text, params)).rows as T[];
  const exec = async (client: pg.Pool | pg.PoolClient, text: string) => {
    await client.query(text);
  };
  return {
    kind: 'postgres',
    query: (text, params) => run(pool, text, params),
    exec: (text) => exec(pool, text),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({ query: (text, params) => run(client, text, params), exec: (text) => exec(client, text) });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string, schema: string | undefined): Promise<Db> {
  const dir = join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  if (schema) await db.exec(`create schema if not exists "${schema}"; set search_path to "${schema}"`);
  return {
    kind: 'pglite',
    query: async (text, params) => (await db.query(text, params)).rows as never,
    exec: async (text) => {
      await db.exec(text);
    },
    tx: (fn) =>
      db.transaction((t) =>
        fn({
          query: async (text, params) => (await t.query(text, params)).rows as never,
          exec: async (text) => {
            await t.exec(text);
          },
        }),
      ),
    close: () => db.close(),
  };
}

export function openDb(options: DbOptions): Promise<Db> {
  return options.url ? openPostgres(options.url, options.schema) : openPglite(options.dataDir, options.schema);
}
