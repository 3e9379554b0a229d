import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Channel } from '../channels/channel.ts';
import { SendError } from '../channels/channel.ts';
import { splitMessage } from '../channels/split.ts';
import type { Logger } from '../log.ts';
import type { OutboundMessage } from '../messages.ts';
import type { Secrets } from '../secrets.ts';
import type { Db } from '../store/db.ts';
import { deleteOutbox, failOutbox, getOutbox, hasEarlierPending } from '../store/outbox.ts';
import { markUnreachable, residentAddress } from '../store/residents.ts';
import { type OutboundJob, outboundQueueName } from './queues.ts';

export const OUTBOUND_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** How often a message whose predecessor is still unsent looks again. */
const ORDER_WAIT_MS = 500;

export interface OutboundOptions {
  connection: Redis;
  prefix: string;
  db: Db;
  secrets: Secrets;
  channel: Channel;
  log: Logger;
  lockMs: number;
  concurrency?: number;
  /** The platform's overall send rate. */
  limiter?: { max: number; duration: number };
  /** Least time between two messages to one chat (Telegram: about a second). */
  chatIntervalMs?: number;
}

/**
 * Sends outbox rows through one channel. A row is deleted once the platform took it; a message waits while an
 * earlier one to the same resident is unsent, so replies arrive in order even when one of them is retried.
 */
export function startOutboundWorker(options: OutboundOptions): Worker<OutboundJob> {
  const { db, channel, log } = options;
  const redis = options.connection;

  // Set when the platform answers 429: jobs already taken from the queue wait too, not only the next ones.
  const pauseKey = `${options.prefix}:paused:${channel.platform}`;

  /** One message per chat per interval, across every worker process. */
  async function claimChatSlot(residentId: string, gapMs: number): Promise<boolean> {
    return (await redis.set(`${options.prefix}:chat-slot:${channel.platform}:${residentId}`, '1', 'PX', gapMs, 'NX')) === 'OK';
  }

  async function send(job: Job<OutboundJob>, token?: string): Promise<string> {
    const row = await getOutbox(db, job.data.outboxId);
    if (!row || row.failedAt || !row.message) return 'gone';
    if (await hasEarlierPending(db, row)) {
      await job.moveToDelayed(Date.now() + ORDER_WAIT_MS, token);
      throw new DelayedError();
    }
    const target = await residentAddress(db, row.residentId);
    if (!target) {
      await failOutbox(db, row.id, 'resident deleted');
      return 'gone';
    }
    const paused = await redis.pttl(pauseKey);
    const gap = options.chatIntervalMs ?? 0;
    if (paused > 0 || (gap > 0 && !(await claimChatSlot(row.residentId, gap)))) {
      await job.moveToDelayed(Date.now() + Math.max(paused, gap), token);
      throw new DelayedError();
    }
    const address = options.secrets.decrypt(target.addressEnc);
    const parts = splitMessage(row.message, channel.maxTextLength ?? Number.POSITIVE_INFINITY);
    try {
      for (let part = job.data.sentParts ?? 0; part < parts.length; part++) {
        if (part > (job.data.sentParts ?? 0)) await sleep(gap);
        await channel.send(address, parts[part] as OutboundMessage, `${row.id}-${part}`);
        if (parts.length > 1) await job.updateData({ ...job.data, sentParts: part + 1 });
      }
    } catch (error) {
      if (!(error instanceof SendError)) throw error;
      switch (error.failure) {
        case 'rate-limited':
          await redis.set(pauseKey, '1', 'PX', Math.max(1, error.retryAfterMs));
          await worker.rateLimit(error.retryAfterMs);
          throw Worker.RateLimitError();
        case 'unreachable':
          await db.tx(async (sql) => {
            await markUnreachable(sql, row.residentId);
            await failOutbox(sql, row.id, error.message);
          });
          throw new UnrecoverableError(error.message);
        case 'rejected':
          await failOutbox(db, row.id, error.message);
          throw new UnrecoverableError(error.message);
        case 'retry':
          throw error;
      }
    }
    await deleteOutbox(db, row.id);
    return 'sent';
  }

  const worker: Worker<OutboundJob> = new Worker<OutboundJob>(outboundQueueName(channel.platform), send, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 8,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    ...(options.limiter ? { limiter: options.limiter } : {}),
  });
  worker.on('failed', (job, error) => {
    if (!job || error instanceof UnrecoverableError) return;
    log.warn({ outboxId: job.data.outboxId, platform: channel.platform, attempt: job.attemptsMade, err: error.message }, 'send failed');
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
      failOutbox(db, job.data.outboxId, error.message).catch((e: Error) => log.error({ err: e.message }, 'could not mark outbox row failed'));
    }
  });
  worker.on('error', (error) => log.error({ err: error }, `outbound worker (${channel.platform}) error`));
  return worker;
}
