import { EventEmitter } from 'node:events';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AnyMessageContent,
  type AuthenticationState,
  type BaileysEventEmitter,
  type BaileysEventMap,
  type ConnectionState,
  type Contact,
  DisconnectReason,
  encryptedStream,
  generateMessageIDV2,
  type MessageUpsertType,
  type proto,
  type WAMessage,
  type WAMessageKey,
  WAMessageStatus,
} from '@whiskeysockets/baileys';
import type { SocketFactory, SocketOptions, WhatsAppSocket } from '../../src/channels/whatsapp/socket.ts';

/** The bot's own number and LID in the fake world (not real). */
/**
 * How long a test waits for the program to react: far longer than it takes, so that a machine busy with other
 * tests (the program starting, the database writing the session) fails nothing; a pass costs no more.
 */
export const WAIT_MS = 45_000;
export const BOT_PN = '920000000001';
export const BOT_LID = '100000000000001';

export interface Sent {
  jid: string;
  text: string;
  id: string;
  at: number;
  socket: number;
}

/** A disconnect as Baileys reports it: a Boom error whose output carries the status code. */
export function closeError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { isBoom: true, output: { statusCode, payload: { statusCode, error: message, message } } });
}

/** Baileys' event emitter: typed events on a plain Node emitter. */
class Events implements BaileysEventEmitter {
  private readonly emitter = new EventEmitter();
  on<T extends keyof BaileysEventMap>(event: T, listener: (arg: BaileysEventMap[T]) => void): void {
    this.emitter.on(event, listener);
  }
  off<T extends keyof BaileysEventMap>(event: T, listener: (arg: BaileysEventMap[T]) => void): void {
    this.emitter.off(event, listener);
  }
  removeAllListeners<T extends keyof BaileysEventMap>(event: T): void {
    this.emitter.removeAllListeners(event);
  }
  emit<T extends keyof BaileysEventMap>(event: T, arg: BaileysEventMap[T]): boolean {
    return this.emitter.emit(event, arg);
  }
  count(event: keyof BaileysEventMap): number {
    return this.emitter.listenerCount(event);
  }
}

/**
 * One connection of the fake: it behaves towards Mohalla as Baileys' socket does. A session that is registered
 * opens at once; otherwise it shows QR codes until the "phone" links it (pair-success, then close 515). It
 * writes keys through the auth state it was given, logs like Baileys (ids and all) through the logger it was
 * given, and emits our own sends back as `append` upserts.
 */
export class FakeSocket implements WhatsAppSocket {
  readonly ev = new Events();
  user: Contact | undefined;
  ended = false;
  isOpen = false;
  private qrs = 0;
  private readonly auth: AuthenticationState;
  readonly logger: SocketOptions['logger'];

  constructor(
    private readonly world: FakeWhatsApp,
    readonly index: number,
    options: SocketOptions,
  ) {
    this.auth = options.auth;
    this.logger = options.logger;
    setImmediate(() => void this.boot());
  }

  readonly signalRepository = {
    lidMapping: {
      getPNForLID: async (lid: string) => {
        const pn = this.world.pnOf(lid.split('@')[0]?.split(':')[0] ?? '');
        return pn ? `${pn}@s.whatsapp.net` : null;
      },
      getLIDForPN: async (pn: string) => {
        const lid = this.world.lidOf(pn.split('@')[0]?.split(':')[0] ?? '');
        return lid ? `${lid}@lid` : null;
      },
    },
  };

  private update(update: Partial<ConnectionState>): void {
    this.ev.emit('connection.update', update);
  }

  private async boot(): Promise<void> {
    if (this.ended) return;
    this.update({ connection: 'connecting', receivedPendingNotifications: false, qr: undefined });
    if (this.auth.creds.registered && this.auth.creds.me) {
      // What Baileys does on login: new pre-keys, our own LID mapping and device list.
      await this.auth.keys.set({ 'pre-key': { [String(this.auth.creds.nextPreKeyId)]: this.auth.creds.signedIdentityKey } });
      await this.auth.keys.set({ 'lid-mapping': { [BOT_PN]: BOT_LID, [`${BOT_LID}_reverse`]: BOT_PN }, 'device-list': { [BOT_PN]: ['0', '7'] } });
      this.user = this.auth.creds.me;
      this.isOpen = true;
      this.update({ connection: 'open' });
      this.world.opened(this);
      return;
    }
    this.showQr();
  }

  showQr(): void {
    if (this.ended) return;
    this.qrs++;
    this.update({ qr: `2@fake-ref-${this.index}-${this.qrs},fake-noise-key,fake-identity-key,fake-adv-secret` });
  }

