-- The WhatsApp session of this installation: Baileys' credentials and Signal keys. Values are encrypted with
-- SECRET_KEY; key ids (several of them contain phone numbers) are kept only as keyed hashes.
create table whatsapp_auth (
  kind text not null,
  key_hash text not null,
  value text not null,
  primary key (kind, key_hash)
);

-- WhatsApp shows one person under two ids, a LID and their phone number. Each id a resident wrote from (as a
-- keyed hash) points to the one address the resident is known by, so their conversation never splits.
create table whatsapp_identities (
  identity_hash text primary key,
  address_enc text not null,
  created_at timestamptz not null default now()
);

-- What became of each message sent on WhatsApp, for counting deliveries and reads. No address, no text: the
-- send key names the outbox row (and piece) it was sent for.
create table whatsapp_receipts (
  message_id text primary key,
  send_key text not null,
  sent_at timestamptz not null default now(),
  delivered_at timestamptz,
  read_at timestamptz,
  failed_at timestamptz
);
create index whatsapp_receipts_sent on whatsapp_receipts (sent_at);
