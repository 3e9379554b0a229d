import { setTimeout as sleep } from 'node:timers/promises';
import { createConcurrentSink, createRunner, createSource, type RunnerHandle, type UpdateSupplier } from '@grammyjs/runner';
import { type Bot, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import type { Redis } from 'ioredis';
import type { Logger } from '../../log.ts';
import { isBacklogFull } from '../../pipeline/backlog.ts';
import { takeLease } from '../../pipeline/lease.ts';

export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;
const POLL_SECONDS = 25;
const LEASE_MS = 30_000;
const MAX_FAILURES = 5;

export interface Polling {
  stop(): Promise<void>;
}

/**
 * Long polling with grammY's runner, one process at a time (a Redis lease). Telegram forgets updates as soon as
 * the next getUpdates asks for a higher offset, so the next call waits until every update of the batch is in
 * the inbox, and the offset is kept in Redis: a restart goes on where the last process stopped.
 */
export function startPolling(bot: Bot, redis: Redis, prefix: string, log: Logger): Polling {
  const offsetKey = `${prefix}:telegram:offset`;
  const lease = takeLease(redis, `${prefix}:telegram:poller`, LEASE_MS);
  let stopping = false;
  let runner: RunnerHandle | null = null;
  let batch: Promise<unknown>[] = [];
  let lastId: number | null = null;

  /**
   * Queues one update, retrying for as long as Redis is away or the backlog full: an update that was not queued must not be
   * confirmed. An update that fails with Redis up is a bug in handling it; after a few tries it is logged and
   * skipped, so one bad update cannot stop every resident's messages.
   */
  async function consume(update: Update): Promise<void> {
    let failures = 0;
    for (let wait = 500; ; wait = Math.min(wait * 2, 30_000)) {
      try {
        await bot.handleUpdate(update);
        return;
      } catch (error) {
        // Redis away, or too much waiting already: the update waits too, it is not at fault.
        if (redis.status === 'ready' && !isBacklogFull(error)) failures++;
        log.error({ err: (error as Error).message, update: update.update_id, failures }, 'telegram update not queued');
        if (stopping) throw error;
        if (failures >= MAX_FAILURES) {
          log.error({ update: update.update_id }, 'telegram update skipped after repeated failures');
          return;
        }
        await sleep(wait);
      }
    }
  }

  const supply: UpdateSupplier<Update>['supply'] = async (batchSize, signal) => {
    await Promise.allSettled(batch);
    if (lastId !== null) await redis.set(offsetKey, String(lastId + 1));
    const offset = Number((await redis.get(offsetKey)) ?? 0);
    for (let wait = 1000; ; wait = Math.min(wait * 2, 60_000)) {
      try {
        const updates = await bot.api.getUpdates({ offset, limit: Math.min(batchSize, 100), timeout: POLL_SECONDS, allowed_updates: [...ALLOWED_UPDATES] }, signal);
        lastId = updates.at(-1)?.update_id ?? lastId;
        batch = [];
        return updates;
      } catch (error) {
        if (signal.aborted) throw error;
        if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409)) {
          log.error({ err: error.description }, 'telegram refused polling');
          throw error;
        }
        const retryAfter = error instanceof GrammyError ? (error.parameters.retry_after ?? 0) * 1000 : 0;
        log.warn({ err: (error as Error).message }, 'telegram getUpdates failed; retrying');
        await sleep(Math.max(wait, retryAfter));
      }
    }
  };

  const started = lease.acquired.then(async () => {
    if (stopping) return;
    const source = createSource({ supply });
    const sink = createConcurrentSink(
      {
        consume: (update: Update) => {
          const handled = consume(update);
          batch.push(handled);
          return handled;
        },
      },
      async (error) => log.error({ err: (error as Error).message }, 'telegram update failed'),
    );
    runner = createRunner(source, sink);
    runner.start();
    log.info('telegram: polling for updates');
  });

  return {
    async stop() {
      stopping = true;
      await runner?.stop();
      await Promise.allSettled(batch);
      if (lastId !== null) await redis.set(offsetKey, String(lastId + 1));
      await lease.release();
      await started;
    },
  };
}
