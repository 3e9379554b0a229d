import type { Worker } from 'bullmq';
import { createAlertCache } from '../../src/broadcasts/alert-cache.ts';
import { startDeliveryFeeder } from '../../src/broadcasts/feeder.ts';
import type { Channel } from '../../src/channels/channel.ts';
import type { Lang } from '../../src/engine/types.ts';
import { createLogger } from '../../src/log.ts';
import type { OutboundMessage, Platform } from '../../src/messages.ts';
import { createMetrics } from '../../src/metrics.ts';
import { startOutboundWorker } from '../../src/pipeline/outbound.ts';
import { connectRedis } from '../../src/pipeline/redis.ts';
import type { App } from '../../src/app.ts';

/** A resident to seed: where they are subscribed and what they want of alerts. */
export interface ResidentSpec {
  platform?: Platform;
  language?: Lang | null;
  areas: string[];
  optedOut?: boolean;
  unreachable?: boolean;
  topics?: string[] | null;
  cap?: number | null;
  alertsToday?: number;
  quiet?: { from: number; until: number } | null;
}

/**
 * Seeds residents in one statement each batch; each gets the address `chat-<index>` (encrypted as the program
 * stores it), so what a fake channel receives can be traced to the spec it came from.
 */
export async function seedResidents(app: App, specs: ResidentSpec[], tag = 'chat'): Promise<string[]> {
  const ids: string[] = [];
  const BATCH = 500;
  for (let from = 0; from < specs.length; from += BATCH) {
    const slice = specs.slice(from, from + BATCH);
    const rows = slice.map((s, i) => ({
      platform: s.platform ?? 'telegram',
      hash: app.secrets.hashAddress(s.platform ?? 'telegram', `${tag}-${from + i}`),
      enc: app.secrets.encrypt(`${tag}-${from + i}`),
      language: s.language ?? null,
      optOut: s.optedOut ?? false,
      reachable: !(s.unreachable ?? false),
      topics: s.topics ?? null,
      cap: s.cap ?? null,
      today: s.alertsToday ?? 0,
      quietFrom: s.quiet?.from ?? null,
      quietUntil: s.quiet?.until ?? null,
    }));
    const created = await app.db.query<{ id: string; hash: string }>(
      `insert into residents (platform, address_hash, address_enc, language, alerts_opt_out, reachable, alert_topics, alert_daily_cap,
                              alerts_today, alerts_day, quiet_from, quiet_until)
       select r.platform, r.hash, r.enc, r.language, r."optOut", r.reachable, r.topics, r.cap, r.today,
              case when r.today > 0 then ((now() at time zone 'UTC') + interval '5 hours')::date end, r."quietFrom", r."quietUntil"
       from jsonb_to_recordset($1::jsonb) as r(platform text, hash text, enc text, language text, "optOut" boolean, reachable boolean,
            topics text[], cap smallint, today smallint, "quietFrom" smallint, "quietUntil" smallint)
       returning id, address_hash as hash`,
      [JSON.stringify(rows)],
    );
    const byHash = new Map(created.map((c) => [c.hash, c.id]));
    ids.push(...rows.map((r) => byHash.get(r.hash) as string));
  }
  const subs = specs.flatMap((s, i) => s.areas.map((area) => ({ resident: ids[i], area })));
  for (let from = 0; from < subs.length; from += 2000) {
    await app.db.query(
      `insert into subscriptions (resident_id, area_id) select (s->>'resident')::uuid, s->>'area' from jsonb_array_elements($1::jsonb) s`,
      [JSON.stringify(subs.slice(from, from + 2000))],
    );
  }
  await app.db.query(`insert into sessions (resident_id, state) select id, '{}' from residents on conflict do nothing`);
  return ids;
}

export interface Sent {
  address: string;
  text: string;
  key: string;
}

/** A channel that takes every message and remembers it, in order. */
export function fakeChannel(platform: Platform = 'telegram'): Channel & { sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    platform,
    sent,
    async send(address: string, message: OutboundMessage, key: string) {
      sent.push({ address, text: message.text, key });
    },
  };
}

/**
 * An outbound worker of the program sending through `channel`, as a worker process runs it, without limits,
 * with the feeder that hands it alert deliveries (a worker process runs one too); closing it stops both.
 */
export function startSender(app: App, prefix: string, channel: Channel, options: { concurrency?: number; limiter?: { max: number; duration: number }; chatIntervalMs?: number } = {}): Worker {
  const connection = connectRedis(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
  const log = createLogger({ level: 'silent', pretty: false });
  const worker = startOutboundWorker({
    connection,
    prefix,
    db: app.db,
    queues: app.queues,
    secrets: app.secrets,
    channel,
    log,
    lockMs: 2000,
    metrics: createMetrics(),
    alerts: createAlertCache(app.db, app.catalog, app.flows.constants),
    concurrency: options.concurrency ?? 16,
    ...(options.limiter ? { limiter: options.limiter } : {}),
    ...(options.chatIntervalMs ? { chatIntervalMs: options.chatIntervalMs } : {}),
  });
  const feeder = startDeliveryFeeder(app.db, app.queues, log, [channel.platform], { idleMs: 50 });
  const close = worker.close.bind(worker);
  worker.close = async (force?: boolean) => {
    await feeder.stop();
    await close(force);
    connection.disconnect();
  };
  return worker;
}
