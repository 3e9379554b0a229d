import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Channel } from '../channels/channel.ts';
import { SendError } from '../channels/channel.ts';
import { splitMessage } from '../channels/split.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { OutboundMessage } from '../messages.ts';
import type { Secrets } from '../secrets.ts';
import type { AlertCache } from '../broadcasts/alert-cache.ts';
import { karachiDay, quietMsLeft } from '../broadcasts/quiet-hours.ts';
import { claimDelivery, deliverySent, finishDelivery, getDelivery, unclaimDelivery } from '../store/broadcasts.ts';
import type { Db } from '../store/db.ts';
import { getPending, markFailed, markSent, type NextMessage } from '../store/outbox.ts';
import { markUnreachable } from '../store/residents.ts';
import { type AlertJob, jobId, type OutboundJob, outboundQueueName, type Queues, type ReplyJob } from './queues.ts';

export const OUTBOUND_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** Queues messages to send, each under its outbox id (queueing one twice is harmless). */
export async function queueSends(queues: Queues, messages: NextMessage[]): Promise<void> {
  for (const platform of new Set(messages.map((m) => m.platform))) {
    const jobs = messages
      .filter((m) => m.platform === platform)
      .map((m) => ({ name: 'send', data: { outboxId: m.id }, opts: { ...OUTBOUND_JOB_OPTIONS, jobId: jobId('outbox', m.id) } }));
    const queue = queues.outbound(platform);
    if (jobs.length === 1 && jobs[0]) await queue.add(jobs[0].name, jobs[0].data, jobs[0].opts);
    else await queue.addBulk(jobs);
  }
}

export interface OutboundOptions {
  connection: Redis;
  prefix: string;
  db: Db;
  queues: Queues;
  secrets: Secrets;
  channel: Channel;
  log: Logger;
  lockMs: number;
  metrics: Metrics;
  concurrency?: number;
  /** The platform's overall send rate. A platform without one (the web chat) is neither paced nor paused. */
  limiter?: { max: number; duration: number };
  /** Least time between two messages to one chat (Telegram: about a second), with a limiter. */
  chatIntervalMs?: number;
  /** The alerts of broadcasts, for their deliveries. */
  alerts: AlertCache;
  /** How long after an alert reached a resident what they write back is their answer to it (ALERT_REPLY_HOURS). */
  alertReplyHours?: number;
}

const DEFAULT_ALERT_REPLY_HOURS = 24;

const isAlert = (job: Job<OutboundJob>): job is Job<AlertJob> => 'deliveryId' in job.data;

/**
 * Sends outbox rows through one channel. A row is deleted once the platform took it. Only the oldest unsent
 * message of a resident is queued; when it leaves (sent or given up), the one written behind it is queued, so
 * replies arrive in order without polling. The same worker sends the deliveries of broadcasts, queued at a
 * lower priority, so that both keep within the platform's limits and replies never wait behind an alert.
 */
