import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { embeddedServer } from '../../src/store/embedded.ts';

/** Tests run against the embedded server, or against PostgreSQL when TEST_DATABASE_URL is set (CI runs both). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
export const backend = TEST_DATABASE_URL ? 'postgres' : 'embedded';

export interface TestEnv {
  vars: Record<string, string>;
  /** Removes the test's database schema, data folder (stopping an embedded server left running) and Redis keys. */
  cleanup(): Promise<void>;
}

/** An embedded server a killed process left running in `dataDir` is stopped, so no test leaves one behind. */
export async function stopLeftoverServer(dataDir: string): Promise<void> {
  const pid = embeddedServer(dataDir)?.pid;
  if (!pid) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(50);
  }
}

/**
 * Settings for one isolated instance: its own queue prefix in the shared Redis, its own schema in the shared
 * PostgreSQL (or its own embedded server in its data folder), a fixed secret key and quick stall detection.
 */
export function testEnv(overrides: Record<string, string> = {}): TestEnv {
  const id = randomBytes(5).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'mohalla-test-'));
  // As root, the embedded server runs as the user "postgres", which must be able to reach its folder.
  chmodSync(dataDir, 0o755);
  const vars: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    REDIS_URL,
    QUEUE_PREFIX: `test-${id}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOG_FORMAT: 'json',
    SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    JOB_LOCK_SECONDS: '2',
    OUTBOX_RELAY_SECONDS: '1',
    INBOUND_PARTITIONS: '4',
    // Tests drive residents much faster than people type and poll for replies many times a second; the tests of
    // the abuse limits set their own.
    WEB_CHAT_RATE_PER_MINUTE: '100000',
    WEB_CHAT_ADDRESS_RATE_PER_MINUTE: '1000000',
    FLOOD_BURST: '10000',
    ...(TEST_DATABASE_URL ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: `test_${id}` } : {}),
    ...overrides,
  };
  return {
    vars,
    async cleanup() {
      if (vars.DATABASE_URL && vars.DATABASE_SCHEMA) {
        const client = new pg.Client({ connectionString: vars.DATABASE_URL });
        await client.connect();
        await client.query(`drop schema if exists "${vars.DATABASE_SCHEMA}" cascade`);
        await client.end();
      }
      await stopLeftoverServer(vars.DATA_DIR ?? dataDir);
      rmSync(dataDir, { recursive: true, force: true });
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${vars.QUEUE_PREFIX}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}
