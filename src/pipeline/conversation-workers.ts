import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Announce } from '../channels/web/web-mailbox.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { type Applied, type ConversationDeps, applyFallback, applyJob } from './conversation.ts';
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
}

/**
 * One worker per inbound partition. Each job is written to the database first; only then is its reply queued
 * (or, for the web chat, announced). A crash in between is repaired by the outbox relay (and a page's stream
 * catches up at its next heartbeat).
 */
export function startConversationWorkers(options: ConversationWorkerOptions): Worker<InboundJob>[] {
  const { queues, log } = options;

  async function process(job: Job<InboundJob>): Promise<void> {
    if (job.attemptsMade === 0 && job.processedOn) options.metrics.observe('queued', (job.processedOn - job.timestamp) / 1000);
    let applied: Applied | null;
    try {
      applied = await options.metrics.time('turn', () => applyJob(options.deps, job.data));
    } catch (error) {
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      // Only the message: database errors can quote the values a resident sent.
      log.error({ err: (error as Error).message, job: job.id, kind: job.data.kind, attempt: job.attemptsMade + 1, last }, 'inbound job failed');
      if (!last) throw error;
      applied = await applyFallback(options.deps, job.data);
    }
    if (applied?.outboxId) await queueSends(queues, [{ id: applied.outboxId, platform: applied.platform }]);
    if (applied?.mailbox) await options.announce(applied.mailbox);
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
    worker.on('error', (error) => log.error({ err: error, partition }, 'conversation worker error'));
    return worker;
  });
}
