import type { Sql } from './db.ts';

/** Subscriptions to area alerts, escalations to liaison officers and feedback: what residents ask of the police. */

export async function subscribe(sql: Sql, residentId: string, areaId: string): Promise<void> {
  await sql.query('insert into subscriptions (resident_id, area_id) values ($1, $2) on conflict do nothing', [residentId, areaId]);
}

export async function unsubscribeAll(sql: Sql, residentId: string): Promise<void> {
  await sql.query('delete from subscriptions where resident_id = $1', [residentId]);
}

/** The alert a resident got in the last `hours`, if any: what they write to officers now may well answer it. */
export async function recentAlert(sql: Sql, residentId: string, hours: number): Promise<number | null> {
  const [row] = await sql.query<{ id: string }>(
    `select last_alert_id as id from residents where id = $1 and last_alert_at > now() - make_interval(hours => $2)`,
    [residentId, hours],
  );
  return row?.id ? Number(row.id) : null;
}

/** The areas a resident asked alerts for, the oldest first. */
export async function subscribedAreas(sql: Sql, residentId: string): Promise<string[]> {
  const rows = await sql.query<{ areaId: string }>('select area_id as "areaId" from subscriptions where resident_id = $1 order by created_on, area_id', [residentId]);
  return rows.map((r) => r.areaId);
}

/** The area of the resident's conversation with the liaison officers that is still open; null when none is. */
export async function openConversationArea(sql: Sql, residentId: string): Promise<string | null> {
  const [open] = await sql.query<{ areaId: string }>(
    `select area_id as "areaId" from conversations where resident_id = $1 and status <> 'closed' order by created_at desc limit 1`,
    [residentId],
  );
  return open?.areaId ?? null;
}

/**
 * Adds a resident's message to their open conversation with the liaison officers, opening one if needed. A
 * conversation that answers a police alert (`broadcastId`) is marked so, for the officers to see; one already
 * marked keeps the alert it was opened about.
 */
export async function addToConversation(sql: Sql, residentId: string, areaId: string | null, body: string, broadcastId: number | null = null): Promise<string> {
  const [open] = await sql.query<{ id: string }>(
    `select id from conversations where resident_id = $1 and status <> 'closed' order by created_at desc limit 1`,
    [residentId],
  );
  let id = open?.id;
  if (!id) {
    const [created] = await sql.query<{ id: string }>(`insert into conversations (resident_id, area_id, broadcast_id) values ($1, $2, $3) returning id`, [
      residentId,
      areaId ?? 'unknown',
      broadcastId,
    ]);
    id = (created as { id: string }).id;
  } else {
    await sql.query(`update conversations set updated_at = now(), broadcast_id = coalesce(broadcast_id, $2) where id = $1`, [id, broadcastId]);
  }
  await sql.query(`insert into conversation_messages (conversation_id, direction, body) values ($1, 'in', $2)`, [id, body]);
  return id;
}

export async function addFeedback(
  sql: Sql,
  feedback: { areaId: string | null; category: string | null; rating: number | null; wouldReportAgain: boolean | null },
): Promise<void> {
  await sql.query('insert into feedback (area_id, category, rating, would_report_again) values ($1, $2, $3, $4)', [
    feedback.areaId,
    feedback.category,
    feedback.rating,
    feedback.wouldReportAgain,
  ]);
}
