import { newSession } from '../engine/engine.ts';
import type { Session } from '../engine/types.ts';
import type { Sql } from './db.ts';

/** The resident's conversation, locked for the rest of the transaction so two workers cannot both advance it. */
export async function loadSession(sql: Sql, residentId: string): Promise<Session> {
  const [row] = await sql.query<{ state: Session }>('select state from sessions where resident_id = $1 for update', [residentId]);
  return row ? { ...newSession(), ...row.state } : newSession();
}

export async function saveSession(sql: Sql, residentId: string, session: Session): Promise<void> {
  await sql.query(
    `insert into sessions (resident_id, state) values ($1, $2)
     on conflict (resident_id) do update set state = excluded.state`,
    [residentId, JSON.stringify(session)],
  );
}