  /** The phone scans the QR code (or confirms a pairing code): Baileys' pair-success, then the 515 restart. */
  async link(): Promise<void> {
    const me = { id: `${BOT_PN}:7@s.whatsapp.net`, lid: `${BOT_LID}:7@lid`, name: 'Mohalla' };
    this.logger.info({ me, platform: 'android' }, 'pairing configured successfully, expect to restart the connection...');
    Object.assign(this.auth.creds, { me, registered: true, platform: 'android', account: { details: Buffer.from('fake-adv-details') } });
    this.ev.emit('creds.update', { me, registered: true, platform: 'android' });
    this.update({ isNewLogin: true, qr: undefined });
    await sleep(20);
    this.close(DisconnectReason.restartRequired, 'Stream Errored (restart required)');
  }

  /** The server ends the connection with this status (the socket is spent, as in Baileys). */
  close(statusCode: number, message: string): void {
    void this.end(closeError(statusCode, message));
  }

  async end(error: Error | undefined): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.isOpen = false;
    this.update({ connection: 'close', lastDisconnect: { error, date: new Date() } });
  }

  upsert(messages: WAMessage[], type: MessageUpsertType): void {
    this.ev.emit('messages.upsert', { messages, type });
  }

  async sendMessage(jid: string, content: AnyMessageContent): Promise<WAMessage | undefined> {
    if (!this.isOpen) throw closeError(DisconnectReason.connectionClosed, 'Connection Closed');
    const text = 'text' in content && typeof content.text === 'string' ? content.text : '';
    const key: WAMessageKey = { remoteJid: jid, fromMe: true, id: generateMessageIDV2(this.user?.id) };
    const message: WAMessage = { key, message: { extendedTextMessage: { text } }, messageTimestamp: Math.floor(Date.now() / 1000), status: WAMessageStatus.PENDING };
    this.world.record({ jid, text, id: key.id as string, at: Date.now(), socket: this.index });
    // emitOwnEvents: Baileys hands our own sends back as appended messages.
    setImmediate(() => this.upsert([message], 'append'));
    return message;
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    if (this.ended || this.qrs === 0) throw closeError(DisconnectReason.connectionClosed, 'Connection Closed');
    const code = 'FAKE1234';
    this.auth.creds.pairingCode = code;
    this.auth.creds.me = { id: `${phoneNumber}@s.whatsapp.net`, name: '~' };
    this.ev.emit('creds.update', this.auth.creds);
    return code;
  }

  async updateMediaMessage(message: WAMessage): Promise<WAMessage> {
    throw closeError(404, `media of ${message.key.id} is gone`);
  }

  /** What Baileys logs when it cannot handle a stanza: the whole node, ids included. */
  logHandlingError(from: string, participantPn: string): void {
    this.logger.error({ error: new Error(`No session for ${from}`), node: `<message from="${from}" sender_pn="${participantPn}@s.whatsapp.net"/>` }, 'error in handling message');
    this.logger.warn(`Invalid LID-PN mapping: ${from}, ${participantPn}@s.whatsapp.net`);
  }
}

/**
 * The WhatsApp side of the tests: hands out sockets through `factory`, knows which LID belongs to which phone
 * number (as WhatsApp's servers do), records every message sent, and serves encrypted media like WhatsApp's
 * media servers (encrypted with Baileys' own encryptedStream, so Baileys' downloadMediaMessage decrypts it).
 */
export class FakeWhatsApp extends EventEmitter {
  readonly sockets: FakeSocket[] = [];
  readonly sent: Sent[] = [];
  private readonly lidByPn = new Map<string, string>();
  private readonly media = new Map<string, string>();
  private server: Server | null = null;
  private mediaUrl = '';

  readonly factory: SocketFactory = (options) => {
    const socket = new FakeSocket(this, this.sockets.length, options);
    this.sockets.push(socket);
    this.emit('change');
    return socket;
  };

