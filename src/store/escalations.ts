import type { AlertTexts } from '../broadcasts/texts.ts';
import type { Sql } from './db.ts';

/** An escalation as the liaison inbox lists it. */
export interface EscalationRow {
  id: string;
  areaId: string;
  status: 'open' | 'claimed' | 'closed';
  claimedBy: string | null;
  claimedByName: string | null;
  platform: string;
  language: string | null;
  createdAt: Date;
  /** Since when the resident's newest unanswered message waits; null once the officer answered the last one. */
  waitingSince: Date | null;
  messages: number;
  /** The police alert the resident answered (its number and its texts, for the officer's language), if any. */
  alert: { id: number; texts: AlertTexts } | null;
}

export interface EscalationMessage {
  id: number;
  direction: 'in' | 'out';
  body: string;
  officerName: string | null;
  createdAt: Date;
}

export interface Escalation extends EscalationRow {
  residentId: string;
  addressHash: string;
  claimedAt: Date | null;
  firstResponseAt: Date | null;
  closedAt: Date | null;
}

const ROW = `c.id, c.area_id as "areaId", c.status, c.claimed_by as "claimedBy", o.name as "claimedByName", r.platform, r.language,
  c.created_at as "createdAt",
  (select min(m.created_at) from conversation_messages m where m.conversation_id = c.id and m.direction = 'in'
     and m.id > coalesce((select max(x.id) from conversation_messages x where x.conversation_id = c.id and x.direction = 'out'), 0)) as "waitingSince",
  (select count(*)::int from conversation_messages m where m.conversation_id = c.id) as messages,
  (select jsonb_build_object('id', b.id, 'texts', b.texts) from broadcasts b where b.id = c.broadcast_id) as alert`;
const FROM = 'from conversations c join residents r on r.id = c.resident_id left join officers o on o.id = c.claimed_by';

/** Escalations not yet closed, in `areas` (null: all), the longest waiting first. */
export async function listOpenEscalations(sql: Sql, areas: string[] | null): Promise<EscalationRow[]> {
  return sql.query<EscalationRow>(
    `select ${ROW} ${FROM} where c.status <> 'closed' and ($1::text[] is null or c.area_id = any($1))
     order by "waitingSince" nulls last, c.created_at`,
    [areas],
  );
}

export async function getEscalation(sql: Sql, id: string): Promise<Escalation | null> {
  const [row] = await sql.query<Escalation>(
    `select ${ROW}, c.resident_id as "residentId", r.address_hash as "addressHash", c.claimed_at as "claimedAt",
            c.first_response_at as "firstResponseAt", c.closed_at as "closedAt"
     ${FROM} where c.id = $1`,
    [id],
  );
  return row ?? null;
}

export async function escalationMessages(sql: Sql, id: string): Promise<EscalationMessage[]> {
  return sql.query<EscalationMessage>(
    `select m.id, m.direction, m.body, o.name as "officerName", m.created_at as "createdAt"
     from conversation_messages m left join officers o on o.id = m.officer_id where m.conversation_id = $1 order by m.id`,
    [id],
  );
}

/** Claims an open escalation for one officer; false when someone else was first (one statement decides). */
export async function claimEscalation(sql: Sql, id: string, officerId: string): Promise<boolean> {
  const rows = await sql.query(`update conversations set status = 'claimed', claimed_by = $2, claimed_at = now(), updated_at = now() where id = $1 and status = 'open' returning id`, [
    id,
    officerId,
  ]);
  return rows.length === 1;
}

/** Gives a claimed escalation to another officer. */
export async function reassignEscalation(sql: Sql, id: string, officerId: string): Promise<boolean> {
  const rows = await sql.query(`update conversations set claimed_by = $2, updated_at = now() where id = $1 and status = 'claimed' returning id`, [id, officerId]);
  return rows.length === 1;
}

/** Adds an officer's reply; the first one sets the escalation's first-response time. */
export async function addOfficerReply(sql: Sql, id: string, officerId: string, body: string): Promise<number> {
  await sql.query('update conversations set first_response_at = coalesce(first_response_at, now()), updated_at = now() where id = $1', [id]);
  const [row] = await sql.query<{ id: number }>(
    `insert into conversation_messages (conversation_id, direction, body, officer_id) values ($1, 'out', $2, $3) returning id`,
    [id, body, officerId],
  );
  return (row as { id: number }).id;
}

export async function closeEscalation(sql: Sql, id: string): Promise<boolean> {
  const rows = await sql.query(`update conversations set status = 'closed', closed_at = now(), updated_at = now() where id = $1 and status <> 'closed' returning id`, [id]);
  return rows.length === 1;
}
