import { join } from 'node:path';
import { type Config, loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { openQueues, type Queues } from '../pipeline/queues.ts';
import { checkRedis, connectRedis } from '../pipeline/redis.ts';
import { createSecrets, loadMasterKey, type Secrets } from '../secrets.ts';
import type { Db } from '../store/db.ts';
import { openDatabase } from '../store/open.ts';

export interface CliConnection {
  config: Config;
  secrets: Secrets;
  db: Db;
  queues: Queues;
  close(): Promise<void>;
}

/**
 * What a command needs to act beside the running program: its settings, its database (with the embedded one,
 * the server the program started, or one started for the moment) and its queues.
 */
export async function connectCli(): Promise<CliConnection> {
  const config = loadConfig();
  await checkRedis(config.REDIS_URL);
  const secrets = createSecrets(loadMasterKey(config.SECRET_KEY, join(config.DATA_DIR, 'secret.key')).key);
  const database = await openDatabase(config, secrets, createLogger({ level: 'warn', pretty: false }));
  const redis = connectRedis(config.REDIS_URL);
  const queues = await openQueues(redis, { prefix: config.QUEUE_PREFIX, partitions: config.INBOUND_PARTITIONS });
  return {
    config,
    secrets,
    db: database.db,
    queues,
    async close() {
      await queues.close();
      await redis.quit();
      await database.close();
    },
  };
}
