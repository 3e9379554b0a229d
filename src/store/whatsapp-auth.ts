import type { Db, Sql } from './db.ts';

/** One stored piece of the WhatsApp session; a null value deletes it. */
export interface AuthRow {
  kind: string;
  keyHash: string;
  value: string | null;
}

/** The stored values of one kind, by key hash; hashes without a row are left out. */
export async function readAuthRows(sql: Sql, kind: string, keyHashes: string[]): Promise<Map<string, string>> {
  const rows = await sql.query<{ keyHash: string; value: string }>(
    'select key_hash as "keyHash", value from whatsapp_auth where kind = $1 and key_hash = any($2)',
    [kind, keyHashes],
  );
  return new Map(rows.map((r) => [r.keyHash, r.value]));
}

/** Writes and deletes rows in one transaction: Baileys expects a set of keys to land whole or not at all. */
export async function writeAuthRows(db: Db, rows: AuthRow[]): Promise<void> {
  const kept = rows.filter((r) => r.value !== null);
  const deleted = rows.filter((r) => r.value === null);
  await db.tx(async (sql) => {
    if (kept.length > 0) {
      await sql.query(
        `insert into whatsapp_auth (kind, key_hash, value)
         select * from unnest($1::text[], $2::text[], $3::text[])
         on conflict (kind, key_hash) do update set value = excluded.value`,
        [kept.map((r) => r.kind), kept.map((r) => r.keyHash), kept.map((r) => r.value)],
      );
    }
    if (deleted.length > 0) {
      await sql.query(
        `delete from whatsapp_auth w using unnest($1::text[], $2::text[]) as d (kind, key_hash)
         where w.kind = d.kind and w.key_hash = d.key_hash`,
        [deleted.map((r) => r.kind), deleted.map((r) => r.keyHash)],
      );
    }
  });
}

/** Forgets the whole session (the phone logged this device out). */
export async function clearAuthRows(sql: Sql): Promise<void> {
  await sql.query('delete from whatsapp_auth');
}
