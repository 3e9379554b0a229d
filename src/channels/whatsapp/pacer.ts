import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from '../../log.ts';
import { SendError } from '../channel.ts';

export interface Pacing {
  /** Least time between two messages from the number, to anyone. */
  intervalMs: number;
  /** Least time between two messages to one chat. */
  chatIntervalMs: number;
  /** A random wait of up to this long before each message, so the rhythm is not a machine's. */
  jitterMs: number;
  /** Most messages the number sends in one day (Karachi time). */
  dailyCap: number;
}

export interface Pacer {
  /** Waits for the next turn to send to `address`; fails with `rate-limited` once the day's cap is reached. */
  turn(address: string): Promise<void>;
  /** Marks a send to `address` as done (or given up): both intervals count from now. */
  sent(address: string): Promise<void>;
}

const DAY_MS = 86_400_000;
/** How long a send may hold the number's slot; past it (the sender died) another may send. */
const SEND_WINDOW_MS = 30_000;
/** Pakistan keeps UTC+5 all year. */
const KARACHI_OFFSET_MS = 5 * 3_600_000;

function karachiDay(now: number): { key: string; msLeft: number } {
  const local = now + KARACHI_OFFSET_MS;
  return { key: new Date(local).toISOString().slice(0, 10), msLeft: DAY_MS - (local % DAY_MS) };
}

/** How often a waiting send looks again: a slot held for a send is shortened as soon as the send is done. */
const LOOK_AGAIN_MS = 100;

/** Waits until `key` (a slot some send holds) is free. */
async function free(redis: Redis, key: string): Promise<void> {
  for (let left = await redis.pttl(key); left > 0; left = await redis.pttl(key)) await sleep(Math.min(left, LOOK_AGAIN_MS));
}

/**
 * The sending rhythm of the WhatsApp number, shared by every process through Redis: an unofficial client that
 * sends fast, evenly or in bulk is what gets numbers banned. The number's slot is taken before a send (one send
 * at a time) and both slots are held again from the moment the send is done, so intervals are measured between
 * sends, and waiting for one cannot shorten the other.
 */
export function createPacer(redis: Redis, prefix: string, pacing: Pacing, chatOf: (address: string) => string, log: Logger): Pacer {
  const slotKey = `${prefix}:whatsapp:send-slot`;
  const chatKey = (address: string) => `${prefix}:whatsapp:chat-slot:${chatOf(address)}`;
  let warnedDay = '';
  return {
    async turn(address) {
      const day = karachiDay(Date.now());
      const countKey = `${prefix}:whatsapp:sent:${day.key}`;
      const count = await redis.incr(countKey);
      if (count === 1) await redis.pexpire(countKey, 2 * DAY_MS);
      if (count > pacing.dailyCap) {
        await redis.decr(countKey);
        if (warnedDay !== day.key) log.warn({ cap: pacing.dailyCap }, 'whatsapp: daily cap reached; sending resumes after midnight (Karachi time)');
        warnedDay = day.key;
        throw new SendError('rate-limited', `daily cap of ${pacing.dailyCap} messages reached`, day.msLeft);
      }
      await sleep(randomInt(pacing.jitterMs + 1));
      await free(redis, chatKey(address));
      while ((await redis.set(slotKey, '1', 'PX', pacing.intervalMs + SEND_WINDOW_MS, 'NX')) !== 'OK') await free(redis, slotKey);
    },
    async sent(address) {
      await redis.set(slotKey, '1', 'PX', pacing.intervalMs);
      await redis.set(chatKey(address), '1', 'PX', pacing.chatIntervalMs);
    },
  };
}
