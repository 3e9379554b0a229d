-- Residents are people who message the bot. Their platform address (chat id, phone number) is stored only
-- encrypted, with a keyed hash to find them again; nothing else identifies them.
create table residents (
  id uuid primary key default gen_random_uuid(),
  platform text not null,
  address_hash text not null,
  address_enc text not null,
  language text,
  area_id text,
  alerts_opt_out boolean not null default false,
  reachable boolean not null default true,
  -- Coarse on purpose (day), so it cannot be lined up with the time of an anonymous report.
  last_seen_on date not null default current_date,
  created_on date not null default current_date,
  unique (platform, address_hash)
);

-- The conversation state of each resident: one row, replaced on every message.
create table sessions (
  resident_id uuid primary key references residents (id) on delete cascade,
  state jsonb not null
);

-- Ids of inbound messages already applied, so a redelivered or replayed message changes nothing.
create table processed_inbound (
  message_id text primary key,
  processed_on date not null default current_date
);

create table reports (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  category text not null,
  area_id text not null,
  place text,
  lat double precision,
  lng double precision,
  occurred_at timestamptz,
  occurred_text text,
  description text not null,
  media text[] not null default '{}',
  status text not null default 'received',
  anonymous boolean not null,
  -- Null for anonymous reports: nothing links them to a resident.
  resident_id uuid references residents (id) on delete set null,
  pin_hash text,
  pin_failures integer not null default 0,
  pin_locked_until timestamptz,
  language text not null,
  -- Anonymous reports keep only the hour they arrived.
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (not anonymous or (resident_id is null and pin_hash is not null))
);
create index reports_area_created on reports (area_id, created_at);
create index reports_resident on reports (resident_id) where resident_id is not null;

-- The timeline of a report: status changes and notes (public ones are shown to the reporter).
create table report_events (
  id bigint generated always as identity primary key,
  report_id uuid not null references reports (id) on delete cascade,
  status text,
  note text,
  public boolean not null default false,
  actor text not null,
  created_at timestamptz not null default now()
);
create index report_events_report on report_events (report_id, id);

-- Escalations to a liaison officer: open → claimed → closed.
create table conversations (
  id uuid primary key default gen_random_uuid(),
  resident_id uuid not null references residents (id) on delete cascade,
  area_id text not null,
  status text not null default 'open',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index conversations_open on conversations (status, area_id);

create table conversation_messages (
  id bigint generated always as identity primary key,
  conversation_id uuid not null references conversations (id) on delete cascade,
  direction text not null check (direction in ('in', 'out')),
  body text not null,
  created_at timestamptz not null default now()
);

create table subscriptions (
  resident_id uuid not null references residents (id) on delete cascade,
  area_id text not null,
  created_on date not null default current_date,
  primary key (resident_id, area_id)
);
create index subscriptions_area on subscriptions (area_id);

-- Answers to the question asked after a report closes; kept per area, never per person.
create table feedback (
  id bigint generated always as identity primary key,
  area_id text,
  category text,
  rating integer,
  would_report_again boolean,
  created_on date not null default current_date
);

-- Messages waiting to be sent, written in the same transaction as the change that caused them. A row is
-- deleted once sent, so the table never becomes a history of who was told what (an anonymous receipt
-- holds a reference and a PIN); rows that finally fail keep only the error.
create table outbox (
  id bigint generated always as identity primary key,
  resident_id uuid not null references residents (id) on delete cascade,
  platform text not null,
  message jsonb,
  created_at timestamptz not null default now(),
  enqueued_at timestamptz,
  failed_at timestamptz,
  error text
);
create index outbox_pending on outbox (id) where failed_at is null;
create index outbox_resident_pending on outbox (resident_id, id) where failed_at is null;

-- What the web chat shows: messages sent to web residents, read by the page with a cursor.
create table web_messages (
  id bigint generated always as identity primary key,
  -- The outbox row (and piece) it was sent for: sending it again after a crash adds nothing.
  send_key text unique,
  resident text not null,
  message jsonb not null,
  created_at timestamptz not null default now()
);
create index web_messages_resident on web_messages (resident, id);

create table media (
  id uuid primary key default gen_random_uuid(),
  content_type text not null,
  size integer not null,
  sha256 text not null unique,
  path text not null,
  created_on date not null default current_date
);
