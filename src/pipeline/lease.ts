import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface Lease {
  /** Resolves once this process holds the lease (never, if stopped first). */
  acquired: Promise<void>;
  /** True while held; a lease lost (Redis unreachable longer than its time to live) is taken again. */
  held(): boolean;
  release(): Promise<void>;
}

/**
 * Makes sure one process at a time does something that must not run twice (polling Telegram, which answers
 * a second poller with 409 Conflict). The holder renews the lease; when it dies, another takes over.
 */
export function takeLease(redis: Redis, key: string, ttlMs: number): Lease {
  const id = randomUUID();
  let holding = false;
  let stopped = false;
  const wake = new AbortController();
  let markAcquired = () => {};
  const acquired = new Promise<void>((resolve) => {
    markAcquired = resolve;
  });
  const loop = (async () => {
    while (!stopped) {
      try {
        holding = holding
          ? (await redis.eval(RENEW, 1, key, id, String(ttlMs))) === 1
          : (await redis.set(key, id, 'PX', ttlMs, 'NX')) === 'OK';
      } catch {
        holding = false;
      }
      if (holding) markAcquired();
      await sleep(ttlMs / 3, undefined, { signal: wake.signal }).catch(() => {});
    }
  })();
  return {
    acquired,
    held: () => holding,
    async release() {
      stopped = true;
      wake.abort();
      await loop;
      if (holding) await redis.eval(RELEASE, 1, key, id).catch(() => {});
      holding = false;
    },
  };
}
