import type { Logger } from '../log.ts';
import type { Platform } from '../messages.ts';
import { OUTBOUND_JOB_OPTIONS } from '../pipeline/outbound.ts';
import { jobId, type Queues } from '../pipeline/queues.ts';
import type { Db } from '../store/db.ts';
import { handDeliveries, holdDeliveries } from '../store/broadcasts.ts';
import { PRIORITY } from './fan-out.ts';
import { quietMsLeft } from './quiet-hours.ts';

/**
 * Alert deliveries on a platform's queue at most (about: feeders of several processes may each fill it). A
 * platform sends tens a second, so this is minutes of work, and Redis never holds a city's worth of jobs.
 */
export const FEED_WINDOW = 2000;

/** The job id of one resident's delivery of one broadcast: queueing it again adds nothing. */
export const deliveryJobId = (deliveryId: number) => jobId('alert', deliveryId);

/**
 * Tops up one platform's queue with waiting deliveries, up to the window. Alerts are the queue's only jobs
 * with a priority, so its prioritized count is the alerts waiting there. A delivery that falls in the
 * resident's quiet hours (and is not urgent) goes back to wait in the database until they end. Returns how
 * many jobs were queued.
 */
export async function feedPlatform(db: Db, queues: Queues, platform: Platform, window = FEED_WINDOW, now = Date.now()): Promise<number> {
  const queue = queues.outbound(platform);
  const room = window - (await queue.getPrioritizedCount());
  if (room <= 0) return 0;
  const rows = await handDeliveries(db, platform, room);
  const held: { id: number; until: Date }[] = [];
  const jobs = [];
  for (const row of rows) {
    const quiet = row.priority === PRIORITY.urgent || row.quietFrom === null || row.quietUntil === null ? 0 : quietMsLeft({ from: row.quietFrom, until: row.quietUntil }, now);
    if (quiet > 0) held.push({ id: row.id, until: new Date(now + quiet) });
    else jobs.push({ name: 'alert', data: { deliveryId: row.id }, opts: { ...OUTBOUND_JOB_OPTIONS, jobId: deliveryJobId(row.id), priority: row.priority } });
  }
  if (held.length > 0) await holdDeliveries(db, held);
  // Should this fail (or the process die first), the rows stay marked handed and the relay hands them again.
  if (jobs.length > 0) await queue.addBulk(jobs);
  return jobs.length;
}

const BUSY_PAUSE_MS = 50;
const FAILED_PAUSE_MS = 2000;

export interface DeliveryFeeder {
  stop(): Promise<void>;
}

/** Feeds the platforms' queues: again at once while there is work, every `idleMs` when there is none. */
export function startDeliveryFeeder(db: Db, queues: Queues, log: Logger, platforms: Platform[], options: { idleMs?: number; window?: number } = {}): DeliveryFeeder {
  const { idleMs = 250, window = FEED_WINDOW } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake = () => {};
  const loop = (async () => {
    while (!stopped) {
      let fed = 0;
      let failed = false;
      for (const platform of platforms) {
        try {
          fed += await feedPlatform(db, queues, platform, window);
        } catch (error) {
          failed = true;
          log.warn({ err: error, platform }, 'alert feeder failed; trying again');
        }
      }
      // While a fan-out runs or a queue drains, the next top-up comes soon; otherwise the feeder idles, and
      // after a failure (the database or Redis away) it waits longer.
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, failed ? FAILED_PAUSE_MS : fed > 0 ? BUSY_PAUSE_MS : idleMs);
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake();
      await loop;
    },
  };
}
