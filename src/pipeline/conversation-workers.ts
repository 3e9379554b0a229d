import { setTimeout as sleep } from 'node:timers/promises';
import { type Job, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Announce } from '../channels/web/web-mailbox.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { type Applied, type ConversationDeps, applyFallback, applyJob } from './conversation.ts';
import type { FloodGuard } from './flood-guard.ts';
import { floodTokenOf } from './inbox.ts';
import { isInfrastructureError } from './infrastructure.ts';
import { queueSends } from './outbound.ts';
import { type InboundJob, inboundQueueName, type Queues } from './queues.ts';

export interface ConversationWorkerOptions {
  connection: Redis;
  prefix: string;
  queues: Queues;
  deps: ConversationDeps;
  log: Logger;
  lockMs: number;
  /** Tells open web chat pages of a reply stored in the mailbox. */
  announce: Announce;
  metrics: Metrics;
  /** Told when a message held back for sending too fast is taken, so the resident's next need not wait. */
  floodGuard: FloodGuard;
}

/**
 * One worker per inbound partition. Each job is written to the database first; only then is its reply queued
 * (or, for the web chat, announced). A crash in between is repaired by the outbox relay (and a page's stream
 * catches up at its next heartbeat).
 */
/** A job that fails by itself (a bug in a flow, a broken action) is tried this often, then answered with an apology. */
const FLOW_ERROR_TRIES = 3;
const WAIT_FIRST_MS = 500;
const WAIT_MAX_MS = 30_000;

export function startConversationWorkers(options: ConversationWorkerOptions): Worker<InboundJob>[] {
  const { queues, log, deps } = options;
  const closing = new AbortController();

  /**
   * Applies a job in place until it is done. While the database or Redis is away the message waits, however
   * long, still holding its partition, so the resident's later messages wait behind it; a stopping process
   * puts it back at the head of its queue. A job that fails by itself is tried a few times, then the resident
   * gets an apology and a fresh start instead of silence.
   */
  async function apply(job: Job<InboundJob>, token: string | undefined): Promise<Applied | null> {
    let flowErrors = 0;
    for (let waits = 0; ; ) {
      try {
        return await options.metrics.time('turn', () => (flowErrors < FLOW_ERROR_TRIES ? applyJob(deps, job.data) : applyFallback(deps, job.data)));
      } catch (error) {
        // Only the message: database errors can quote the values a resident sent.
        const err = (error as Error).message;
        if (!isInfrastructureError(error)) {
          log.error({ err, job: job.id, kind: job.data.kind, try: flowErrors + 1 }, 'inbound job failed');
          if (flowErrors++ >= FLOW_ERROR_TRIES) throw error;
          continue;
        }
        if (closing.signal.aborted) {
          await job.moveToWait(token);
          throw new WaitingError();
        }
        if (waits % 10 === 0) log.warn({ err, job: job.id, waits }, 'database or Redis unavailable: the message waits, and the ones behind it');
        const delay = Math.min(WAIT_MAX_MS, WAIT_FIRST_MS * 2 ** waits++);
        await sleep(delay * (0.5 + Math.random() / 2), undefined, { signal: closing.signal }).catch(() => {});
      }
    }
  }

  /** Queues the reply a turn wrote, or tells the resident's open pages of it. */
  async function deliver(job: Job<InboundJob>, applied: Applied | null): Promise<void> {
    try {
      if (applied?.outboxId) await queueSends(queues, [{ id: applied.outboxId, platform: applied.platform }]);
      if (applied?.mailbox) await options.announce(applied.mailbox);
    } catch (error) {
      // Written already: the relay queues the reply later, and an open page catches up at its next message.
      log.warn({ err: (error as Error).message, job: job.id }, 'reply written but not yet queued or announced');
    }
  }

  async function process(job: Job<InboundJob>, token?: string): Promise<void> {
    // Only messages held back for coming too fast are queued with a delay.
    if (job.data.kind === 'message' && job.id && (job.opts.delay ?? 0) > 0) {
      await options.floodGuard.release(floodTokenOf(deps.secrets, job.data.message), job.id).catch((error: Error) => {
        // Its id expires within a minute; until then the resident's messages wait a millisecond each.
        log.warn({ err: error.message, job: job.id }, 'held message not released');
      });
    }
    if (job.attemptsMade === 0 && job.processedOn) options.metrics.observe('queued', (job.processedOn - job.timestamp) / 1000);
    await deliver(job, await apply(job, token));
  }

  return queues.inbound.map((_, partition) => {
    const worker = new Worker<InboundJob>(inboundQueueName(partition), process, {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: 1,
      // A worker that dies holding a job keeps its partition waiting until the lock lapses and a stalled check
      // (every half lock) hands the job on: a short lock, renewed every half lock while the job runs.
      lockDuration: options.lockMs,
      stalledInterval: Math.max(1000, options.lockMs / 2),
    });
    worker.on('closing', () => closing.abort());
    worker.on('error', (error) => log.error({ err: error, partition }, 'conversation worker error'));
    return worker;
  });
}
