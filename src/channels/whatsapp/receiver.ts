import { setTimeout as sleep } from 'node:timers/promises';
import {
  downloadMediaMessage,
  isLidUser,
  isPnUser,
  jidDecode,
  jidNormalizedUser,
  toNumber,
  type WAMessage,
  type WAMessageKey,
  WAMessageStatus,
} from '@whiskeysockets/baileys';
import type { Redis } from 'ioredis';
import type { Renderer } from '../../i18n/render.ts';
import type { Logger } from '../../log.ts';
import type { ResidentInput } from '../../messages.ts';
import type { Inbox } from '../../pipeline/inbox.ts';
import type { Secrets } from '../../secrets.ts';
import type { Db } from '../../store/db.ts';
import { MediaError, readLimited, saveMedia } from '../../store/media.ts';
import { linkIdentities } from '../../store/whatsapp-identities.ts';
import { type Receipt, recordReceipt } from '../../store/whatsapp-receipts.ts';
import { scrub } from './client-logger.ts';
import { readMessage } from './incoming.ts';
import type { SocketOptions, WhatsAppSocket } from './socket.ts';

export interface ReceiverOptions {
  db: Db;
  secrets: Secrets;
  inbox: Inbox;
  redis: Redis;
  prefix: string;
  renderer: Renderer;
  dataDir: string;
  maxMediaBytes: number;
  /** Longer texts are explained to the resident instead of taken. */
  maxMessageChars: number;
  log: Logger;
  clientLogger: SocketOptions['logger'];
}

const MAX_FAILURES = 5;

const RECEIPTS: Partial<Record<number, Receipt>> = {
  [WAMessageStatus.ERROR]: 'failed',
  [WAMessageStatus.DELIVERY_ACK]: 'delivered',
  [WAMessageStatus.READ]: 'read',
  [WAMessageStatus.PLAYED]: 'read',
};

const userOf = (jid: string | null | undefined) => (jid ? jidNormalizedUser(jid) : undefined) || undefined;

/**
 * Turns a socket's events into inbox messages. Messages are handled one at a time in arrival order; a
 * resident seen under a LID and under a phone number is found as one (see linkIdentities); photos are
 * downloaded into the media store first; a group gets one message pointing to a private chat; receipts of
 * what we sent are recorded.
 */
