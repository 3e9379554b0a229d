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

/** Finds the resident behind an address, creating them on first contact. A message proves they are reachable. */
export async function upsertResident(sql: Sql, platform: Platform, addressHash: string, addressEnc: string): Promise<Resident> {
  const [row] = await sql.query<Resident>(
    `insert into residents (platform, address_hash, address_enc) values ($1, $2, $3)
     on conflict (platform, address_hash) do update set last_seen_on = current_date, reachable = true
     returning ${COLUMNS}`,
    [platform, addressHash, addressEnc],
  );
  return row as Resident;
}

export async function getResident(sql: Sql, id: string): Promise<Resident | null> {
  const [row] = await sql.query<Resident>(`select ${COLUMNS} from residents where id = $1`, [id]);
  return row ?? null;
}

/** The encrypted address of a resident, to deliver a message. */
export async function residentAddress(sql: Sql, id: string): Promise<{ platform: Platform; addressEnc: string; reachable: boolean } | null> {
  const [row] = await sql.query<{ platform: Platform; addressEnc: string; reachable: boolean }>(
    'select platform, address_enc as "addressEnc", reachable from residents where id = $1',
    [id],
  );
  return row ?? null;
}

export async function setResidentLanguage(sql: Sql, id: string, language: Lang | null): Promise<void> {
  await sql.query('update residents set language = $2 where id = $1 and language is distinct from $2', [id, language]);
}

export async function setAlertsOptOut(sql: Sql, id: string, optOut: boolean): Promise<void> {
  await sql.query('update residents set alerts_opt_out = $2 where id = $1', [id, optOut]);
}

/** The platform said the resident cannot be reached (blocked the bot, deleted the chat). */
export async function markUnreachable(sql: Sql, id: string): Promise<void> {
  await sql.query('update residents set reachable = false where id = $1', [id]);
}
