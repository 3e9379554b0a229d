import type { Sql } from './db.ts';

/** Subscriptions to area alerts, escalations to liaison officers and feedback: what residents ask of the police. */

export async function subscribe(sql: Sql, residentId: string, areaId: string): Promise<void> {
  await sql.query('insert into subscriptions (resident_id, area_id) values ($1, $2) on conflict do nothing', [residentId, areaId]);
}

export async function unsubscribeAll(sql: Sql, residentId: string): Promise<void> {
  await sql.query('delete from subscriptions where resident_id = $1', [residentId]);
}

/** The alert a resident got in the last day: what they write to officers now is likely an answer to it. */
const RECENT_ALERT = `(select last_alert_id from residents where id = $1 and last_alert_at > now() - interval '1 day')`;

/**
 * Adds a resident's message to their open conversation with the liaison officers, opening one if needed. A
 * conversation started soon after an alert is marked as answering it, for the officers to see.
 */
export async function addToConversation(sql: Sql, residentId: string, areaId: string | null, body: string): Promise<string> {
  const [open] = await sql.query<{ id: string }>(
    `select id from conversations where resident_id = $1 and status <> 'closed' order by created_at desc limit 1`,
    [residentId],
  );
  let id = open?.id;
  if (!id) {
    const [created] = await sql.query<{ id: string }>(`insert into conversations (resident_id, area_id, broadcast_id) values ($1, $2, ${RECENT_ALERT}) returning id`, [
      residentId,
      areaId ?? 'unknown',
    ]);
    id = (created as { id: string }).id;
  } else {
    await sql.query(`update conversations set updated_at = now(), broadcast_id = coalesce(broadcast_id, ${RECENT_ALERT.replace('$1', '$2')}) where id = $1`, [id, residentId]);
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
