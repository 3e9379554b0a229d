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

/**
 * Who a broadcast reaches: subscribed to one of its areas, alerts on, reachable, interested in its topic.
 * `after`, a parameter: only residents after that id, said inside the subscriptions test too, so that both
 * indexes are read from there on rather than from their start (a million residents read in batches would
 * otherwise read the subscriptions before the cursor again for each batch).
 */
const audience = (after?: string) => `r.reachable and not r.alerts_opt_out and r.platform <> 'web'
  and exists (select 1 from subscriptions s where s.resident_id = r.id${after ? ` and s.resident_id > ${after}` : ''} and ($2::text[] is null or s.area_id = any($2::text[])))
  and ($3::text is null or $4 or r.alert_topics is null or $3 = any(r.alert_topics))`;

/** How many residents a broadcast reaches, counted once when it starts. */
export async function countAudience(sql: Sql, b: Broadcast): Promise<number> {
  const [row] = await sql.query<{ n: number }>(`select count(*)::int as n from residents r where $1::int is not null and ${audience()}`, [
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

/**
 * Queues the next residents of a broadcast after `cursor` (in id order), in one statement: a delivery row
 * each, and the broadcast's cursor moved past them, so a fan-out stopped anywhere goes on where it stood. Rows
 * that exist already (a fan-out run twice at once) are left as they are and counted once. Returns how many
 * residents were read (fewer than `limit`: the end) and the new cursor, or null when the broadcast is no longer
 * going out (cancelled meanwhile).
 */
export async function queueNextDeliveries(sql: Sql, b: Broadcast, cursor: string | null, priority: number, limit: number): Promise<{ read: number; cursor: string | null } | null> {
  const [row] = await sql.query<{ read: number; cursor: string | null }>(
    `with batch as (
       select r.id, r.platform from residents r
       where r.id > $5::uuid and ${audience('$5::uuid')}
         and exists (select 1 from broadcasts where id = $1 and status = 'sending')
       order by r.id limit $6
     ), created as (
       insert into deliveries (broadcast_id, resident_id, platform, priority) select $1, id, platform, $7 from batch
       on conflict (broadcast_id, resident_id) do nothing returning 1
     )
     update broadcasts set cursor = coalesce((select id from batch order by id desc limit 1), cursor),
       queued = queued + (select count(*) from created)
     where id = $1 and status = 'sending' returning (select count(*)::int from batch) as read, cursor`,
    [b.id, b.areaIds, b.topic, b.urgent, cursor ?? '00000000-0000-0000-0000-000000000000', limit, priority],
  );
  return row ?? null;
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

/** Ids of a broadcast's deliveries cancelled after they were handed to a queue, in pages, to take their jobs off it. */
export async function cancelledDeliveries(sql: Sql, id: number, after: number, limit: number): Promise<number[]> {
  const rows = await sql.query<{ id: number }>(
    `select id from deliveries where broadcast_id = $1 and status = 'cancelled' and handed_at is not null and id > $2 order by id limit $3`,
    [id, after, limit],
  );
  return rows.map((r) => r.id);
}

export type DeliveryCounts = Record<DeliveryStatus, number>;

/**
 * An alert's deliveries counted by status, as a JSON object: those kept on the alert once final, else counted
 * (only then: coalesce reads its second argument only when the first is null). `b` names the broadcasts row.
 */
const countsOf = (b: string) => `coalesce(${b}.final_counts, (
  select coalesce(jsonb_object_agg(s.status, s.n), '{}') from (
    select d.status, count(*)::int as n from deliveries d where d.broadcast_id = ${b}.id group by d.status
  ) s))`;

const withZeros = (counts: Partial<DeliveryCounts>): DeliveryCounts => ({ ...(Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as DeliveryCounts), ...counts });

/**
 * Keeps an alert's counts on it once they can change no more: fully queued or cancelled, with nothing waiting
 * or being sent. A city's alert has a million deliveries, and every open alerts page reads the figures every
 * second.
 */
async function keepIfFinal(sql: Sql, id: number, status: BroadcastStatus, counts: DeliveryCounts, kept: boolean): Promise<void> {
  if (kept || (status !== 'sent' && status !== 'cancelled') || counts.queued + counts.sending > 0) return;
  await sql.query('update broadcasts set final_counts = $2 where id = $1 and final_counts is null and status = $3', [id, JSON.stringify(counts), status]);
}

export async function deliveryCounts(sql: Sql, id: number): Promise<DeliveryCounts> {
  const [row] = await sql.query<{ status: BroadcastStatus; counts: Partial<DeliveryCounts>; kept: boolean }>(
    `select b.status, ${countsOf('b')} as counts, b.final_counts is not null as kept from broadcasts b where b.id = $1`,
    [id],
  );
  if (!row) return withZeros({});
  const counts = withZeros(row.counts);
  await keepIfFinal(sql, id, row.status, counts, row.kept);
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

/** A delivery handed to its platform's queue, with what decides when the job may run. */
export interface HandedDelivery {
  id: number;
  priority: number;
  quietFrom: number | null;
  quietUntil: number | null;
}

/**
 * Takes up to `limit` deliveries waiting for a platform (urgent first, then in order) and marks them handed to
 * its queue. Several feeders share the work: a row taken by one is skipped by the others.
 */
export async function handDeliveries(sql: Sql, platform: Platform, limit: number): Promise<HandedDelivery[]> {
  return sql.query<HandedDelivery>(
    `with picked as (
       select id from deliveries
       where platform = $1 and status = 'queued' and handed_at is null and (not_before is null or not_before <= now())
       order by priority, id limit $2 for update skip locked
     ), handed as (
       update deliveries d set handed_at = now() from picked where d.id = picked.id returning d.id, d.resident_id, d.priority
     )
     select h.id, h.priority, r.quiet_from as "quietFrom", r.quiet_until as "quietUntil"
     from handed h join residents r on r.id = h.resident_id order by h.priority, h.id`,
    [platform, limit],
  );
}

/** Gives deliveries back to wait in the database until the given times (the residents' quiet hours end). */
export async function holdDeliveries(sql: Sql, held: { id: number; until: Date }[]): Promise<void> {
  await sql.query(
    `update deliveries d set handed_at = null, not_before = h.until
     from unnest($1::bigint[], $2::timestamptz[]) as h(id, until) where d.id = h.id`,
    [held.map((h) => h.id), held.map((h) => h.until)],
  );
}

/**
 * Deliveries handed to a queue long ago and still not sent are handed again: Redis may have lost them, or the
 * feeder died between marking and queueing. Handing one twice is harmless (its job id is the delivery's).
 */
export async function releaseStaleDeliveries(sql: Sql, olderThanSeconds: number): Promise<number> {
  const rows = await sql.query(
    `update deliveries set handed_at = null where status = 'queued' and handed_at < now() - make_interval(secs => $1) returning id`,
    [olderThanSeconds],
  );
  return rows.length;
}

/** Whose alerts a list shows: every one (null), or those whose target lies within these districts and areas. */
export interface BroadcastScope {
  districts: string[];
  areas: string[];
}

export interface BroadcastRow extends Broadcast {
  counts: DeliveryCounts;
}

/**
 * Broadcasts newest first, a page at a time, with their delivery counts. A scoped list leaves out whole-city
 * alerts and any alert aimed at a district or area outside the scope.
 */
export async function listBroadcasts(sql: Sql, scope: BroadcastScope | null, limit: number, offset: number): Promise<{ broadcasts: BroadcastRow[]; total: number }> {
  const where = `$1::jsonb is null or (coalesce((b.target->>'city')::boolean, false) = false
    and coalesce(b.target->'districts', '[]') <@ ($1::jsonb->'districts') and coalesce(b.target->'areas', '[]') <@ ($1::jsonb->'areas'))`;
  const scopeJson = scope ? JSON.stringify(scope) : null;
  const rows = await sql.query<Broadcast & { counts: Partial<DeliveryCounts>; kept: boolean }>(
    `select ${COLUMNS}, ${countsOf('b')} as counts, b.final_counts is not null as kept from broadcasts b
     where ${where} order by b.id desc limit $2 offset $3`,
    [scopeJson, limit, offset],
  );
  const [count] = await sql.query<{ n: number }>(`select count(*)::int as n from broadcasts b where ${where}`, [scopeJson]);
  const broadcasts: BroadcastRow[] = [];
  for (const { kept, ...row } of rows) {
    const counts = withZeros(row.counts);
    await keepIfFinal(sql, row.id, row.status, counts, kept);
    broadcasts.push({ ...row, counts });
  }
  return { broadcasts, total: count?.n ?? 0 };
}
