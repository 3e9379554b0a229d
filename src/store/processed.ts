import type { Sql } from './db.ts';

/** Ids older than the longest redelivery window of any platform can go. */
export async function pruneProcessed(sql: Sql, keepDays: number): Promise<void> {
  await sql.query('delete from processed_inbound where processed_on < current_date - $1::int', [keepDays]);
}
