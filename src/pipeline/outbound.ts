import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Channel } from '../channels/channel.ts';
import { SendError } from '../channels/channel.ts';
import type { Logger } from '../log.ts';
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
}

/**
 * Sends outbox rows through one channel. A row is deleted once the platform took it; a message waits while an
 * earlier one to the same resident is unsent, so replies arrive in order even when one of them is retried.
 */
export function startOutboundWorker(options: OutboundOptions): Worker<OutboundJob> {
  const { db, channel, log } = options;

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
    try {
      await channel.send(options.secrets.decrypt(target.addressEnc), row.message, row.id);
    } catch (error) {
      if (!(error instanceof SendError)) throw error;
      switch (error.failure) {
        case 'rate-limited':
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
      failOutbox(db, job.data.outboxId, error.message).catch((e) => log.error({ err: e }, 'could not mark outbox row failed'));
    }
  });
  worker.on('error', (error) => log.error({ err: error }, `outbound worker (${channel.platform}) error`));
  return worker;
}
