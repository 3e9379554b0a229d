import { type BaileysEventEmitter, type BaileysEventMap, type ConnectionState, DisconnectReason } from '@whiskeysockets/baileys';
import type { Logger } from '../../log.ts';
import type { AuthStore } from './auth-state.ts';
import { scrub } from './client-logger.ts';
import type { LinkState } from './link-status.ts';
import type { SocketFactory, SocketOptions, WhatsAppSocket } from './socket.ts';

export interface ConnectionOptions {
  sockets: SocketFactory;
  store: AuthStore;
  /** Baileys' own logger (quiet, scrubbed). */
  clientLogger: SocketOptions['logger'];
  log: Logger;
  /** Link by pairing code for this number (digits with country code) instead of a QR code. */
  pairingPhone: string | undefined;
  /** Starts listening to a new socket's messages; returns how to stop. */
  attach(socket: WhatsAppSocket): () => void;
  onLink(link: LinkState): void;
}

export interface Connection {
  /** The socket while it is open, to send with. */
  open(): WhatsAppSocket | null;
  stop(): Promise<void>;
}

/** Closes after which reconnecting would only repeat the problem: stop and tell the operator. */
const FATAL: Partial<Record<number, string>> = {
  [DisconnectReason.connectionReplaced]: 'another client connected with this number’s session (440 conflict)',
  [DisconnectReason.forbidden]: 'WhatsApp refused the number (403 forbidden): it may be banned or restricted',
  [DisconnectReason.multideviceMismatch]: 'WhatsApp refused this kind of linked device (411)',
};

const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 300_000;

function statusOf(update: Partial<ConnectionState>): number | undefined {
  return (update.lastDisconnect?.error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;
}

/** Why a connection closed, in words fit for the log. */
function reasonOf(update: Partial<ConnectionState>): string {
  return scrub(update.lastDisconnect?.error?.message ?? 'closed');
}

function listen<T extends keyof BaileysEventMap>(ev: BaileysEventEmitter, event: T, listener: (arg: BaileysEventMap[T]) => void): () => void {
  ev.on(event, listener);
  return () => ev.off(event, listener);
}

/**
 * Keeps one WhatsApp socket connected. A close WhatsApp asks for (515 after linking) reconnects at once; a
 * transient one (408, 428, 500, 503…) after an exponential backoff with jitter; a logout (401) clears the
 * session and starts a new link; a conflict or a ban stops until restart, with one error line.
 */
export function startConnection(options: ConnectionOptions): Connection {
  const { log } = options;
  let socket: WhatsAppSocket | null = null;
  let isOpen = false;
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;
  let detach: () => void = () => {};
  let saving: Promise<void> = Promise.resolve();

  const schedule = (delayMs: number) => {
    if (!stopped) timer = setTimeout(() => void connect(), delayMs);
  };
  const nextDelay = () => Math.round(Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** failures++) * (0.5 + Math.random() / 2));

  function drop(): void {
    detach();
    detach = () => {};
    socket = null;
    isOpen = false;
  }

  async function closed(status: number | undefined, reason: string): Promise<void> {
    drop();
    // The next socket loads the session from the database (and a logout deletes it): let every write land first.
    await saving;
    if (stopped) return;
    if (status === DisconnectReason.restartRequired) {
      log.info('whatsapp: linked; reconnecting with the new session');
      schedule(0);
      return;
    }
    if (status === DisconnectReason.loggedOut) {
      await options.store.clear().catch((e: Error) => log.error({ err: e.message }, 'whatsapp: session not cleared'));
      log.error('whatsapp: the phone logged this device out (401); the session is cleared: link the number again with the new code');
      schedule(failures === 0 ? 0 : nextDelay());
      failures++;
      return;
    }
    const fatal = status === undefined ? undefined : FATAL[status];
    if (fatal) {
      stopped = true;
      log.error({ status }, `whatsapp: ${fatal}; stopped until the program restarts`);
      options.onLink({ state: 'stopped', reason: fatal });
      return;
    }
    const delay = nextDelay();
    log.warn({ status: status ?? 'unknown', reason, retryInMs: delay }, 'whatsapp: connection closed; reconnecting');
    options.onLink({ state: 'connecting' });
    schedule(delay);
  }

  async function connect(): Promise<void> {
    timer = null;
    if (stopped) return;
    let current: WhatsAppSocket;
    let registered: boolean;
    try {
      const { state, saveCreds } = await options.store.load();
      if (stopped) return;
      registered = state.creds.registered;
      current = options.sockets({ auth: state, logger: options.clientLogger });
      const save = () => {
        saving = saveCreds().catch((e: Error) => log.error({ err: e.message }, 'whatsapp: credentials not saved'));
      };
      const stopReceiving = options.attach(current);
      const offs = [listen(current.ev, 'creds.update', save), listen(current.ev, 'connection.update', (update) => onUpdate(current, update))];
      detach = () => {
        stopReceiving();
        for (const off of offs) off();
      };
    } catch (error) {
      const delay = nextDelay();
      log.error({ err: (error as Error).message, retryInMs: delay }, 'whatsapp: could not start a connection');
      schedule(delay);
      return;
    }
    socket = current;
    options.onLink({ state: 'connecting' });
    let pairing = false;

    function onUpdate(from: WhatsAppSocket, update: Partial<ConnectionState>): void {
      if (from !== socket) return;
      if (update.qr && !options.pairingPhone) options.onLink({ state: 'scan-qr', qr: update.qr });
      // The first QR means the websocket is open: only then may a pairing code be asked for (else 428).
      if (update.qr && options.pairingPhone && !registered && !pairing) {
        pairing = true;
        from.requestPairingCode(options.pairingPhone).then(
          (code) => options.onLink({ state: 'enter-code', code }),
          (error: Error) => log.error({ err: error.message }, 'whatsapp: pairing code not received'),
        );
      }
      if (update.connection === 'open') {
        isOpen = true;
        failures = 0;
        log.info('whatsapp: connected');
        options.onLink({ state: 'open' });
      }
      if (update.connection === 'close') void closed(statusOf(update), reasonOf(update));
    }
  }

  void connect();
  return {
    open: () => (isOpen ? socket : null),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const last = socket;
      drop();
      await last?.end(undefined);
      await saving;
    },
  };
}
