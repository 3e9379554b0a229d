import { scheduleFanOut } from '../broadcasts/fan-out.ts';
import type { Logger } from '../log.ts';
import { releaseStaleDeliveries, unfinishedBroadcasts } from '../store/broadcasts.ts';
import type { Db } from '../store/db.ts';
import { claimStaleOutbox } from '../store/outbox.ts';
import { claimDueTimeouts } from '../store/sessions.ts';
import { applyRetention, type RetentionPolicy } from '../store/retention.ts';
import { pruneSecrets } from '../store/web-messages.ts';
import type { Inbox } from './inbox.ts';
import { queueSends } from './outbound.ts';
import type { Queues } from './queues.ts';

const BATCH = 1000;
const WEB_SECRET_MINUTES = 10;
const HOUR_MS = 3_600_000;
/** Longer than a window of alerts takes to go out at a platform's pace (2,000 at Telegram's 30 a second: about a minute). */
const STALE_DELIVERY_SECONDS = 15 * 60;

export interface Relay {
  /** One sweep now; returns how many messages were queued again. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The periodic work of the worker processes:
 * - queues outbox rows that should have been queued by now and were not (the process died between its write
 *   and its enqueue, or Redis lost its data); queueing twice is harmless, the job id is the row id;
 * - queues the fan-out of broadcasts whose job Redis lost, and hands alert deliveries to the queues again when
 *   they were handed long ago and are still not sent (Redis lost them, or the feeder died in between);
 * - tells conversations whose wait is over that their time is up;
 * - deletes what is kept only for a while: secrets shown in the web chat within minutes, the rest once an hour
 *   as the retention policy says.
 */
export function startRelay(db: Db, queues: Queues, inbox: Inbox, log: Logger, everyMs: number, retention: { dataDir: string; policy: RetentionPolicy }): Relay {
  let running: Promise<unknown> = Promise.resolve();
  let lastPrune = 0;

  async function requeue(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await claimStaleOutbox(db, everyMs / 1000, BATCH);
      await queueSends(queues, rows);
      total += rows.length;
      if (rows.length < BATCH) break;
    }
    if (total > 0) log.info({ rows: total }, 'outbox relay queued unsent messages');
    return total;
  }

  async function timeouts(): Promise<void> {
    for (;;) {
      const due = await claimDueTimeouts(db, BATCH);
      for (const t of due) await inbox.timeout(t.residentId, t.residentKey, t.token);
      if (due.length < BATCH) return;
    }
  }

  /** Every broadcast not yet fully queued has its fan-out job: Redis may have lost it, or its queueing failed. */
  async function broadcasts(): Promise<void> {
    for (const b of await unfinishedBroadcasts(db)) await scheduleFanOut(queues, b.id, b.sendAt);
    const released = await releaseStaleDeliveries(db, STALE_DELIVERY_SECONDS);
    if (released > 0) log.info({ deliveries: released }, 'alert deliveries handed to a queue long ago and not sent are handed again');
  }

  async function sweep(): Promise<number> {
    const total = await requeue();
    await broadcasts();
    await timeouts();
    await pruneSecrets(db, WEB_SECRET_MINUTES);
    if (Date.now() - lastPrune > HOUR_MS) {
      lastPrune = Date.now();
      const pruned = await applyRetention(db, retention.dataDir, retention.policy);
      if (Object.values(pruned).some((n) => n > 0)) log.info({ pruned }, 'retention: deleted what is kept no longer');
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
