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

export async function setAlertsOptOut(sql: Sql, id: string, optOut: boolean): Promise<void> {
  await sql.query('update residents set alerts_opt_out = $2 where id = $1', [id, optOut]);
}

/** The platform said the resident cannot be reached (blocked the bot, deleted the chat). */
export async function markUnreachable(sql: Sql, id: string): Promise<void> {
  await sql.query('update residents set reachable = false where id = $1', [id]);
}
