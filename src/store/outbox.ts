import type { OutboundMessage, Platform } from '../messages.ts';
import type { Sql } from './db.ts';

export interface OutboxRow {
  id: number;
  residentId: string;
  platform: Platform;
  message: OutboundMessage | null;
  failedAt: Date | null;
}

export async function addOutbox(sql: Sql, residentId: string, platform: Platform, message: OutboundMessage): Promise<number> {
  const [row] = await sql.query<{ id: number }>(
    'insert into outbox (resident_id, platform, message) values ($1, $2, $3) returning id',
    [residentId, platform, JSON.stringify(message)],
  );
  return (row as { id: number }).id;
}

export async function getOutbox(sql: Sql, id: number): Promise<OutboxRow | null> {
  const [row] = await sql.query<OutboxRow>(
    'select id, resident_id as "residentId", platform, message, failed_at as "failedAt" from outbox where id = $1',
    [id],
  );
  return row ?? null;
}

/** True while an earlier message to the same resident is still unsent: it must go first. */
export async function hasEarlierPending(sql: Sql, row: OutboxRow): Promise<boolean> {
  const rows = await sql.query('select 1 from outbox where resident_id = $1 and id < $2 and failed_at is null limit 1', [row.residentId, row.id]);
  return rows.length > 0;
}

/** A sent message leaves no trace. */
export async function deleteOutbox(sql: Sql, id: number): Promise<void> {
  await sql.query('delete from outbox where id = $1', [id]);
}

/** A message that will never be sent keeps its error, not its text. */
export async function failOutbox(sql: Sql, id: number, error: string): Promise<void> {
  await sql.query('update outbox set failed_at = now(), message = null, error = $2 where id = $1', [id, error.slice(0, 500)]);
}

/**
 * Rows that should be in the outbound queue by now but may not be (the process died between commit and
 * enqueue, or Redis lost them). Each is picked again at most once per `afterSeconds`.
 */
export async function claimStaleOutbox(sql: Sql, afterSeconds: number, limit: number): Promise<{ id: number; platform: Platform }[]> {
  return sql.query(
    `update outbox set enqueued_at = now()
     where id in (
       select id from outbox
       where failed_at is null and coalesce(enqueued_at, created_at) < now() - make_interval(secs => $1)
       order by id limit $2
     )
     returning id, platform`,
    [afterSeconds, limit],
  );
}
