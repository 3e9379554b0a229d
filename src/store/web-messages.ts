import type { OutboundMessage } from '../messages.ts';
import type { Sql } from './db.ts';

export interface WebMessage extends OutboundMessage {
  id: string;
}

/** Messages for a web resident (found by the keyed hash of their id) after `cursor`, oldest first. */
export async function listWebMessages(sql: Sql, residentKey: string, cursor: number, limit: number): Promise<WebMessage[]> {
  const rows = await sql.query<{ id: number; message: OutboundMessage }>(
    `select w.id, w.message from web_messages w join residents r on r.id = w.resident_id
     where r.platform = 'web' and r.address_hash = $1 and w.id > $2 order by w.id limit $3`,
    [residentKey, cursor, limit],
  );
  return rows.map((r) => ({ id: String(r.id), ...r.message }));
}

/** A message about an anonymous report is deleted once a page has it. */
export async function forgetSecrets(sql: Sql, delivered: WebMessage[]): Promise<void> {
  const ids = delivered.filter((m) => m.secret).map((m) => Number(m.id));
  if (ids.length > 0) await sql.query('delete from web_messages where id = any($1) and ephemeral', [ids]);
}

/** A resident's whole transcript, when what it says could tie them to an anonymous report. */
export async function forgetTranscript(sql: Sql, residentId: string): Promise<void> {
  await sql.query('delete from web_messages where resident_id = $1', [residentId]);
}

/** A message showing a secret that no page fetched within `minutes` goes anyway. */
export async function pruneSecrets(sql: Sql, minutes: number): Promise<void> {
  await sql.query('delete from web_messages where ephemeral and created_at < now() - make_interval(mins => $1)', [minutes]);
}
