-- A turn of conversation reads the session without locking it and writes it back only if nobody wrote it in
-- between: the version says who was first.
alter table sessions add column version bigint not null default 0;

-- When a waiting conversation times out; null while it waits for nothing. A periodic sweep finds the ones due,
-- instead of a delayed job added and removed on every answer.
alter table sessions add column wait_deadline timestamptz;
create index sessions_wait_deadline on sessions (wait_deadline) where wait_deadline is not null;
update sessions set wait_deadline = (state ->> 'waitSince')::timestamptz + interval '30 minutes'
where state ->> 'waitToken' is not null and state ->> 'waitSince' is not null;

-- Set on an unsent message when a later one to the same resident was written behind it: whoever sends or
-- gives up this one queues the next, so replies go out in order without anyone polling.
alter table outbox add column successor boolean not null default false;

-- The web chat has no platform to send to: its replies are stored in the turn's own write, for the page to
-- read, under the resident they belong to (the web chat's own resident ids are kept only as keyed hashes, in
-- residents). Its transcripts are kept for a day, so nothing of the old table is worth keeping.
drop table web_messages;
create table web_messages (
  id bigint generated always as identity primary key,
  resident_id uuid not null references residents (id) on delete cascade,
  message jsonb not null,
  created_at timestamptz not null default now()
);
create index web_messages_resident on web_messages (resident_id, id);

-- Every resident has a session row from first contact, so a turn's write is a plain update.
insert into sessions (resident_id, state) select id, '{}' from residents on conflict do nothing;
