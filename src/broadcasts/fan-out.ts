import { jobId, type Queues } from '../pipeline/queues.ts';
import type { Db } from '../store/db.ts';
import { cancelWaitingDeliveries, countAudience, finishQueueing, queueNextDeliveries, setTargeted, startSending } from '../store/broadcasts.ts';

/**
 * Residents queued per statement. The deliveries are queued in the database, not in Redis (the feeder hands
 * them to the platforms' queues a window at a time), so a batch costs one statement and no memory here.
 */
export const FAN_OUT_BATCH = 20_000;

/** Replies carry no priority and BullMQ takes them first; among alerts, urgent ones go first. */
export const PRIORITY = { urgent: 1, normal: 2 };

export interface FanOutResult {
  /** Residents read by this run (a resumed run counts only its own). */
  queued: number;
  cancelled: boolean;
}

/**
 * Queues a broadcast's deliveries: its residents are read in id order, a batch per statement, each statement
 * writing the batch's delivery rows and moving the cursor past them at once. A run interrupted anywhere (a
 * restart, a crash) goes on from the cursor, and no resident gets two rows. Returns null when the broadcast is
 * not to be sent (cancelled, or fully queued before).
 */
export async function fanOut(db: Db, broadcastId: number, batch = FAN_OUT_BATCH): Promise<FanOutResult | null> {
  const broadcast = await startSending(db, broadcastId);
  if (!broadcast) return null;
  if (broadcast.targeted === null) await setTargeted(db, broadcast.id, await countAudience(db, broadcast));
  const priority = broadcast.urgent ? PRIORITY.urgent : PRIORITY.normal;
  let queued = 0;
  let cursor = broadcast.cursor;
  for (;;) {
    const step = await queueNextDeliveries(db, broadcast, cursor, priority, batch);
    if (step === null) {
      // Cancelled meanwhile: rows written as the cancellation happened are cancelled too.
      await cancelWaitingDeliveries(db, broadcast.id);
      return { queued, cancelled: true };
    }
    queued += step.read;
    cursor = step.cursor;
    if (step.read < batch) break;
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
