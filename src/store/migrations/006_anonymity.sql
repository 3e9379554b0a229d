-- Nothing that belongs to an anonymous report keeps a time finer than the hour.
update report_events e set created_at = date_trunc('hour', e.created_at) from reports r where r.id = e.report_id and r.anonymous;
update reports set updated_at = date_trunc('hour', updated_at) where anonymous;

-- Wrong PINs slow down the one who types them, and a report guessed at from many sides, with growing pauses
-- instead of one hard lock a stranger could keep its owner behind.
alter table reports rename column pin_locked_until to pin_retry_after;
update reports set pin_failures = 0, pin_retry_after = null;
alter table residents add column pin_failures integer not null default 0;
alter table residents add column pin_retry_after timestamptz;

-- Processed ids are now keyed hashes; the earlier ones could name a web chat resident.
delete from processed_inbound where message_id like 'web-%';

-- The web chat needs no address to reach its residents (their replies are stored for their page): none is kept.
update residents set address_enc = '' where platform = 'web';

-- Web chat replies that show a secret (an anonymous report's PIN) are deleted once the page has them.
alter table web_messages add column ephemeral boolean not null default false;
create index web_messages_ephemeral on web_messages (created_at) where ephemeral;