export function startOutboundWorker(options: OutboundOptions): Worker<OutboundJob> {
  const { db, channel, log } = options;
  const redis = options.connection;

  // Set when the platform answers 429: jobs already taken from the queue wait too, not only the next ones.
  const pauseKey = `${options.prefix}:paused:${channel.platform}`;

  /** One message per chat per interval, across every worker process; the key names nobody. */
  async function claimChatSlot(residentId: string, gapMs: number): Promise<boolean> {
    const slot = options.secrets.opaqueId(`chat slot\u0000${channel.platform}\u0000${residentId}`);
    return (await redis.set(`${options.prefix}:chat-slot:${slot}`, '1', 'PX', gapMs, 'NX')) === 'OK';
  }

  async function release(next: NextMessage | null): Promise<void> {
    if (next) await queueSends(options.queues, [next]);
  }

  const gap = options.chatIntervalMs ?? 0;

  /** Waits (as a delayed job) while the platform is paused or the chat had a message less than a gap ago. */
  async function awaitTurn(job: Job<OutboundJob>, token: string | undefined, residentId: string): Promise<void> {
    if (!options.limiter) return;
    const paused = await redis.pttl(pauseKey);
    if (paused > 0 || (gap > 0 && !(await claimChatSlot(residentId, gap)))) {
      await job.moveToDelayed(Date.now() + Math.max(paused, gap), token);
      throw new DelayedError();
    }
  }

  async function pauseAll(error: SendError): Promise<never> {
    await redis.set(pauseKey, '1', 'PX', Math.max(1, error.retryAfterMs));
    await worker.rateLimit(error.retryAfterMs);
    throw Worker.RateLimitError();
  }

  async function sendAlert(job: Job<AlertJob>, token?: string): Promise<string> {
    const delivery = await getDelivery(db, job.data.deliveryId);
    if (!delivery) return 'gone';
    // An earlier attempt died in the middle of sending: it may have gone out, so it is not sent again.
    if (delivery.status === 'sending') {
      await finishDelivery(db, delivery.id, 'failed', 'interrupted while sending; not sent again');
      return 'interrupted';
    }
    if (delivery.status !== 'queued') return delivery.status;
    const alert = await options.alerts.get(delivery.broadcastId);
    if (!alert) return 'gone';
    const quiet = delivery.quietFrom !== null && delivery.quietUntil !== null ? { from: delivery.quietFrom, until: delivery.quietUntil } : null;
    const quietLeft = quietMsLeft(quiet, Date.now());
    // Quiet hours set or changed after the alert was queued: it waits until they end.
    if (quietLeft > 0 && !alert.urgent) {
      await job.moveToDelayed(Date.now() + quietLeft, token);
      throw new DelayedError();
    }
    await awaitTurn(job, token, delivery.residentId);
    const claimed = await claimDelivery(db, delivery.id, alert.urgent, karachiDay(Date.now()));
    if (claimed !== 'sending') return claimed ?? 'gone';
    const message = alert.message(delivery.language ?? 'ur', quietLeft > 0);
    try {
      await options.metrics.time('send', () => channel.send(options.secrets.decrypt(delivery.addressEnc), message, `alert-${delivery.id}`));
    } catch (error) {
      if (!(error instanceof SendError)) {
        await unclaimDelivery(db, delivery.id);
        throw error;
      }
      switch (error.failure) {
        case 'rate-limited':
          await unclaimDelivery(db, delivery.id);
          return pauseAll(error);
        case 'unreachable':
          await db.tx(async (sql) => {
            await markUnreachable(sql, delivery.residentId);
            await finishDelivery(sql, delivery.id, 'unreachable', error.message);
          });
          throw new UnrecoverableError(error.message);
        case 'rejected':
          await finishDelivery(db, delivery.id, 'failed', error.message);
          throw new UnrecoverableError(error.message);
        case 'retry':
          await unclaimDelivery(db, delivery.id);
          throw error;
      }
    }
    // Lost in a database crash, the delivery stays "sending" and is counted as failed: never sent twice.
    const replyMs = (options.alertReplyHours ?? DEFAULT_ALERT_REPLY_HOURS) * 3_600_000;
    await deliverySent(db.relaxed, delivery.id, new Date(Date.now() + replyMs));
    return 'sent';
  }

  async function sendReply(job: Job<ReplyJob>, token?: string): Promise<string> {
    const row = await getPending(db, job.data.outboxId);
    if (!row) return 'gone';
    // Queued out of turn (by the relay, say): the message before it queues it again when it leaves.
    if (row.blocked) return 'waiting';
    await awaitTurn(job, token, row.residentId);
    const address = options.secrets.decrypt(row.addressEnc);
    const parts = splitMessage(row.message, channel.maxTextLength ?? Number.POSITIVE_INFINITY);
    try {
      for (let part = job.data.sentParts ?? 0; part < parts.length; part++) {
        if (part > (job.data.sentParts ?? 0)) await sleep(gap);
        await options.metrics.time('send', () => channel.send(address, parts[part] as OutboundMessage, `${row.id}-${part}`));
        if (parts.length > 1) await job.updateData({ ...job.data, sentParts: part + 1 });
      }
    } catch (error) {
      if (!(error instanceof SendError)) throw error;
      switch (error.failure) {
        case 'rate-limited':
          return pauseAll(error);
        case 'unreachable':
          await release(
            await db.tx(async (sql) => {
              await markUnreachable(sql, row.residentId);
              return markFailed(sql, row.id, error.message);
            }),
          );
          throw new UnrecoverableError(error.message);
        case 'rejected':
          await release(await markFailed(db.relaxed, row.id, error.message));
          throw new UnrecoverableError(error.message);
        case 'retry':
          throw error;
      }
    }
    // Lost in a database crash, the row comes back and the message is sent again: at least once, never lost.
    await release(await markSent(db.relaxed, row.id));
    return 'sent';
  }

  const send = (job: Job<OutboundJob>, token?: string) => (isAlert(job) ? sendAlert(job, token) : sendReply(job as Job<ReplyJob>, token));

  const worker: Worker<OutboundJob> = new Worker<OutboundJob>(outboundQueueName(channel.platform), send, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 8,
    lockDuration: options.lockMs,
    stalledInterval: Math.max(1000, options.lockMs / 2),
    ...(options.limiter ? { limiter: options.limiter } : {}),
  });
  worker.on('failed', (job, error) => {
    if (!job || error instanceof UnrecoverableError) return;
    log.warn({ ...job.data, platform: channel.platform, attempt: job.attemptsMade, err: error.message }, 'send failed');
    if (job.attemptsMade < (job.opts.attempts ?? 1)) return;
    const given = isAlert(job)
      ? finishDelivery(db, job.data.deliveryId, 'failed', error.message)
      : markFailed(db, (job.data as ReplyJob).outboxId, error.message).then(release);
    given.catch((e: Error) => log.error({ err: e.message }, 'could not record a message as failed'));
  });
  worker.on('error', (error) => log.error({ err: error }, `outbound worker (${channel.platform}) error`));
  return worker;
}
