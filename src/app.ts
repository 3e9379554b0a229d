import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'bullmq';
import { createAlertCache } from './broadcasts/alert-cache.ts';
import { startFanOutWorker } from './broadcasts/fan-out-worker.ts';
import { type DeliveryFeeder, startDeliveryFeeder } from './broadcasts/feeder.ts';
import type { Channel } from './channels/channel.ts';
import { createTelegramChannel } from './channels/telegram/telegram-channel.ts';
import { connectBot, startTelegramInbound, type TelegramInbound, telegramApi } from './channels/telegram/telegram.ts';
import { createWebAnnouncer } from './channels/web/web-mailbox.ts';
import { createWebNotifier, type WebNotifier } from './channels/web/web-notifier.ts';
import { readLink } from './channels/whatsapp/link-status.ts';
import type { SocketFactory } from './channels/whatsapp/socket.ts';
import type { WhatsApp, WhatsAppOptions } from './channels/whatsapp/whatsapp.ts';
import type { Config } from './config.ts';
import type { FlowSet } from './engine/types.ts';
import { loadFlowSet } from './flows/load.ts';
import { createMetrics } from './metrics.ts';
import { buildServer } from './http/server.ts';
import { type Catalog, loadCatalog } from './i18n/catalog.ts';
import { createRenderer } from './i18n/render.ts';
import type { Logger } from './log.ts';
import { ROOT } from './paths.ts';
import { ACTION_NAMES } from './pipeline/actions.ts';
import { createBacklog } from './pipeline/backlog.ts';
import { createFloodGuard } from './pipeline/flood-guard.ts';
import { startConversationWorkers } from './pipeline/conversation-workers.ts';
import { createInbox, type Inbox } from './pipeline/inbox.ts';
import { type OutboundOptions, startOutboundWorker } from './pipeline/outbound.ts';
import { openQueues, type Queues } from './pipeline/queues.ts';
import { checkRedis, connectProducer, connectRedis } from './pipeline/redis.ts';
import { type Relay, startRelay } from './pipeline/relay.ts';
import { createPinHasher } from './pipeline/pins.ts';
import { createSessionCache } from './pipeline/session-cache.ts';
import { createSecrets, loadMasterKey, type Secrets } from './secrets.ts';
import type { Db } from './store/db.ts';
import { createTipLibrary } from './tips/library.ts';
import { loadTipSeed, seedTips, type TipSeed } from './tips/seed.ts';
import { openDatabase } from './store/open.ts';
import type { RetentionPolicy } from './store/retention.ts';

/** Residents whose last session a worker process keeps in memory (a few kilobytes each). */
const SESSION_CACHE_SIZE = 10_000;

/** What a process does: everything (the default), or one part when several processes share the work. */
export const ROLES = ['all', 'web', 'worker', 'whatsapp'] as const;
export type Role = (typeof ROLES)[number];

/** What tests put in place of the outside world. */
export interface AppOptions {
  /** Makes WhatsApp sockets (default: Baileys, or the test module of WHATSAPP_TEST_SOCKET). */
  whatsappSockets?: SocketFactory;
  /** Where QR codes for linking WhatsApp are printed (default: stderr). */
  terminal?: (text: string) => void;
}

export interface App {
  /** The address the HTTP server listens on, when this role serves HTTP. */
  url: string | null;
  db: Db;
  queues: Queues;
  inbox: Inbox;
  flows: FlowSet;
  catalog: Catalog;
  secrets: Secrets;
  relay: Relay | null;
  /** Stops taking work, lets active jobs finish, closes every connection. */
  stop(): Promise<void>;
}

/** Loads the texts and flows; any problem in them stops the start with every problem listed. */
export function loadContent(): { catalog: Catalog; flows: FlowSet; tipSeed: TipSeed } {
  const catalog = loadCatalog(join(ROOT, 'locales'));
  const flows = loadFlowSet({ root: ROOT, catalog, actions: ACTION_NAMES });
  const tipSeed = loadTipSeed(ROOT, catalog, flows.areas, flows.constants);
  return { catalog, flows, tipSeed };
}

