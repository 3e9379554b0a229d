import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import makeWASocket, {
  type AuthenticationState,
  type BaileysEventEmitter,
  Browsers,
  isJidNewsletter,
  isJidStatusBroadcast,
  makeCacheableSignalKeyStore,
  type SocketConfig,
  type WASocket,
} from '@whiskeysockets/baileys';
import type { Logger } from '../../log.ts';
import { ROOT } from '../../paths.ts';

/** The part of Baileys' socket Mohalla uses. The tests drive a fake of exactly this shape. */
export type WhatsAppSocket = Pick<WASocket, 'sendMessage' | 'requestPairingCode' | 'end' | 'updateMediaMessage' | 'user'> & {
  ev: BaileysEventEmitter;
  signalRepository: { lidMapping: Pick<WASocket['signalRepository']['lidMapping'], 'getLIDForPN' | 'getPNForLID'> };
};

export interface SocketOptions {
  auth: AuthenticationState;
  logger: SocketConfig['logger'];
}

/** Makes one socket; each connection attempt gets a new one (Baileys' sockets are spent once closed). */
export type SocketFactory = (options: SocketOptions) => WhatsAppSocket;

const MUTED = Symbol.for('mohalla.libsignal-muted');

/**
 * libsignal, under Baileys, prints whole Signal sessions (private keys included) and ids with console.*.
 * Those calls, recognised by their caller, are dropped; everything else still reaches the console.
 */
export function muteLibsignal(): void {
  const target = console as Console & { [MUTED]?: boolean };
  if (target[MUTED]) return;
  target[MUTED] = true;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      if (!new Error().stack?.includes(`${sep}libsignal${sep}`)) original.apply(console, args);
    };
  }
}

/** The real client. Keys are cached in memory in front of the database, as Baileys recommends. */
export const baileysSocket: SocketFactory = ({ auth, logger }) => {
  muteLibsignal();
  return makeWASocket({
    auth: { creds: auth.creds, keys: makeCacheableSignalKeyStore(auth.keys, logger) },
    logger,
    browser: Browsers.ubuntu('Chrome'),
    // Not "online" all the time: the phone keeps getting notifications, and the number looks less like a bot.
    markOnlineOnConnect: false,
    syncFullHistory: false,
    shouldIgnoreJid: (jid) => isJidNewsletter(jid) || isJidStatusBroadcast(jid),
  });
};

export class TestSocketError extends Error {}

/**
 * The socket factory named by WHATSAPP_TEST_SOCKET, for tests that run the program in a child process. Config
 * accepts the variable only with NODE_ENV=test; here the module must also lie in the project's tests/ folder,
 * which the production image does not contain.
 */
export async function loadTestSocket(path: string, log: Logger): Promise<SocketFactory> {
  const tests = join(ROOT, 'tests') + sep;
  const file = resolve(ROOT, path);
  if (!file.startsWith(tests)) throw new TestSocketError(`WHATSAPP_TEST_SOCKET must name a module under ${tests}`);
  const module = (await import(pathToFileURL(file).href)) as { createSocketFactory?: () => SocketFactory };
  if (typeof module.createSocketFactory !== 'function') throw new TestSocketError(`${path} does not export createSocketFactory()`);
  log.warn('whatsapp: using the test socket named by WHATSAPP_TEST_SOCKET; nothing reaches WhatsApp');
  return module.createSocketFactory();
}
