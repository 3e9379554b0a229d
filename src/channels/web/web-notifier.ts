import type { Redis } from 'ioredis';
import type { WebMessage } from '../../store/web-messages.ts';
import { type WebDelivery, webNotifyChannel } from './web-mailbox.ts';

export type WebListener = (message: WebMessage, previousId: string) => void;

export interface WebNotifier {
  /** Calls `listener` with every message announced for the resident from now on; returns the function that stops it. */
  listen(residentKey: string, listener: WebListener): () => void;
  close(): Promise<void>;
}

/** One Redis subscription per process, fanned out to the open pages of each resident. */
export async function createWebNotifier(subscriber: Redis, prefix: string): Promise<WebNotifier> {
  const listeners = new Map<string, Set<WebListener>>();
  // Reconnects by itself; the main connection already logs that Redis is away.
  subscriber.on('error', () => {});
  subscriber.on('message', (_channel: string, payload: string) => {
    const { residentKey, message, previousId } = JSON.parse(payload) as WebDelivery;
    for (const listener of listeners.get(residentKey) ?? []) listener(message, previousId);
  });
  await subscriber.subscribe(webNotifyChannel(prefix));
  return {
    listen(residentKey, listener) {
      const set = listeners.get(residentKey) ?? new Set();
      set.add(listener);
      listeners.set(residentKey, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(residentKey);
      };
    },
    async close() {
      listeners.clear();
      await subscriber.quit();
    },
  };
}
