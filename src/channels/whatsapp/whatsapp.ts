import type { Worker } from 'bullmq';
import type { AlertCache } from '../../broadcasts/alert-cache.ts';
import type { Redis } from 'ioredis';
import { renderUnicodeCompact } from 'uqr';
import type { Renderer } from '../../i18n/render.ts';
import type { Logger } from '../../log.ts';
import type { Metrics } from '../../metrics.ts';
import type { Inbox } from '../../pipeline/inbox.ts';
import { takeLease } from '../../pipeline/lease.ts';
import { startOutboundWorker } from '../../pipeline/outbound.ts';
import type { Queues } from '../../pipeline/queues.ts';
import type { Secrets } from '../../secrets.ts';
import type { Db } from '../../store/db.ts';
import { pruneReceipts } from '../../store/whatsapp-receipts.ts';
import { createAuthStore } from './auth-state.ts';
import { clientLogger } from './client-logger.ts';
import { type Connection, startConnection } from './connection.ts';
import { clearLink, LINK_QR_PATH, type LinkState, type LinkStatus, publishLink } from './link-status.ts';
import { createPacer, type Pacing } from './pacer.ts';
import { createReceiver } from './receiver.ts';
import type { SocketFactory } from './socket.ts';
import { createWhatsAppChannel } from './whatsapp-channel.ts';

export interface WhatsAppOptions {
  sockets: SocketFactory;
  db: Db;
  redis: Redis;
  prefix: string;
  secrets: Secrets;
  inbox: Inbox;
  renderer: Renderer;
  alerts: AlertCache;
  /** How long after an alert reached a resident what they write back is their answer to it. */
  alertReplyHours?: number;
  dataDir: string;
  maxMediaBytes: number;
  maxMessageChars: number;
  log: Logger;
  queues: Queues;
  metrics: Metrics;
  /** Link with a pairing code for this number instead of a QR code. */
  pairingPhone: string | undefined;
  pacing: Pacing;
  leaseMs: number;
  lockMs: number;
  /** Where QR codes and pairing codes are printed for the person linking the number. */
  terminal(text: string): void;
}

export interface WhatsApp {
  stop(): Promise<void>;
}

const WATCH_MS = 1000;
const RECEIPTS_KEEP_DAYS = 30;
const HOUR_MS = 3_600_000;

/**
 * The WhatsApp channel of one process. One process at a time owns the number (a Redis lease): it holds the
 * socket, receives, and sends the WhatsApp outbound queue. Others wait as standby and take over when the
 * owner stops renewing the lease.
 */
export function startWhatsApp(options: WhatsAppOptions): WhatsApp {
  const { redis, prefix, log } = options;
  const lease = takeLease(redis, `${prefix}:whatsapp:owner`, options.leaseMs);
  const store = createAuthStore(options.db, options.secrets);
  const logger = clientLogger(log);
  const attach = createReceiver({ ...options, clientLogger: logger });
  let connection: Connection | null = null;
  let worker: Worker | null = null;
  let status: LinkStatus = { state: 'connecting', since: new Date().toISOString() };
  let lastPrune = 0;
  let saidStandby = false;
  let stopping = false;

  function show(link: LinkState): void {
    status = { ...link, since: new Date().toISOString() };
    void publishLink(redis, prefix, status, options.leaseMs * 2).catch(() => {});
    if (link.state === 'scan-qr') {
      options.terminal(`\n${renderUnicodeCompact(link.qr)}\nWhatsApp → Linked devices → Link a device: scan this code (admins can also open ${LINK_QR_PATH})\n\n`);
      log.info('whatsapp: waiting for the QR code to be scanned');
    }
    if (link.state === 'enter-code') {
      options.terminal(`\nWhatsApp → Linked devices → Link a device → Link with phone number instead: enter ${link.code}\n\n`);
      log.info('whatsapp: waiting for the pairing code to be entered on the phone');
    }
  }

  function own(): void {
    log.info('whatsapp: this process owns the number');
    const pacer = createPacer(redis, prefix, options.pacing, (address) => options.secrets.hashAddress('whatsapp', address), log);
    const channel = createWhatsAppChannel(() => connection?.open() ?? null, pacer, options.db);
    connection = startConnection({ sockets: options.sockets, store, clientLogger: logger, log, pairingPhone: options.pairingPhone, attach, onLink: show });
    worker = startOutboundWorker({
      connection: redis,
      prefix,
      db: options.db,
      queues: options.queues,
      secrets: options.secrets,
      channel,
      log,
      lockMs: options.lockMs,
      metrics: options.metrics,
      alerts: options.alerts,
      ...(options.alertReplyHours ? { alertReplyHours: options.alertReplyHours } : {}),
    });
  }

  async function release(): Promise<void> {
    await worker?.close();
    worker = null;
    await connection?.stop();
    connection = null;
  }

  async function watch(): Promise<void> {
    if (stopping) return;
    if (lease.held() && !connection) own();
    if (!lease.held() && connection) {
      log.warn('whatsapp: lost the lease (Redis unreachable too long); standing by');
      await release();
    }
    if (!connection && !saidStandby) log.info('whatsapp: standby; another process owns the number');
    saidStandby = !connection;
    if (!connection) return;
    await publishLink(redis, prefix, status, options.leaseMs * 2);
    if (Date.now() - lastPrune > HOUR_MS) {
      lastPrune = Date.now();
      await pruneReceipts(options.db, RECEIPTS_KEEP_DAYS);
    }
  }

  // Checks never overlap: a slow one delays the next.
  let running: Promise<void> = Promise.resolve();
  const check = () => {
    running = running.then(watch).catch((error: Error) => log.error({ err: error.message }, 'whatsapp: ownership check failed'));
  };
  // Take over the moment the lease is ours, not at the next tick.
  void lease.acquired.then(check);
  const timer = setInterval(check, WATCH_MS);

  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      await running;
      const owned = connection !== null;
      await release();
      await lease.release();
      if (owned) await clearLink(redis, prefix).catch(() => {});
    },
  };
}
