import type { OutboundMessage, Platform } from '../messages.ts';
import type { Sql } from './db.ts';

/** An unsent message with what it takes to send it. */
export interface PendingMessage {
  id: number;
  residentId: string;
  platform: Platform;
  message: OutboundMessage;
  addressEnc: string;
  /** An earlier message to the same resident is still unsent: this one must wait for it. */
  blocked: boolean;
}

/** The next message a resident should get, queued once the one before it is gone. */
export interface NextMessage {
  id: number;
  platform: Platform;
}

/** A message still to send, in one statement; null once it was sent or given up. */
export async function getPending(sql: Sql, id: number): Promise<PendingMessage | null> {
  const [row] = await sql.query<PendingMessage>(
    `select o.id, o.resident_id as "residentId", o.platform, o.message, r.address_enc as "addressEnc",
            exists (select 1 from outbox e where e.resident_id = o.resident_id and e.id < o.id and e.failed_at is null) as blocked
     from outbox o join residents r on r.id = o.resident_id
     where o.id = $1 and o.failed_at is null`,
    [id],
  );
  return row ?? null;
}

/** The oldest unsent message of a resident: read after the one before it left, so it sees every later write. */
async function nextOf(sql: Sql, residentId: string): Promise<NextMessage | null> {
  const [row] = await sql.query<NextMessage>(
    'select id, platform from outbox where resident_id = $1 and failed_at is null order by id limit 1',
    [residentId],
  );
  return row ?? null;
}

/** A sent message leaves no trace. Returns the resident's next message when one waited behind it. */
export async function markSent(sql: Sql, id: number): Promise<NextMessage | null> {
  const [row] = await sql.query<{ residentId: string; successor: boolean }>(
    'delete from outbox where id = $1 returning resident_id as "residentId", successor',
    [id],
  );
  return row?.successor ? nextOf(sql, row.residentId) : null;
}

/** A message that will never be sent keeps its error, not its text; the next one may go. */
export async function markFailed(sql: Sql, id: number, error: string): Promise<NextMessage | null> {
  const [row] = await sql.query<{ residentId: string; successor: boolean }>(
    `update outbox set failed_at = now(), message = null, error = $2 where id = $1 and failed_at is null
     returning resident_id as "residentId", successor`,
    [id, error.slice(0, 500)],
  );
  return row?.successor ? nextOf(sql, row.residentId) : null;
}

/**
 * Messages that should be in the outbound queue by now but may not be (the process died between its write
 * and its enqueue, or Redis lost them): the first unsent one of each resident, picked again at most once per
 * `afterSeconds`. Those behind it are queued when it leaves.
 */
export async function claimStaleOutbox(sql: Sql, afterSeconds: number, limit: number): Promise<NextMessage[]> {
  return sql.query(
    `update outbox set enqueued_at = now()
     where id in (
       select o.id from outbox o
       where o.failed_at is null and coalesce(o.enqueued_at, o.created_at) < now() - make_interval(secs => $1)
         and not exists (select 1 from outbox e where e.resident_id = o.resident_id and e.id < o.id and e.failed_at is null)
       order by o.id limit $2
     )
     returning id, platform`,
    [afterSeconds, limit],
  );
}
