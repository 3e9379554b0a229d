/**
 * The fake WhatsApp of a program started in a child process (tests/whatsapp-failover.test.ts), loaded through
 * WHATSAPP_TEST_SOCKET. The test drives it over Redis lists under the instance's QUEUE_PREFIX: the test pushes
 * residents' messages to `inbox`; the process whose socket is open delivers them, and reports every socket that
 * opened and every message it sent.
 */
import { BufferJSON, type WAMessage } from '@whiskeysockets/baileys';
import { Redis } from 'ioredis';
import type { SocketFactory } from '../../src/channels/whatsapp/socket.ts';
import { FakeWhatsApp, type FakeSocket, type Sent } from './fake-whatsapp.ts';

export const remoteKeys = (prefix: string) => ({
  inbox: `${prefix}:fake-whatsapp:inbox`,
  events: `${prefix}:fake-whatsapp:events`,
});

export type RemoteEvent = { pid: number; event: 'open' } | ({ pid: number; event: 'sent' } & Sent);

export function createSocketFactory(): SocketFactory {
  const fake = new FakeWhatsApp();
  let started = false;

  // Connects on the first socket only, so that merely loading the module opens nothing.
  function start(): void {
    started = true;
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const keys = remoteKeys(process.env.QUEUE_PREFIX ?? 'mohalla');
    const report = (event: RemoteEvent) => void redis.rpush(keys.events, JSON.stringify(event));
    fake.on('open', (_socket: FakeSocket) => report({ pid: process.pid, event: 'open' }));
    fake.on('sent', (sent: Sent) => report({ pid: process.pid, event: 'sent', ...sent }));
    const blocking = redis.duplicate();
    void (async () => {
      for (;;) {
        const socket = fake.openSocket();
        if (!socket) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          continue;
        }
        const item = await blocking.blpop(keys.inbox, 1);
        if (item) socket.upsert([JSON.parse(item[1], BufferJSON.reviver) as WAMessage], 'notify');
      }
    })();
  }

  return (options) => {
    if (!started) start();
    return fake.factory(options);
  };
}
