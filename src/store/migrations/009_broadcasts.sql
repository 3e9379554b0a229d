-- Police alerts to subscribed residents of some areas, or of the whole city.
create table broadcasts (
  id bigint generated always as identity primary key,
  -- The alert as written, per language ({"ur": "…", "sd": "…", "en": "…"}); a missing language falls back.
  texts jsonb not null,
  -- What the sender chose (districts, areas, or the whole city), kept for showing it back.
  target jsonb not null,
  -- Every area id the alert reaches (districts with their areas); null: the whole city.
  area_ids text[],
  topic text,
  urgent boolean not null default false,
  send_at timestamptz not null default now(),
  status text not null default 'scheduled' check (status in ('scheduled', 'sending', 'sent', 'cancelled')),
  -- The last resident (in id order) whose delivery is queued: a fan-out interrupted by a restart goes on from here.
  cursor uuid,
  targeted integer,
  queued integer not null default 0,
  created_by text not null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index broadcasts_unfinished on broadcasts (send_at) where status in ('scheduled', 'sending');

-- One row per resident an alert goes to: its id names the queue job, so no resident is queued or sent twice.
create table deliveries (
  id bigint generated always as identity primary key,
  broadcast_id bigint not null references broadcasts (id) on delete cascade,
  resident_id uuid not null references residents (id) on delete cascade,
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed', 'unreachable', 'skipped', 'cancelled')),
  error text,
  sent_at timestamptz,
  unique (broadcast_id, resident_id)
);
create index deliveries_resident on deliveries (resident_id);

-- What each resident wants of alerts: topics (null: all), a daily cap (null: none) and quiet hours (Karachi
-- time, hours 0-23; from > until wraps past midnight). The day's count enforces the cap.
alter table residents add column alert_topics text[];
alter table residents add column alert_daily_cap smallint;
alter table residents add column quiet_from smallint;
alter table residents add column quiet_until smallint;
alter table residents add column alerts_day date;
alter table residents add column alerts_today smallint not null default 0;
-- The last alert the resident got, so a message they send officers soon after is read as an answer to it.
alter table residents add column last_alert_id bigint;
alter table residents add column last_alert_at timestamptz;

-- The alert an escalation answers, when it does.
alter table conversations add column broadcast_id bigint references broadcasts (id) on delete set null;
