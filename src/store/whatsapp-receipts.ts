import type { Sql } from './db.ts';

export type Receipt = 'delivered' | 'read' | 'failed';

export async function recordSent(sql: Sql, messageId: string, sendKey: string): Promise<void> {
  await sql.query('insert into whatsapp_receipts (message_id, send_key) values ($1, $2) on conflict do nothing', [messageId, sendKey]);
}

/** Marks what WhatsApp reported about a sent message; a read message was delivered too. Unknown ids change nothing. */
export async function recordReceipt(sql: Sql, messageId: string, receipt: Receipt): Promise<void> {
  await sql.query(
    `update whatsapp_receipts set
       delivered_at = case when $2 in ('delivered', 'read') then coalesce(delivered_at, now()) else delivered_at end,
       read_at = case when $2 = 'read' then coalesce(read_at, now()) else read_at end,
       failed_at = case when $2 = 'failed' then coalesce(failed_at, now()) else failed_at end
     where message_id = $1`,
    [messageId, receipt],
  );
}

export async function pruneReceipts(sql: Sql, keepDays: number): Promise<void> {
  await sql.query('delete from whatsapp_receipts where sent_at < now() - make_interval(days => $1)', [keepDays]);
}
