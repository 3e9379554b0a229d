import type { Db } from './db.ts';

export interface Linked {
  /** The encrypted address the resident is known by; null when none of the ids was seen and none was offered. */
  addressEnc: string | null;
  /** True when the ids had been seen apart, as two residents, and now point to the older one. */
  merged: boolean;
}

/**
 * Links the ids one person wrote from (keyed hashes) to one address: the address of whichever id was seen
 * first, else `offered` (a first contact). Rows are locked per id, so two messages of a new resident that
 * arrive together agree on one address.
 */
export async function linkIdentities(db: Db, identityHashes: string[], offered: string | null): Promise<Linked> {
  const hashes = [...new Set(identityHashes)].sort();
  if (hashes.length === 0) return { addressEnc: offered, merged: false };
  return db.tx(async (sql) => {
    for (const hash of hashes) await sql.query('select pg_advisory_xact_lock(hashtext($1))', [hash]);
    const known = await sql.query<{ addressEnc: string }>(
      'select address_enc as "addressEnc" from whatsapp_identities where identity_hash = any($1) order by created_at, identity_hash',
      [hashes],
    );
    const addressEnc = known[0]?.addressEnc ?? offered;
    if (addressEnc === null) return { addressEnc: null, merged: false };
    await sql.query(
      `insert into whatsapp_identities (identity_hash, address_enc) select h, $2 from unnest($1::text[]) h
       on conflict (identity_hash) do update set address_enc = excluded.address_enc
       where whatsapp_identities.address_enc <> excluded.address_enc`,
      [hashes, addressEnc],
    );
    return { addressEnc, merged: known.some((k) => k.addressEnc !== addressEnc) };
  });
}
