import type { Sql } from './db.ts';

/** Claims an inbound id for this transaction; false when it was already applied (a redelivery or a replay). */
export async function claimInbound(sql: Sql, messageId: string): Promise<boolean> {
  const rows = await sql.query('insert into processed_inbound (message_id) values ($1) on conflict do nothing returning message_id', [messageId]);
  return rows.length === 1;
}

/** Ids older than the longest redelivery window of any platform can go. */
export async function pruneProcessed(sql: Sql, keepDays: number): Promise<void> {
  await sql.query('delete from processed_inbound where processed_on < current_date - $1::int', [keepDays]);
}