/** The platforms replies can go out on, each with the sending limits it needs. */
function outboundChannels(config: Config): { channel: Channel; limits: Pick<OutboundOptions, 'limiter' | 'chatIntervalMs'> }[] {
  const channels: { channel: Channel; limits: Pick<OutboundOptions, 'limiter' | 'chatIntervalMs'> }[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    channels.push({
      channel: createTelegramChannel(telegramApi(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_API_ROOT)),
      limits: { limiter: { max: config.TELEGRAM_RATE_PER_SECOND, duration: 1000 }, chatIntervalMs: config.TELEGRAM_CHAT_INTERVAL_MS },
    });
  }
  return channels;
}

export function retentionPolicy(config: Config): RetentionPolicy {
  return {
    residentDays: config.RETENTION_RESIDENT_DAYS,
    webResidentDays: config.RETENTION_WEB_RESIDENT_DAYS,
    sessionDays: config.RETENTION_SESSION_DAYS,
    transcriptHours: config.RETENTION_TRANSCRIPT_HOURS,
    processedDays: config.RETENTION_PROCESSED_DAYS,
    mediaDays: config.RETENTION_MEDIA_DAYS,
  };
}

/** Baileys is loaded only when WhatsApp is on: it takes a noticeable part of a second to import. */
async function startWhatsAppChannel(config: Config, log: Logger, options: AppOptions, deps: Omit<WhatsAppOptions, 'sockets' | 'pairingPhone' | 'pacing' | 'leaseMs' | 'terminal'>): Promise<WhatsApp> {
  const { startWhatsApp } = await import('./channels/whatsapp/whatsapp.ts');
  const { baileysSocket, loadTestSocket } = await import('./channels/whatsapp/socket.ts');
  const sockets = options.whatsappSockets ?? (config.WHATSAPP_TEST_SOCKET ? await loadTestSocket(config.WHATSAPP_TEST_SOCKET, log) : baileysSocket);
  return startWhatsApp({
    ...deps,
    sockets,
    pairingPhone: config.WHATSAPP_PAIRING_PHONE,
    pacing: {
      intervalMs: Math.ceil(60_000 / config.WHATSAPP_RATE_PER_MINUTE),
      jitterMs: config.WHATSAPP_JITTER_MS,
      dailyCap: config.WHATSAPP_DAILY_CAP,
      chatIntervalMs: config.WHATSAPP_CHAT_INTERVAL_MS,
    },
    leaseMs: config.WHATSAPP_LEASE_SECONDS * 1000,
    terminal: options.terminal ?? ((text) => process.stderr.write(text)),
  });
}

