import type { Redis } from 'ioredis';
import type { WebMessage } from '../../store/web-messages.ts';

/**
 * The web chat has no platform to send to: a reply is stored in the web chat's mailbox (`web_messages`) by the
 * turn's own write, and announced after the commit to every process serving pages, message included, so an
 * open page gets it at once without reading it back.
 */

export const webNotifyChannel = (prefix: string) => `${prefix}:web-messages`;

export interface WebDelivery {
  /** Keyed hash of the web resident's id: pages are listened to under it, never under the id itself. */
  residentKey: string;
  message: WebMessage;
  /** The resident's message before this one ("0" when none): a page that has not seen it missed an announcement. */
  previousId: string;
}

export type Announce = (delivery: WebDelivery) => Promise<void>;

export function createWebAnnouncer(publisher: Redis, prefix: string): Announce {
  return async (delivery) => {
    await publisher.publish(webNotifyChannel(prefix), JSON.stringify(delivery));
  };
}
