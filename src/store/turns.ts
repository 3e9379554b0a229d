import type { Session } from '../engine/types.ts';
import type { OutboundMessage, Platform } from '../messages.ts';
import type { Sql } from './db.ts';
import type { Resident } from './residents.ts';

/**
 * One turn of conversation costs two statements: one reads the resident and their session (creating the
 * resident on first contact), one writes everything the turn produced. No lock is held in between; the
 * session's version makes a concurrent writer lose instead (its turn is run again on fresh state).
 */

export interface Loaded {
  resident: Resident;
  session: Session | null;
  version: number;
}

const RESIDENT = `r.id, r.platform, r.address_hash as "addressHash", r.language, r.reachable, r.alerts_opt_out as "alertsOptOut"`;

type Row = Resident & { state: Session | Record<string, never>; version: number };

const loaded = (row: Row): Loaded => {
  const { state, version, ...resident } = row;
  return { resident, session: 'flow' in state ? (state as Session) : null, version };
};

/**
 * The resident behind an address, with their session; null before their first message. A message proves they
 * are reachable; the write of the turn records that.
 */
export async function loadByAddress(sql: Sql, platform: Platform, addressHash: string): Promise<Loaded | null> {
  const [row] = await sql.query<Row>(
    `select ${RESIDENT}, s.state, s.version from residents r join sessions s on s.resident_id = r.id
     where r.platform = $1 and r.address_hash = $2`,
    [platform, addressHash],
  );
  return row ? loaded(row) : null;
}

/** Creates a resident on first contact, with an empty session; one created meanwhile by another turn is kept. */
export async function createResident(sql: Sql, platform: Platform, addressHash: string, addressEnc: string): Promise<void> {
  await sql.query(
    `with r as (
       insert into residents (platform, address_hash, address_enc) values ($1, $2, $3)
       on conflict (platform, address_hash) do nothing returning id
     )
     insert into sessions (resident_id, state) select id, '{}' from r`,
    [platform, addressHash, addressEnc],
  );
}

export async function loadById(sql: Sql, residentId: string): Promise<Loaded | null> {
  const [row] = await sql.query<Row>(
    `select ${RESIDENT}, s.state, s.version from residents r join sessions s on s.resident_id = r.id where r.id = $1`,
    [residentId],
  );
  return row ? loaded(row) : null;
}

export interface TurnWrite {
  residentId: string;
  platform: Platform;
  /** The version the turn read; the write happens only if the session is still at it. */
  version: number;
  /** The id of the inbound message, time-out or event: recorded so a replay changes nothing. */
  processedId: string;
  session: Session;
  waitDeadline: Date | null;
  /** A message from the resident proves they are reachable (a time-out or an event does not). */
  fromResident: boolean;
  message: OutboundMessage | null;
  /** The reply goes straight into the web chat's mailbox instead of the outbox: there is no platform to send to. */
  toMailbox: boolean;
}

export type TurnWritten =
  | {
      kind: 'written';
      outboxId: number | null;
      behindEarlier: boolean;
      mailboxId: number | null;
      /** The resident's mailbox message before this one (0 when none): lets a page see it missed one. */
      mailboxPrevious: number;
    }
  /** Someone else wrote the session since it was read: run the turn again. */
  | { kind: 'conflict' }
  /** This id was applied before: nothing was written. */
  | { kind: 'replayed' };

/**
 * Writes a turn in one statement: the session (if still at the version read), the processed id, the resident's
 * language and the reply. A reply to the outbox written while an earlier one to the same resident is unsent
 * marks that one (`successor`), whose sender then queues this one; `behindEarlier` says so, and the caller
 * queues nothing.
 */
export async function writeTurn(sql: Sql, turn: TurnWrite): Promise<TurnWritten> {
  try {
    const [row] = await sql.query<{ applied: number; outboxId: number | null; mailboxId: number | null; mailboxPrevious: number | null; behindEarlier: boolean }>(
      `with s as (
         update sessions set state = $2, version = version + 1, wait_deadline = $4 where resident_id = $1 and version = $3
         returning resident_id
       ), claim as (
         insert into processed_inbound (message_id) select $5 from s returning 1
       ), resident as (
         update residents set language = $6, reachable = reachable or $10,
                last_seen_on = case when $10 then current_date else last_seen_on end
         where id = $1 and exists (select 1 from claim)
           and (language is distinct from $6 or ($10 and (last_seen_on <> current_date or not reachable)))
       ), earlier as (
         update outbox set successor = true
         where id = (select max(id) from outbox where resident_id = $1 and failed_at is null)
           and $8::jsonb is not null and not $9 and exists (select 1 from claim)
         returning id
       ), o as (
         insert into outbox (resident_id, platform, message) select $1, $7, $8 from claim where $8::jsonb is not null and not $9 returning id
       ), m as (
         insert into web_messages (resident_id, message, ephemeral) select $1, $8, $11 from claim where $8::jsonb is not null and $9 returning id
       )
       select (select count(*) from claim)::int as applied, (select id from o) as "outboxId", exists (select 1 from earlier) as "behindEarlier",
              (select id from m) as "mailboxId", case when $9 then (select max(id) from web_messages where resident_id = $1) end as "mailboxPrevious"`,
      [
        turn.residentId,
        JSON.stringify(turn.session),
        turn.version,
        turn.waitDeadline,
        turn.processedId,
        turn.session.lang,
        turn.platform,
        turn.message ? JSON.stringify(turn.message) : null,
        turn.toMailbox,
        turn.fromResident,
        turn.message?.secret === true,
      ],
    );
    if (!row || row.applied === 0) return { kind: 'conflict' };
    return { kind: 'written', outboxId: row.outboxId, behindEarlier: row.behindEarlier, mailboxId: row.mailboxId, mailboxPrevious: row.mailboxPrevious ?? 0 };
  } catch (error) {
    // The processed id is already there: this message, time-out or event was applied before.
    if ((error as { code?: string }).code === '23505' && (error as { constraint?: string }).constraint === 'processed_inbound_pkey') {
      return { kind: 'replayed' };
    }
    throw error;
  }
}