export async function startApp(config: Config, role: Role, log: Logger, options: AppOptions = {}): Promise<App> {
  const serves = role === 'all' || role === 'web';
  const works = role === 'all' || role === 'worker';
  const { catalog, flows, tipSeed } = loadContent();
  await checkRedis(config.REDIS_URL);
  // Receiving needs a bot Telegram accepts; find out before starting anything else.
  const bot = config.TELEGRAM_BOT_TOKEN && serves ? await connectBot(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_API_ROOT) : null;

  mkdirSync(config.DATA_DIR, { recursive: true });
  const master = loadMasterKey(config.SECRET_KEY, join(config.DATA_DIR, 'secret.key'));
  if (master.generated) log.warn({ file: join(config.DATA_DIR, 'secret.key') }, 'generated a new SECRET_KEY; keep this file (or set SECRET_KEY) or stored addresses become unreadable');
  const secrets = createSecrets(master.key);

  const database = await openDatabase(config, secrets, log);
  const { db } = database;
  await seedTips(db, tipSeed, log);
  const tips = createTipLibrary(flows.areas);

  const redis = connectRedis(config.REDIS_URL);
  redis.on('error', (error) => log.warn({ err: error.message }, 'redis connection error'));
  const producer = connectProducer(config.REDIS_URL);
  producer.on('error', () => {});
  await new Promise((resolve) => producer.once('ready', resolve));
  const queues = await openQueues(producer, { prefix: config.QUEUE_PREFIX, partitions: config.INBOUND_PARTITIONS });
  const metrics = createMetrics();
  const floodGuard = createFloodGuard(producer, config.QUEUE_PREFIX, { burst: config.FLOOD_BURST, perMinute: config.FLOOD_RATE_PER_MINUTE });
  const inbox = createInbox(queues, secrets, metrics, { backlog: createBacklog(queues.inbound, config.INBOUND_MAX_BACKLOG), floodGuard });
  const lockMs = config.JOB_LOCK_SECONDS * 1000;

  const renderer = createRenderer(catalog, flows.areas);
  const alerts = createAlertCache(db, catalog, flows.constants);
  if (!config.TELEGRAM_BOT_TOKEN) log.info('telegram: disabled (set TELEGRAM_BOT_TOKEN to enable)');
  if (serves && !config.WEB_CHAT) log.info(`web chat: disabled${config.NODE_ENV === 'production' ? ' (off by default in production; set WEB_CHAT=true to enable)' : ' (WEB_CHAT=false)'}`);

  const workers: Worker[] = [];
  let relay: Relay | null = null;
  let feeder: DeliveryFeeder | null = null;
  if (works) {
    workers.push(
      ...startConversationWorkers({
        connection: redis,
        prefix: config.QUEUE_PREFIX,
        queues,
        deps: {
          db,
          flows,
          renderer,
          secrets,
          sessionTimeoutMs: config.SESSION_TIMEOUT_MINUTES * 60_000,
          cache: createSessionCache(SESSION_CACHE_SIZE),
          figuresMinReports: config.PUBLIC_FIGURES_MIN_REPORTS,
          officeHours: config.OFFICE_HOURS,
          alertReplyHours: config.ALERT_REPLY_HOURS,
          pins: createPinHasher(config.ARGON2_CONCURRENCY),
          tips,
        },
        log,
        lockMs,
        announce: createWebAnnouncer(redis, config.QUEUE_PREFIX),
        metrics,
        floodGuard,
      }),
    );
    for (const { channel, limits } of outboundChannels(config)) {
      workers.push(startOutboundWorker({ connection: redis, prefix: config.QUEUE_PREFIX, db, queues, secrets, channel, log, lockMs, metrics, alerts, alertReplyHours: config.ALERT_REPLY_HOURS, ...limits }));
    }
    workers.push(startFanOutWorker({ connection: redis, prefix: config.QUEUE_PREFIX, db, log, lockMs, batch: config.ALERT_FANOUT_BATCH }));
    feeder = startDeliveryFeeder(db, queues, log, ['telegram', 'whatsapp'], { window: config.ALERT_QUEUE_WINDOW });
    relay = startRelay(db, queues, inbox, log, config.OUTBOX_RELAY_SECONDS * 1000, { dataDir: config.DATA_DIR, policy: retentionPolicy(config) });
  }

  let whatsapp: WhatsApp | null = null;
  if (!config.WHATSAPP) log.info('whatsapp: disabled (set WHATSAPP=true to enable)');
  else if (role === 'all' || role === 'whatsapp') {
    const deps = { db, redis, prefix: config.QUEUE_PREFIX, secrets, inbox, queues, metrics, renderer, alerts, alertReplyHours: config.ALERT_REPLY_HOURS, dataDir: config.DATA_DIR, maxMediaBytes: config.MEDIA_MAX_BYTES, maxMessageChars: config.MAX_MESSAGE_CHARS, log, lockMs };
    whatsapp = await startWhatsAppChannel(config, log, options, deps);
  }

  let server: Awaited<ReturnType<typeof buildServer>> | null = null;
  let notifier: WebNotifier | null = null;
  let telegram: TelegramInbound | null = null;
  let url: string | null = null;
  if (serves) {
    const webhookSecret = config.TELEGRAM_WEBHOOK_SECRET ?? secrets.token('telegram webhook');
    if (bot) {
      telegram = startTelegramInbound(bot, {
        token: bot.token,
        apiRoot: config.TELEGRAM_API_ROOT,
        mode: config.TELEGRAM_MODE,
        publicUrl: config.PUBLIC_URL,
        webhookSecret,
        inbox,
        db,
        dataDir: config.DATA_DIR,
        maxMediaBytes: config.MEDIA_MAX_BYTES,
        maxMessageChars: config.MAX_MESSAGE_CHARS,
        redis,
        prefix: config.QUEUE_PREFIX,
        renderer,
        catalog,
        log,
      });
    }
    if (config.WEB_CHAT) {
      notifier = await createWebNotifier(redis.duplicate(), config.QUEUE_PREFIX);
    }
    server = await buildServer({
      log,
      trustProxy: config.TRUST_PROXY,
      maxConnections: config.HTTP_MAX_CONNECTIONS,
      health: { checks: { redis: () => redis.ping(), database: () => db.query('select 1') } },
      metrics: metrics.registry,
      figures: { db, catalog, areas: flows.areas, minReports: config.PUBLIC_FIGURES_MIN_REPORTS },
      ...(notifier ? {
            chat: {
              db,
              redis: producer,
              keyPrefix: config.QUEUE_PREFIX,
              limits: { perResident: config.WEB_CHAT_RATE_PER_MINUTE, perAddress: config.WEB_CHAT_ADDRESS_RATE_PER_MINUTE },
              streams: { perResident: config.WEB_CHAT_STREAMS_PER_RESIDENT, total: config.WEB_CHAT_MAX_STREAMS },
              inbox,
              notifier,
              secrets,
              catalog,
              constants: flows.constants,
              maxMessageChars: config.MAX_MESSAGE_CHARS,
            },
          } : {}),
      ...(telegram && config.TELEGRAM_MODE === 'webhook' ? { telegram: { bot: telegram.bot, secret: webhookSecret } } : {}),
      console: {
        db,
        inbox,
        queues,
        areas: flows.areas,
        catalog,
        constants: flows.constants,
        dataDir: config.DATA_DIR,
        cookieSecret: secrets.token('console session cookie'),
        sessionMs: config.CONSOLE_SESSION_HOURS * 3_600_000,
        redis,
        keyPrefix: config.QUEUE_PREFIX,
        loginAttemptsPerMinute: config.LOGIN_ATTEMPTS_PER_MINUTE,
        tips,
        tipTopics: [...tipSeed.keys()],
      },
      ...(config.WHATSAPP ? { whatsappLink: { read: () => readLink(redis, config.QUEUE_PREFIX), adminToken: config.ADMIN_TOKEN ?? secrets.token('admin') } } : {}),
    });
    const address = await server.listen({ port: config.PORT, host: config.HOST });
    await telegram?.listen();
    url = config.PUBLIC_URL ?? address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  }

  async function stop(): Promise<void> {
    // Order matters: stop accepting (HTTP, polling, the WhatsApp socket), then let workers finish their active jobs, then close connections.
    await server?.close();
    await telegram?.stop();
    await whatsapp?.stop();
    await relay?.stop();
    await feeder?.stop();
    await Promise.all(workers.map((w) => w.close()));
    await notifier?.close();
    await queues.close();
    await database.close();
    await producer.quit().catch(() => producer.disconnect());
    await redis.quit().catch(() => redis.disconnect());
  }

  return { url, db, queues, inbox, flows, catalog, secrets, relay, stop };
}
