import { OUTBOUND_JOB_OPTIONS } from '../pipeline/outbound.ts';
import { jobId, type Queues } from '../pipeline/queues.ts';
import type { Db } from '../store/db.ts';
import { advanceCursor, type Broadcast, cancelWaitingDeliveries, countAudience, finishQueueing, nextDeliveries, type QueuedDelivery, setTargeted, startSending } from '../store/broadcasts.ts';
import { quietMsLeft } from './quiet-hours.ts';

/** Residents read, and deliveries queued, at a time: memory stays the same whatever the number of residents. */
export const FAN_OUT_BATCH = 1000;

/** Replies carry no priority and BullMQ takes them first; among alerts, urgent ones go first. */
const PRIORITY = { urgent: 1, normal: 2 };

export interface FanOutResult {
  /** Deliveries queued by this run (a resumed run counts only its own). */
  queued: number;
  cancelled: boolean;
}

/** The job id of one resident's delivery of one broadcast: queueing it again after a restart adds nothing. */
export const deliveryJobId = (deliveryId: number) => jobId('alert', deliveryId);

async function queueDeliveries(queues: Queues, broadcast: Broadcast, rows: QueuedDelivery[], now: number): Promise<void> {
  for (const platform of new Set(rows.map((r) => r.platform))) {
    const jobs = rows
      .filter((r) => r.platform === platform)
      .map((r) => {
        // Not during the resident's quiet hours, unless urgent: the job waits until they end.
        const quiet = broadcast.urgent || r.quietFrom === null || r.quietUntil === null ? 0 : quietMsLeft({ from: r.quietFrom, until: r.quietUntil }, now);
        return {
          name: 'alert',
          data: { deliveryId: r.id },
          opts: {
            ...OUTBOUND_JOB_OPTIONS,
            jobId: deliveryJobId(r.id),
            priority: broadcast.urgent ? PRIORITY.urgent : PRIORITY.normal,
            ...(quiet > 0 ? { delay: quiet } : {}),
          },
        };
      });
    await queues.outbound(platform).addBulk(jobs);
  }
}

/**
 * Queues a broadcast's deliveries: its residents are read from the database in id order, a batch at a time,
 * each batch queued before the cursor moves past it. A run interrupted anywhere (a restart, a crash) goes on
 * from the cursor; residents read twice find their delivery row and its job id again, so none is queued twice.
 * Returns null when the broadcast is not to be sent (cancelled, or fully queued before).
 */
export async function fanOut(db: Db, queues: Queues, broadcastId: number, batch = FAN_OUT_BATCH, now: () => number = Date.now): Promise<FanOutResult | null> {
  const broadcast = await startSending(db, broadcastId);
  if (!broadcast) return null;
  if (broadcast.targeted === null) await setTargeted(db, broadcast.id, await countAudience(db, broadcast));
  let queued = 0;
  const read = (cursor: string | null) => {
    const rows = nextDeliveries(db, broadcast, cursor, batch);
    // Awaited below; until then a failure must not count as unhandled.
    rows.catch(() => {});
    return rows;
  };
  let next = read(broadcast.cursor);
  for (;;) {
    const rows = await next;
    const last = rows.at(-1)?.residentId;
    if (!last) break;
    // The next batch is read from the database while this one goes to Redis.
    next = rows.length < batch ? Promise.resolve([]) : read(last);
    await queueDeliveries(queues, broadcast, rows, now());
    // Losing this in a database crash only means reading a batch again.
    if (!(await advanceCursor(db.relaxed, broadcast.id, last, rows.length))) {
      // Cancelled meanwhile: rows read after the cancellation are cancelled too (their jobs find out by themselves).
      await next;
      await cancelWaitingDeliveries(db, broadcast.id);
      return { queued, cancelled: true };
    }
    queued += rows.length;
  }
  await finishQueueing(db, broadcast.id);
  return { queued, cancelled: false };
}

export const FAN_OUT_JOB_OPTIONS = {
  attempts: 20,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  // Gone from Redis once given up, so the relay's sweep can queue it again.
  removeOnFail: true,
} as const;

/** Queues a broadcast's fan-out for its time; queueing it again while it waits or runs adds nothing. */
export async function scheduleFanOut(queues: Queues, broadcastId: number, sendAt: Date, now = Date.now()): Promise<void> {
  await queues.broadcasts.add('fan-out', { broadcastId }, { ...FAN_OUT_JOB_OPTIONS, jobId: jobId('broadcast', broadcastId), delay: Math.max(0, sendAt.getTime() - now) });
}
