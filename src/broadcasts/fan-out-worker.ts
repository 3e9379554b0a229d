import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { BROADCAST_QUEUE, type FanOutJob } from '../pipeline/queues.ts';
import type { Db } from '../store/db.ts';
import { fanOut } from './fan-out.ts';

export interface FanOutWorkerOptions {
  connection: Redis;
  prefix: string;
  db: Db;
  log: Logger;
  lockMs: number;
  /** Residents queued per statement. */
  batch: number;
}

/**
 * Fans broadcasts out when their time comes. A process that dies in the middle leaves the job to another
 * worker (or to itself after a restart) once its lock lapses, and the fan-out goes on from its cursor.
 */
export function startFanOutWorker(options: FanOutWorkerOptions): Worker<FanOutJob> {
  const { log } = options;
  const worker = new Worker<FanOutJob>(
    BROADCAST_QUEUE,
    async (job) => {
      const started = Date.now();
      const result = await fanOut(options.db, job.data.broadcastId, options.batch);
      if (result) log.info({ broadcast: job.data.broadcastId, queued: result.queued, cancelled: result.cancelled, ms: Date.now() - started }, 'broadcast queued');
      return result;
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: 2,
      lockDuration: options.lockMs,
      stalledInterval: Math.max(1000, options.lockMs / 2),
    },
  );
  worker.on('failed', (job, error) => log.warn({ broadcast: job?.data.broadcastId, attempt: job?.attemptsMade, err: error.message }, 'broadcast fan-out failed'));
  worker.on('error', (error) => log.error({ err: error }, 'broadcast worker error'));
  return worker;
}
