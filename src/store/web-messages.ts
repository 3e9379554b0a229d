import type { OutboundMessage } from '../messages.ts';
import type { Sql } from './db.ts';

export interface WebMessage extends OutboundMessage {
  id: string;
}

/** Stores a message for the page, once per send key however often it is sent. */
export async function addWebMessage(sql: Sql, resident: string, message: OutboundMessage, sendKey: string): Promise<void> {
  await sql.query('insert into web_messages (send_key, resident, message) values ($1, $2, $3) on conflict (send_key) do nothing', [
    sendKey,
    resident,
    JSON.stringify(message),
  ]);
}

/** Messages for a web resident after `cursor` (a message id), oldest first. */
export async function listWebMessages(sql: Sql, resident: string, cursor: number, limit: number): Promise<WebMessage[]> {
  const rows = await sql.query<{ id: number; message: OutboundMessage }>(
    'select id, message from web_messages where resident = $1 and id > $2 order by id limit $3',
    [resident, cursor, limit],
  );
  return rows.map((r) => ({ id: String(r.id), ...r.message }));
}

/** The web chat is for demonstrations and training: its transcripts are kept for a day only. */
export async function pruneWebMessages(sql: Sql, keepHours: number): Promise<void> {
  await sql.query('delete from web_messages where created_at < now() - make_interval(hours => $1)', [keepHours]);
}
