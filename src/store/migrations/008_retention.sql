-- What the retention job (src/store/retention.ts) looks for: residents not seen for long, old transcripts and
-- processed ids, and photos no report uses.
create index residents_last_seen on residents (last_seen_on);
create index processed_inbound_processed_on on processed_inbound (processed_on);
create index web_messages_created on web_messages (created_at);
create index media_created on media (created_on);
create index reports_media on reports using gin (media);
