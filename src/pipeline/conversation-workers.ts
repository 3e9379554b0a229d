import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { type Applied, type ConversationDeps, applyFallback, applyJob } from './conversation.ts';
import type { Inbox } from './inbox.ts';
import { OUTBOUND_JOB_OPTIONS } from './outbound.ts';
import { type InboundJob, inboundQueueName, jobId, type Queues } from './queues.ts';

export interface ConversationWorkerOptions {
  connection: Redis;
  prefix: string;
  queues: Queues;
  inbox: Inbox;
  deps: ConversationDeps;
  log: Logger;
  lockMs: number;
  sessionTimeoutMs: number;
}

/**
 * One worker per inbound partition. Each job is applied in one transaction; only after the commit are its
 * replies queued and its time-out scheduled. A crash in between is repaired by the outbox relay.
 */
export function startConversationWorkers(options: ConversationWorkerOptions): Worker<InboundJob>[] {
  const { queues, log } = options;

  async function afterCommit(applied: Applied): Promise<void> {
    const outbound = queues.outbound(applied.platform);
    await outbound.addBulk(
      applied.outboxIds.map((outboxId) => ({ name: 'send', data: { outboxId }, opts: { ...OUTBOUND_JOB_OPTIONS, jobId: jobId('outbox', outboxId) } })),
    );
    const { inbox } = options;
    if (applied.waitToken) await inbox.timeout(applied.residentId, applied.residentKey, applied.waitToken, options.sessionTimeoutMs);
    if (applied.endedWaitToken) await inbox.cancelTimeout(applied.residentId, applied.residentKey, applied.endedWaitToken);
  }

  async function process(job: Job<InboundJob>): Promise<void> {
    let applied: Applied | null;
    try {
      applied = await applyJob(options.deps, job.data);
    } catch (error) {
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      // Only the message: database errors can quote the values a resident sent.
      log.error({ err: (error as Error).message, job: job.id, kind: job.data.kind, attempt: job.attemptsMade + 1, last }, 'inbound job failed');
      if (!last) throw error;
      applied = await applyFallback(options.deps, job.data);
    }
    if (applied) await afterCommit(applied);
  }

  return queues.inbound.map((_, partition) => {
    const worker = new Worker<InboundJob>(inboundQueueName(partition), process, {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: 1,
      lockDuration: options.lockMs,
      stalledInterval: options.lockMs,
    });
    worker.on('error', (error) => log.error({ err: error, partition }, 'conversation worker error'));
    return worker;
  });
}
