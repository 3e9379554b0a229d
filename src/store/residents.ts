import type { Lang } from '../engine/types.ts';
import type { Platform } from '../messages.ts';
import type { Sql } from './db.ts';

export interface Resident {
  id: string;
  platform: Platform;
  /** Keyed hash of the address: finds the resident again and picks their queue partition. */
  addressHash: string;
  language: Lang | null;
  reachable: boolean;
  alertsOptOut: boolean;
}

const COLUMNS = 'id, platform, address_hash as "addressHash", language, reachable, alerts_opt_out as "alertsOptOut"';

export async function getResident(sql: Sql, id: string): Promise<Resident | null> {
  const [row] = await sql.query<Resident>(`select ${COLUMNS} from residents where id = $1`, [id]);
  return row ?? null;
}

export interface AlertPreferences {
  /** Null: every topic. */
  topics: string[] | null;
  dailyCap: number | null;
  /** Hours of the day, Karachi time. */
  quiet: { from: number; until: number } | null;
}

export async function setAlertPreferences(sql: Sql, id: string, p: AlertPreferences): Promise<void> {
  await sql.query('update residents set alert_topics = $2, alert_daily_cap = $3, quiet_from = $4, quiet_until = $5 where id = $1', [
    id,
    p.topics,
    p.dailyCap,
    p.quiet?.from ?? null,
    p.quiet?.until ?? null,
  ]);
}

export async function setAlertsOptOut(sql: Sql, id: string, optOut: boolean): Promise<void> {
  await sql.query('update residents set alerts_opt_out = $2 where id = $1', [id, optOut]);
}

/**
 * Counts a wrong PIN typed by a resident, whatever the report: past `free` failures each one doubles a pause
 * before their next try, up to `maxMinutes`. Returns when they may try again (null: now).
 */
export async function recordResidentPinFailure(sql: Sql, id: string, free: number, maxMinutes: number): Promise<Date | null> {
  const [row] = await sql.query<{ retryAfter: Date | null }>(
    // pin_failures here is the count before this one: 1 minute after the first failure past `free`, then 2, 4…
    `update residents set pin_failures = pin_failures + 1,
       pin_retry_after = case when pin_failures >= $2
         then now() + make_interval(mins => least($3, power(2, least(pin_failures - $2, 20))::int))
         else pin_retry_after end
     where id = $1 returning pin_retry_after as "retryAfter"`,
    [id, free, maxMinutes],
  );
  return row?.retryAfter ?? null;
}

/** When a resident may type a PIN again, after too many wrong ones; null when they may now. */
export async function residentPinRetryAfter(sql: Sql, id: string): Promise<Date | null> {
  const [row] = await sql.query<{ retryAfter: Date | null }>('select pin_retry_after as "retryAfter" from residents where id = $1 and pin_retry_after > now()', [id]);
  return row?.retryAfter ?? null;
}

export async function clearResidentPinFailures(sql: Sql, id: string): Promise<void> {
  await sql.query('update residents set pin_failures = 0, pin_retry_after = null where id = $1 and pin_failures > 0', [id]);
}

/** The platform said the resident cannot be reached (blocked the bot, deleted the chat). */
export async function markUnreachable(sql: Sql, id: string): Promise<void> {
  await sql.query('update residents set reachable = false where id = $1', [id]);
}