  get current(): FakeSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('fake WhatsApp: no socket was made');
    return socket;
  }

  /** The live socket, if any. */
  openSocket(): FakeSocket | null {
    const socket = this.sockets.at(-1);
    return socket?.isOpen ? socket : null;
  }

  knowsPair(lid: string, pn: string): void {
    this.lidByPn.set(pn, lid);
  }

  lidOf(pn: string): string | undefined {
    return this.lidByPn.get(pn);
  }

  pnOf(lid: string): string | undefined {
    return [...this.lidByPn].find(([, l]) => l === lid)?.[0];
  }

  opened(socket: FakeSocket): void {
    this.emit('open', socket);
    this.emit('change');
  }

  record(sent: Sent): void {
    this.sent.push(sent);
    this.emit('sent', sent);
    this.emit('change');
  }

  sentTo(jid: string): Sent[] {
    return this.sent.filter((s) => s.jid === jid);
  }

  /** Waits until `predicate` holds, looking again at every change. */
  async waitFor(predicate: () => boolean, timeoutMs = WAIT_MS, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`fake WhatsApp: ${what} not met within ${timeoutMs} ms (${this.sent.length} sent, ${this.sockets.length} sockets)`);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.off('change', done);
          resolve();
        };
        const timer = setTimeout(done, 100);
        this.once('change', done);
      });
    }
  }

  /** An image message as a resident's phone uploads it: encrypted media on the (fake) media server. */
  async image(bytes: Buffer): Promise<proto.Message.IImageMessage> {
    if (!this.server) {
      this.server = createServer((request, response) => {
        const file = this.media.get(request.url ?? '');
        if (!file) {
          response.writeHead(404).end();
          return;
        }
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        createReadStream(file).pipe(response);
      });
      await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
      const address = this.server.address() as { port: number };
      this.mediaUrl = `http://127.0.0.1:${address.port}`;
    }
    const encrypted = await encryptedStream(bytes, 'image');
    const path = `/v/t62.7118-24/${generateMessageIDV2()}.enc`;
    this.media.set(path, encrypted.encFilePath);
    return {
      url: `${this.mediaUrl}${path}`,
      mimetype: 'image/jpeg',
      mediaKey: encrypted.mediaKey,
      fileSha256: encrypted.fileSha256,
      fileEncSha256: encrypted.fileEncSha256,
      fileLength: encrypted.fileLength,
      height: 960,
      width: 1280,
    };
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) await socket.end(undefined);
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
    for (const file of this.media.values()) await rm(file, { force: true });
  }
}

/** A resident with a LID and a phone number (neither real), writing from their phone. */
export class WhatsAppResident {
  readonly lidJid: string;
  readonly pnJid: string;

  constructor(
    private readonly world: FakeWhatsApp,
    readonly lid: string,
    readonly pn: string,
  ) {
    this.lidJid = `${lid}@lid`;
    this.pnJid = `${pn}@s.whatsapp.net`;
  }

  /**
   * A message key as Baileys decodes it: LID-addressed chats carry the phone number as `remoteJidAlt` and the
   * other way round; `alt: false` leaves it out, as WhatsApp sometimes does.
   */
  key(via: 'lid' | 'pn' = 'lid', alt = true): WAMessageKey {
    const remoteJid = via === 'lid' ? this.lidJid : this.pnJid;
    const other = via === 'lid' ? this.pnJid : this.lidJid;
    return { remoteJid, ...(alt ? { remoteJidAlt: other } : {}), fromMe: false, id: generateMessageIDV2(), participant: undefined, addressingMode: via };
  }

  message(content: proto.IMessage, key: WAMessageKey = this.key()): WAMessage {
    return { key, message: content, messageTimestamp: Math.floor(Date.now() / 1000), pushName: 'Test Resident', broadcast: false };
  }

  text(text: string, key?: WAMessageKey): WAMessage {
    return this.message({ conversation: text }, key);
  }

  /** A reply that quotes the bot's last message: extended text with context. */
  reply(text: string, quoted: Sent): WAMessage {
    return this.message({
      extendedTextMessage: { text, contextInfo: { stanzaId: quoted.id, participant: `${BOT_PN}@s.whatsapp.net`, quotedMessage: { conversation: quoted.text } } },
    });
  }

  /** Text in a chat with disappearing messages on. */
  ephemeral(text: string): WAMessage {
    return this.message({ ephemeralMessage: { message: { extendedTextMessage: { text } } } });
  }

  location(degreesLatitude: number, degreesLongitude: number): WAMessage {
    return this.message({ locationMessage: { degreesLatitude, degreesLongitude, name: 'Market', address: 'Main road' } });
  }

  async photo(bytes: Buffer, viewOnce = false): Promise<WAMessage> {
    const imageMessage = await this.world.image(bytes);
    return this.message(viewOnce ? { viewOnceMessageV2: { message: { imageMessage } } } : { imageMessage });
  }

  sticker(): WAMessage {
    return this.message({ stickerMessage: { mimetype: 'image/webp', fileLength: 2000, isAnimated: false } });
  }

  /** Messages the bot sent to this resident, under either of their ids. */
  received(): Sent[] {
    return this.world.sent.filter((s) => s.jid === this.lidJid || s.jid === this.pnJid);
  }
}
