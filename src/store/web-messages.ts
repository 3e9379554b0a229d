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

/** The web chat is for demonstrations and training: its transcripts are kept for a day only. */
export async function pruneWebMessages(sql: Sql, keepHours: number): Promise<void> {
  await sql.query('delete from web_messages where created_at < now() - make_interval(hours => $1)', [keepHours]);
}
