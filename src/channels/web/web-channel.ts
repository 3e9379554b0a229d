import type { Redis } from 'ioredis';
import type { OutboundMessage } from '../../messages.ts';
import type { Db } from '../../store/db.ts';
import { addWebMessage } from '../../store/web-messages.ts';
import type { Channel } from '../channel.ts';

export const webNotifyChannel = (prefix: string) => `${prefix}:web-messages`;

/**
 * The web chat's sending half: a message for a web resident is stored for the page to read, and every
 * process serving pages is told, so an open page gets it at once over its event stream.
 */
export function createWebChannel(db: Db, publisher: Redis, prefix: string): Channel {
  return {
    platform: 'web',
    async send(address: string, message: OutboundMessage, key: string) {
      await addWebMessage(db, address, message, key);
      await publisher.publish(webNotifyChannel(prefix), address);
    },
  };
}
