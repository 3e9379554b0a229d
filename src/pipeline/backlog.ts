import type { Queue } from 'bullmq';

/** Too many messages wait already: the sender (a page, a platform) is asked to try again later. */
export class BacklogFullError extends Error {
  readonly code = 'BACKLOG_FULL';
  constructor(limit: number) {
    super(`more than ${limit} messages are waiting to be handled`);
  }
}

/** Also when a library wrapped it (grammY hands middleware errors on as `error`). */
export function isBacklogFull(error: unknown): boolean {
  if (error instanceof BacklogFullError) return true;
  if (!(error instanceof Error)) return false;
  const wrapped = error as { cause?: unknown; error?: unknown };
  return isBacklogFull(wrapped.cause) || isBacklogFull(wrapped.error);
}

export interface Backlog {
  /** Counts one more message in, or throws BacklogFullError when `limit` wait already. */
  admit(): Promise<void>;
}

/**
 * Keeps the inbound queues from growing without bound. Counting every partition on every message would cost
 * more than the message, so the count is read at most every `sampleMs` and what this process added since is
 * counted on top: a burst is refused as soon as it passes the limit, however fast it comes.
 */
export function createBacklog(queues: Queue[], limit: number, sampleMs = 1000): Backlog {
  let waiting = 0;
  let sampledAt = Number.NEGATIVE_INFINITY;
  let sampling: Promise<void> | null = null;
  const sample = async () => {
    const counts = await Promise.all(queues.map((queue) => queue.count()));
    waiting = counts.reduce((sum, n) => sum + n, 0);
    sampledAt = Date.now();
  };
  return {
    async admit() {
      if (Date.now() - sampledAt >= sampleMs) {
        sampling ??= sample().finally(() => {
          sampling = null;
        });
        await sampling;
      }
      if (waiting >= limit) throw new BacklogFullError(limit);
      waiting++;
    },
  };
}
