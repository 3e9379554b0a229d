import type { Officer, OfficerRole } from '../officers/access.ts';
import type { Sql } from './db.ts';

/** An account as admins see it; never its password hash. */
export interface OfficerAccount extends Officer {
  disabled: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
  lastLoginAt: Date | null;
}

/** What a login needs to decide. */
export interface LoginRecord extends Officer {
  passwordHash: string;
  disabled: boolean;
  lockedUntil: Date | null;
  sessionEpoch: number;
}

const ACCOUNT = `id, username, name, role, areas, disabled, locked_until as "lockedUntil", created_at as "createdAt", last_login_at as "lastLoginAt"`;

export async function insertOfficer(
  sql: Sql,
  officer: { username: string; name: string; role: OfficerRole; areas: string[]; passwordHash: string },
): Promise<OfficerAccount | null> {
  const [row] = await sql.query<OfficerAccount>(
    `insert into officers (username, name, role, areas, password_hash) values ($1, $2, $3, $4, $5)
     on conflict (username) do nothing returning ${ACCOUNT}`,
    [officer.username, officer.name, officer.role, officer.areas, officer.passwordHash],
  );
  return row ?? null;
}

export async function listOfficers(sql: Sql): Promise<OfficerAccount[]> {
  return sql.query<OfficerAccount>(`select ${ACCOUNT} from officers order by disabled, username`);
}

export async function getOfficer(sql: Sql, id: string): Promise<OfficerAccount | null> {
  const [row] = await sql.query<OfficerAccount>(`select ${ACCOUNT} from officers where id = $1`, [id]);
  return row ?? null;
}

export async function loginRecord(sql: Sql, username: string): Promise<LoginRecord | null> {
  const [row] = await sql.query<LoginRecord>(
    `select id, username, name, role, areas, password_hash as "passwordHash", disabled, locked_until as "lockedUntil",
            session_epoch as "sessionEpoch"
     from officers where username = $1`,
    [username],
  );
  return row ?? null;
}

/** The officer of a session, if the account is still enabled and the session not older than its epoch. */
export async function activeOfficer(sql: Sql, id: string, epoch: number): Promise<Officer | null> {
  const [row] = await sql.query<Officer>(
    'select id, username, name, role, areas from officers where id = $1 and not disabled and session_epoch = $2',
    [id, epoch],
  );
  return row ?? null;
}

/**
 * Counts a wrong password; from the `free`-th in a row the account refuses logins for `lockMinutes`. Returns
 * when it is locked until, if it is.
 */
export async function recordFailedLogin(sql: Sql, id: string, free: number, lockMinutes: number): Promise<Date | null> {
  const [row] = await sql.query<{ lockedUntil: Date | null }>(
    `update officers set failed_logins = failed_logins + 1,
       locked_until = case when failed_logins + 1 >= $2 then now() + make_interval(mins => $3) else locked_until end
     where id = $1 returning locked_until as "lockedUntil"`,
    [id, free, lockMinutes],
  );
  return row?.lockedUntil ?? null;
}

export async function recordLogin(sql: Sql, id: string): Promise<void> {
  await sql.query('update officers set failed_logins = 0, locked_until = null, last_login_at = now() where id = $1', [id]);
}

/** Changes an account. A change of role, areas, password or a disable ends the account's open sessions. */
export async function updateOfficer(
  sql: Sql,
  id: string,
  change: { name?: string; role?: OfficerRole; areas?: string[]; disabled?: boolean; passwordHash?: string },
): Promise<OfficerAccount | null> {
  const [row] = await sql.query<OfficerAccount>(
    `update officers set name = coalesce($2, name), role = coalesce($3, role), areas = coalesce($4, areas),
       disabled = coalesce($5, disabled), password_hash = coalesce($6, password_hash),
       failed_logins = case when $6::text is not null then 0 else failed_logins end,
       locked_until = case when $6::text is not null or $5 = false then null else locked_until end,
       session_epoch = session_epoch + case when $3::text is not null or $4::text[] is not null or $5 = true or $6::text is not null then 1 else 0 end
     where id = $1 returning ${ACCOUNT}`,
    [id, change.name ?? null, change.role ?? null, change.areas ?? null, change.disabled ?? null, change.passwordHash ?? null],
  );
  if (row && (change.role || change.areas || change.disabled === true || change.passwordHash)) {
    await sql.query('delete from officer_sessions where officer_id = $1', [id]);
  }
  return row ?? null;
}

export async function countAdmins(sql: Sql): Promise<number> {
  const [row] = await sql.query<{ count: number }>(`select count(*)::int as count from officers where role = 'admin' and not disabled`);
  return row?.count ?? 0;
}

/** Ends every session of an account: the rows go, and the epoch rises so no copy of one is accepted. */
export async function revokeSessions(sql: Sql, id: string): Promise<string | null> {
  const [row] = await sql.query<{ username: string }>('update officers set session_epoch = session_epoch + 1 where id = $1 returning username', [id]);
  if (!row) return null;
  await sql.query('delete from officer_sessions where officer_id = $1', [id]);
  return row.username;
}
