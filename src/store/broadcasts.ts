import type { AlertTexts } from '../broadcasts/texts.ts';
import type { Target } from '../broadcasts/target.ts';
import { newSession } from '../engine/engine.ts';
import type { Lang } from '../engine/types.ts';
import type { Platform } from '../messages.ts';
import type { Sql } from './db.ts';

/** Broadcasts (police alerts) and their deliveries, one per resident reached. */

export type BroadcastStatus = 'scheduled' | 'sending' | 'sent' | 'cancelled';
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'unreachable', 'skipped', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Broadcast {
  id: number;
  texts: AlertTexts;
  target: Target;
  areaIds: string[] | null;
  topic: string | null;
  urgent: boolean;
  sendAt: Date;
  status: BroadcastStatus;
  cursor: string | null;
  targeted: number | null;
  queued: number;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const COLUMNS = `id, texts, target, area_ids as "areaIds", topic, urgent, send_at as "sendAt", status, cursor, targeted, queued,
  created_by as "createdBy", created_at as "createdAt", started_at as "startedAt", finished_at as "finishedAt"`;

export interface NewBroadcast {
  texts: AlertTexts;
  target: Target;
  areaIds: string[] | null;
  topic: string | null;
  urgent: boolean;
  sendAt: Date | null;
  createdBy: string;
}

export async function insertBroadcast(sql: Sql, b: NewBroadcast): Promise<Broadcast> {
  const [row] = await sql.query<Broadcast>(
    `insert into broadcasts (texts, target, area_ids, topic, urgent, send_at, created_by)
     values ($1, $2, $3, $4, $5, coalesce($6, now()), $7) returning ${COLUMNS}`,
    [JSON.stringify(b.texts), JSON.stringify(b.target), b.areaIds, b.topic, b.urgent, b.sendAt, b.createdBy],
  );
  return row as Broadcast;
}

export async function getBroadcast(sql: Sql, id: number): Promise<Broadcast | null> {
  const [row] = await sql.query<Broadcast>(`select ${COLUMNS} from broadcasts where id = $1`, [id]);
  return row ?? null;
}

/** Broadcasts not yet fully queued: each must have its fan-out job in the queue. */
export async function unfinishedBroadcasts(sql: Sql): Promise<{ id: number; sendAt: Date }[]> {
  return sql.query(`select id, send_at as "sendAt" from broadcasts where status in ('scheduled', 'sending') order by send_at`);
}

/** Marks a broadcast as going out; null when it is cancelled or already fully queued. */
export async function startSending(sql: Sql, id: number): Promise<Broadcast | null> {
  const [row] = await sql.query<Broadcast>(
    `update broadcasts set status = 'sending', started_at = coalesce(started_at, now())
     where id = $1 and status in ('scheduled', 'sending') returning ${COLUMNS}`,
    [id],
  );
  return row ?? null;
}

/** Who a broadcast reaches: subscribed to one of its areas, alerts on, reachable, interested in its topic. */
const AUDIENCE = `r.reachable and not r.alerts_opt_out and r.platform <> 'web'
  and exists (select 1 from subscriptions s where s.resident_id = r.id and ($2::text[] is null or s.area_id = any($2::text[])))
  and ($3::text is null or $4 or r.alert_topics is null or $3 = any(r.alert_topics))`;

/** How many residents a broadcast reaches, counted once when it starts. */
export async function countAudience(sql: Sql, b: Broadcast): Promise<number> {
  const [row] = await sql.query<{ n: number }>(`select count(*)::int as n from residents r where $1::int is not null and ${AUDIENCE}`, [
    1,
    b.areaIds,
    b.topic,
    b.urgent,
  ]);
  return row?.n ?? 0;
}

export async function setTargeted(sql: Sql, id: number, targeted: number): Promise<void> {
  await sql.query('update broadcasts set targeted = $2 where id = $1 and targeted is null', [id, targeted]);
}

export interface QueuedDelivery {
  id: number;
  residentId: string;
  platform: Platform;
  quietFrom: number | null;
  quietUntil: number | null;
}

/**
 * The next residents of a broadcast after `cursor` (in id order), with a delivery row each: created now, or
 * found again when a fan-out interrupted by a restart reads the same residents a second time.
 */
export async function nextDeliveries(sql: Sql, b: Broadcast, cursor: string | null, limit: number): Promise<QueuedDelivery[]> {
  return sql.query<QueuedDelivery>(
    `with batch as (
       select r.id, r.platform, r.quiet_from, r.quiet_until from residents r
       where r.id > coalesce($5::uuid, '00000000-0000-0000-0000-000000000000') and ${AUDIENCE}
       order by r.id limit $6
     ), created as (
       insert into deliveries (broadcast_id, resident_id) select $1, id from batch
       on conflict (broadcast_id, resident_id) do update set broadcast_id = excluded.broadcast_id
       returning id, resident_id
     )
     select c.id, b.id as "residentId", b.platform, b.quiet_from as "quietFrom", b.quiet_until as "quietUntil"
     from created c join batch b on b.id = c.resident_id order by b.id`,
    [b.id, b.areaIds, b.topic, b.urgent, cursor, limit],
  );
}

/** Records that the deliveries up to `cursor` are queued; false when the broadcast was cancelled meanwhile. */
export async function advanceCursor(sql: Sql, id: number, cursor: string, queued: number): Promise<boolean> {
  const rows = await sql.query('update broadcasts set cursor = $2, queued = queued + $3 where id = $1 and status = $4 returning id', [
    id,
    cursor,
    queued,
    'sending',
  ]);
  return rows.length > 0;
}

export async function finishQueueing(sql: Sql, id: number): Promise<void> {
  await sql.query(`update broadcasts set status = 'sent', finished_at = now() where id = $1 and status = 'sending'`, [id]);
}

/** Cancels a broadcast and every delivery not yet sent; false when there was nothing left to cancel. */
export async function cancelBroadcast(sql: Sql, id: number): Promise<boolean> {
  const rows = await sql.query(
    `update broadcasts set status = 'cancelled', finished_at = now() where id = $1 and status <> 'cancelled' returning id`,
    [id],
  );
  if (rows.length === 0) return false;
  await cancelWaitingDeliveries(sql, id);
  return true;
}

export async function cancelWaitingDeliveries(sql: Sql, id: number): Promise<void> {
  await sql.query(`update deliveries set status = 'cancelled' where broadcast_id = $1 and status = 'queued'`, [id]);
}

/** Ids of a broadcast's deliveries cancelled before they went out, in pages, to take their jobs off the queue. */
export async function cancelledDeliveries(sql: Sql, id: number, after: number, limit: number): Promise<number[]> {
  const rows = await sql.query<{ id: number }>(
    `select id from deliveries where broadcast_id = $1 and status = 'cancelled' and id > $2 order by id limit $3`,
    [id, after, limit],
  );
  return rows.map((r) => r.id);
}

export type DeliveryCounts = Record<DeliveryStatus, number>;

export async function deliveryCounts(sql: Sql, id: number): Promise<DeliveryCounts> {
  const rows = await sql.query<{ status: DeliveryStatus; n: number }>(
    'select status, count(*)::int as n from deliveries where broadcast_id = $1 group by status',
    [id],
  );
  const counts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as DeliveryCounts;
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** A delivery as the sender needs it. */
export interface DeliveryToSend {
  id: number;
  broadcastId: number;
  residentId: string;
  status: DeliveryStatus;
  language: Lang | null;
  addressEnc: string;
  quietFrom: number | null;
  quietUntil: number | null;
}

export async function getDelivery(sql: Sql, id: number): Promise<DeliveryToSend | null> {
  const [row] = await sql.query<DeliveryToSend>(
    `select d.id, d.broadcast_id as "broadcastId", d.resident_id as "residentId", d.status, r.language, r.address_enc as "addressEnc",
            r.quiet_from as "quietFrom", r.quiet_until as "quietUntil"
     from deliveries d join residents r on r.id = d.resident_id where d.id = $1`,
    [id],
  );
  return row ?? null;
}

/**
 * Takes a queued delivery for sending, in one statement: counts it in the resident's day unless that would
 * pass their daily cap (urgent alerts pass it), and notes it as their last alert. Returns what became of it:
 * `sending`; `skipped` (cap reached, alerts turned off or unreachable since it was queued); `cancelled`; or null
 * when it was no longer queued.
 */
export async function claimDelivery(sql: Sql, id: number, urgent: boolean, day: string): Promise<DeliveryStatus | null> {
  const [row] = await sql.query<{ status: DeliveryStatus }>(
    `with d as (
       select d.id, d.resident_id, d.broadcast_id, b.status = 'cancelled' as cancelled
       from deliveries d join broadcasts b on b.id = d.broadcast_id where d.id = $1 and d.status = 'queued' for update of d
     ), r as (
       update residents set alerts_day = $3::date,
         alerts_today = case when alerts_day = $3::date then alerts_today + 1 else 1 end,
         last_alert_id = (select broadcast_id from d), last_alert_at = now()
       where id = (select resident_id from d) and not (select cancelled from d) and reachable and not alerts_opt_out
         and ($2 or alert_daily_cap is null or alerts_day is distinct from $3::date or alerts_today < alert_daily_cap)
       returning id
     )
     update deliveries set status = case when (select cancelled from d) then 'cancelled' when exists (select 1 from r) then 'sending' else 'skipped' end
     where id = (select id from d) returning status`,
    [id, urgent, day],
  );
  return row?.status ?? null;
}

/** Puts a delivery back in the queue's hands (the platform asked to wait, or to try again); it no longer counts in the day. */
export async function unclaimDelivery(sql: Sql, id: number): Promise<void> {
  await sql.query(
    `with d as (update deliveries set status = 'queued' where id = $1 and status = 'sending' returning resident_id)
     update residents set alerts_today = greatest(alerts_today - 1, 0) where id = (select resident_id from d)`,
    [id],
  );
}

/** A session that was forgotten (residents not heard from for a while) starts again from this one. */
const FRESH_SESSION = JSON.stringify(newSession());

/**
 * Records that a delivery went out, and leaves the alert in the resident's session until `answerableUntil`: what
 * they write back before then in their own words is their answer to it. The session's version moves on, so a
 * turn that read the session before runs again and sees the alert.
 */
export async function deliverySent(sql: Sql, id: number, answerableUntil: Date): Promise<void> {
  await sql.query(
    `with d as (
       update deliveries set status = 'sent', error = null, sent_at = now() where id = $1 and status in ('queued', 'sending')
       returning resident_id, broadcast_id
     )
     update sessions s set version = s.version + 1,
       state = (case when s.state ? 'flow' then s.state else $3::jsonb end) || jsonb_build_object('alert', jsonb_build_object('id', d.broadcast_id, 'until', $2::text))
     from d where s.resident_id = d.resident_id`,
    [id, answerableUntil.toISOString(), FRESH_SESSION],
  );
}

/** Records how a delivery ended; one that ended before is left as it is. */
export async function finishDelivery(sql: Sql, id: number, status: 'failed' | 'unreachable', error: string | null = null): Promise<void> {
  await sql.query(
    `update deliveries set status = $2, error = $3 where id = $1 and status in ('queued', 'sending')`,
    [id, status, error?.slice(0, 500) ?? null],
  );
}
