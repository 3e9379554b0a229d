import type { Redis } from 'ioredis';
import { webNotifyChannel } from './web-channel.ts';

export interface WebNotifier {
  /** Calls `listener` whenever a message for `resident` was stored; returns the function that stops it. */
  listen(resident: string, listener: () => void): () => void;
  close(): Promise<void>;
}

/** One Redis subscription per process, fanned out to the open pages of each resident. */
export async function createWebNotifier(subscriber: Redis, prefix: string): Promise<WebNotifier> {
  const listeners = new Map<string, Set<() => void>>();
  subscriber.on('message', (_channel: string, resident: string) => {
    for (const listener of listeners.get(resident) ?? []) listener();
  });
  await subscriber.subscribe(webNotifyChannel(prefix));
  return {
    listen(resident, listener) {
      const set = listeners.get(resident) ?? new Set();
      set.add(listener);
      listeners.set(resident, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(resident);
      };
    },
    async close() {
      listeners.clear();
      await subscriber.quit();
    },
  };
}
