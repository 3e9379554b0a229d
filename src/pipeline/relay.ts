import type { Logger } from '../log.ts';
import type { Db } from '../store/db.ts';
import { claimStaleOutbox } from '../store/outbox.ts';
import { pruneProcessed } from '../store/processed.ts';
import { pruneWebMessages } from '../store/web-messages.ts';
import { OUTBOUND_JOB_OPTIONS } from './outbound.ts';
import { jobId, type Queues } from './queues.ts';

const BATCH = 1000;
const PROCESSED_KEEP_DAYS = 7;
const WEB_KEEP_HOURS = 24;
const HOUR_MS = 3_600_000;

export interface Relay {
  /** One sweep now; returns how many rows were queued again. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Queues outbox rows that should have been queued by now and were not: the process died between its commit
 * and its enqueue, or Redis lost its data. Queueing twice is harmless: the job id is the row id.
 * Also prunes what is kept only for a while.
 */
export function startRelay(db: Db, queues: Queues, log: Logger, everyMs: number): Relay {
  let running: Promise<unknown> = Promise.resolve();
  let lastPrune = 0;

  async function sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await claimStaleOutbox(db, everyMs / 1000, BATCH);
      for (const platform of new Set(rows.map((r) => r.platform))) {
        const jobs = rows
          .filter((r) => r.platform === platform)
          .map((r) => ({ name: 'send', data: { outboxId: r.id }, opts: { ...OUTBOUND_JOB_OPTIONS, jobId: jobId('outbox', r.id) } }));
        await queues.outbound(platform).addBulk(jobs);
      }
      total += rows.length;
      if (rows.length < BATCH) break;
    }
    if (total > 0) log.info({ rows: total }, 'outbox relay queued unsent messages');
    if (Date.now() - lastPrune > HOUR_MS) {
      lastPrune = Date.now();
      await pruneProcessed(db, PROCESSED_KEEP_DAYS);
      await pruneWebMessages(db, WEB_KEEP_HOURS);
    }
    return total;
  }

  // Sweeps never overlap: a slow one delays the next instead of racing it.
  const serialised = (): Promise<number> => {
    const next = running.then(sweep);
    running = next.catch(() => {});
    return next;
  };
  const timer = setInterval(() => serialised().catch((error) => log.error({ err: error }, 'outbox relay failed')), everyMs);
  timer.unref();
  return {
    sweep: serialised,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