export function createReceiver(options: ReceiverOptions): (socket: WhatsAppSocket) => () => void {
  const { db, secrets, log } = options;
  const identity = (kind: 'lid' | 'pn', jid: string) => secrets.hashAddress('whatsapp identity', `${kind}:${jidDecode(jid)?.user}`);

  /** Both ids of the sender, from the key and Baileys' LID mapping, and the address they are known by. */
  async function addressOf(socket: WhatsAppSocket, key: WAMessageKey): Promise<string> {
    const ids = [userOf(key.remoteJid), userOf(key.remoteJidAlt)];
    let lid = ids.find(isLidUser);
    let pn = ids.find(isPnUser);
    const { lidMapping } = socket.signalRepository;
    try {
      if (lid && !pn) pn = userOf(await lidMapping.getPNForLID(lid));
      if (pn && !lid) lid = userOf(await lidMapping.getLIDForPN(pn));
    } catch (error) {
      log.warn({ err: scrub((error as Error).message) }, 'whatsapp: the other id of a resident could not be looked up');
    }
    const hashes = [lid && identity('lid', lid), pn && identity('pn', pn)].filter((h): h is string => Boolean(h));
    // A new resident is known by their LID when there is one: it is WhatsApp's lasting id for them.
    const linked = await linkIdentities(db, hashes, secrets.encrypt(lid ?? pn ?? (key.remoteJid as string)));
    if (linked.merged) log.warn('whatsapp: a resident first seen under two separate ids is now known as one');
    return secrets.decrypt(linked.addressEnc as string);
  }

  async function download(socket: WhatsAppSocket, message: WAMessage): Promise<ResidentInput> {
    try {
      const stream = await downloadMediaMessage(message, 'stream', {}, { reuploadRequest: socket.updateMediaMessage, logger: options.clientLogger });
      const bytes = await readLimited(stream, options.maxMediaBytes);
      return { kind: 'photo', media: await saveMedia(db, options.dataDir, bytes, options.maxMediaBytes) };
    } catch (error) {
      if (error instanceof MediaError) return { kind: 'unsupported', reason: error.reason };
      log.warn({ err: scrub((error as Error).message) }, 'whatsapp photo could not be downloaded');
      return { kind: 'unsupported', reason: 'media-failed' };
    }
  }

  async function pointToPrivateChat(socket: WhatsAppSocket, groupJid: string): Promise<void> {
    // Once per group: a number that answers every group message is noise, and group posting risks a ban.
    const told = await options.redis.sadd(`${options.prefix}:whatsapp:groups-told`, secrets.hashAddress('whatsapp group', groupJid));
    if (told === 0) return;
    const own = jidDecode(socket.user?.id)?.user;
    const notice = options.renderer.render([{ key: 'whatsapp-group-notice', lang: null, args: { link: own ? `https://wa.me/${own}` : '' } }]);
    if (notice) await socket.sendMessage(groupJid, { text: notice.text }).catch((e: Error) => log.warn({ err: e.message }, 'whatsapp group notice not sent'));
  }

  async function receive(socket: WhatsAppSocket, message: WAMessage): Promise<void> {
    const incoming = readMessage(message, { maxBytes: options.maxMediaBytes, maxChars: options.maxMessageChars });
    if (incoming.kind === 'ignored') return;
    if (incoming.kind === 'group') return pointToPrivateChat(socket, incoming.groupJid);
    const address = await addressOf(socket, message.key);
    const input = incoming.kind === 'photo' ? await download(socket, message) : incoming.input;
    const sentAt = toNumber(message.messageTimestamp ?? 0);
    await options.inbox.accept({
      id: `whatsapp-${message.key.id}`,
      platform: 'whatsapp',
      address,
      receivedAt: (sentAt > 0 ? new Date(sentAt * 1000) : new Date()).toISOString(),
      input,
    });
  }

  /**
   * Baileys has already confirmed the message to WhatsApp when it hands it over, so a message that cannot be
   * queued is retried here for a while; one that fails with everything up is a bug, logged and skipped.
   */
  async function receiveSafely(socket: WhatsAppSocket, message: WAMessage): Promise<void> {
    for (let failures = 1; ; failures++) {
      try {
        return await receive(socket, message);
      } catch (error) {
        log.error({ err: scrub((error as Error).message), failures }, 'whatsapp message not queued');
        if (failures >= MAX_FAILURES) return;
        await sleep(500 * 2 ** failures);
      }
    }
  }

  return (socket) => {
    let queue: Promise<void> = Promise.resolve();
    const onUpsert = ({ messages }: { messages: WAMessage[] }) => {
      for (const message of messages) queue = queue.then(() => receiveSafely(socket, message));
    };
    const onMapping = ({ lid, pn }: { lid: string; pn: string }) => {
      const ids = [userOf(lid), userOf(pn)];
      const [l, p] = [ids.find(isLidUser), ids.find(isPnUser)];
      if (!l || !p) return;
      linkIdentities(db, [identity('lid', l), identity('pn', p)], null).catch((e: Error) => log.warn({ err: e.message }, 'whatsapp: id mapping not stored'));
    };
    const onUpdate = (updates: { key: WAMessageKey; update: Partial<WAMessage> }[]) => {
      for (const { key, update } of updates) {
        const receipt = typeof update.status === 'number' ? RECEIPTS[update.status] : undefined;
        if (!key.fromMe || !key.id || !receipt) continue;
        recordReceipt(db, key.id, receipt).catch((e: Error) => log.warn({ err: e.message }, 'whatsapp receipt not recorded'));
      }
    };
    socket.ev.on('messages.upsert', onUpsert);
    socket.ev.on('lid-mapping.update', onMapping);
    socket.ev.on('messages.update', onUpdate);
    return () => {
      socket.ev.off('messages.upsert', onUpsert);
      socket.ev.off('lid-mapping.update', onMapping);
      socket.ev.off('messages.update', onUpdate);
    };
  }
}
