import type { Sql } from './db.ts';

export interface DueTimeout {
  residentId: string;
  /** Keyed hash of the resident's address: picks the queue partition of their jobs. */
  residentKey: string;
  token: string;
}

/**
 * Waiting conversations past their deadline. Each is pushed back a minute as it is handed out, so two sweeps
 * do not both take it and one lost in a crash comes round again; the time-out itself clears the deadline.
 */
export async function claimDueTimeouts(sql: Sql, limit: number): Promise<DueTimeout[]> {
  return sql.query<DueTimeout>(
    `update sessions s set wait_deadline = now() + interval '1 minute'
     from residents r
     where r.id = s.resident_id and s.resident_id in (
       select resident_id from sessions where wait_deadline <= now() order by wait_deadline limit $1 for update skip locked
     )
     returning s.resident_id as "residentId", r.address_hash as "residentKey", s.state ->> 'waitToken' as token`,
    [limit],
  );
}
