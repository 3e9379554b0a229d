import { createHash } from 'node:crypto';
import type { Session } from 'fastify';
import type { Db } from '../../store/db.ts';

type Callback = (error?: unknown) => void;

/** The key a session is stored under: a copy of the database alone does not give anyone a usable cookie. */
const keyOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url');

/**
 * Console sessions in PostgreSQL (a store for @fastify/session): every process sees the same sessions, they
 * survive a restart, and deleting a row ends one at once (a logout, a disabled account, an admin's revocation).
 */
export function pgSessionStore(db: Db, maxAgeMs: number) {
  return {
    set(sessionId: string, session: Session, callback: Callback) {
      const expires = session.cookie.expires ? new Date(session.cookie.expires) : new Date(Date.now() + maxAgeMs);
      db.query(
        `insert into officer_sessions (id, officer_id, data, expires_at) values ($1, $2, $3, $4)
         on conflict (id) do update set officer_id = excluded.officer_id, data = excluded.data, expires_at = excluded.expires_at`,
        [keyOf(sessionId), session.officerId ?? null, JSON.stringify(session), expires],
      ).then(() => callback(), callback);
    },
    get(sessionId: string, callback: (error: unknown, session?: Session | null) => void) {
      db.query<{ data: Session }>('select data from officer_sessions where id = $1 and expires_at > now()', [keyOf(sessionId)]).then(
        ([row]) => callback(null, row ? row.data : null),
        (error: unknown) => callback(error),
      );
    },
    destroy(sessionId: string, callback: Callback) {
      db.query('delete from officer_sessions where id = $1', [keyOf(sessionId)]).then(() => callback(), callback);
    },
  };
}

/** Drops sessions past their end; run now and then so the table does not grow. */
export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.query('delete from officer_sessions where expires_at < now()');
}
