import type { Redis } from 'ioredis';

export interface FloodSettings {
  /** Messages a resident may send at once before being slowed down. */
  burst: number;
  /** Messages a minute a resident's messages are answered at, past the burst. */
  perMinute: number;
}

/** `go`: queue it now. `hold`: queue it to wait until `until` (ms since the epoch), after the resident's earlier ones. */
export type FloodVerdict = { kind: 'go' } | { kind: 'hold'; until: number; firstHeld: boolean };

export interface FloodGuard {
  /** Called for each message as it is accepted: says whether it is handled at once, or held back until its turn. */
  check(residentToken: string, jobId: string): Promise<FloodVerdict>;
  /** Called when a held message's turn has come: the resident's next messages need no longer wait behind it. */
  release(residentToken: string, jobId: string): Promise<void>;
}

/**
 * A token bucket per resident (GCRA: one time stamp instead of a counter), and the set of their messages held
 * back and not yet taken by a worker. A message that comes while some of the resident's are held is held too,
 * behind them, so none overtakes another; one sent again (a redelivery) stays held. The first hold of a flood
 * is reported once, until the bucket has filled up again. Time is Redis's own, so every process agrees on it.
 *
 * KEYS: the resident's bucket (hash), their held messages (set). ARGV: job id, ms between messages, burst.
 * Returns {held (0|1), until, first hold of this flood (0|1)}.
 */
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return {1, now + 1, 0} end
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local tat = math.max(tonumber(redis.call('HGET', KEYS[1], 'tat') or '0'), now)
local nextTat = tat + interval
if redis.call('SCARD', KEYS[2]) == 0 and nextTat - now <= burst * interval then
  redis.call('HSET', KEYS[1], 'tat', nextTat)
  redis.call('PEXPIRE', KEYS[1], nextTat - now + interval)
  return {0, 0, 0}
end
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
local at = math.max(nextTat - burst * interval, last + 1, now + 1)
local first = redis.call('HSETNX', KEYS[1], 'noticed', 1)
redis.call('HSET', KEYS[1], 'tat', nextTat, 'last', at)
redis.call('PEXPIRE', KEYS[1], nextTat - now + interval)
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[2], at - now + 60000)
return {1, at, first}
`;

type WithFloodCommand = Redis & { mohallaFlood(bucket: string, held: string, jobId: string, intervalMs: number, burst: number): Promise<[number, number, number]> };

/** One script call per message (EVALSHA after the first): the cost of a normal turn barely changes. */
export function createFloodGuard(redis: Redis, prefix: string, settings: FloodSettings): FloodGuard {
  if (!('mohallaFlood' in redis)) redis.defineCommand('mohallaFlood', { numberOfKeys: 2, lua: SCRIPT });
  const intervalMs = Math.max(1, Math.round(60_000 / settings.perMinute));
  const held = (resident: string) => `${prefix}:flood-held:${resident}`;
  return {
    async check(resident, jobId) {
      const [isHeld, until, first] = await (redis as WithFloodCommand).mohallaFlood(`${prefix}:flood:${resident}`, held(resident), jobId, intervalMs, settings.burst);
      return isHeld === 1 ? { kind: 'hold', until, firstHeld: first === 1 } : { kind: 'go' };
    },
    async release(resident, jobId) {
      await redis.srem(held(resident), jobId);
    },
  };
}
