-- People who work in the officer console. `areas` holds district and area ids of data/areas.yaml: a district
-- covers every area in it. Admins see everything whatever their areas.
create table officers (
  id uuid primary key default gen_random_uuid(),
  username text not null unique check (username ~ '^[a-z0-9._-]{3,40}$'),
  name text not null,
  role text not null check (role in ('admin', 'officer', 'liaison')),
  areas text[] not null default '{}',
  password_hash text not null,
  disabled boolean not null default false,
  -- Wrong passwords in a row, and until when the account refuses to log in after too many of them.
  failed_logins integer not null default 0,
  locked_until timestamptz,
  -- Raised by a password reset, a disable or a change of role: every older session ends.
  session_epoch integer not null default 0,
  created_at timestamptz not null default now(),
  last_login_at timestamptz
);

-- Console sessions, kept here so that they can be listed and revoked, and survive a restart.
create table officer_sessions (
  id text primary key,
  officer_id uuid references officers (id) on delete cascade,
  data jsonb not null,
  expires_at timestamptz not null
);
create index officer_sessions_officer on officer_sessions (officer_id);
create index officer_sessions_expires on officer_sessions (expires_at);

-- Every action of an officer, for admins to read. `target` names the report reference, conversation or account.
create table audit_log (
  id bigint generated always as identity primary key,
  officer_id uuid references officers (id) on delete set null,
  action text not null,
  target text,
  detail jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index audit_log_created on audit_log (created_at desc);

-- A report's timeline also holds questions to the reporter and their answers; a status change is the default.
alter table report_events add column kind text not null default 'status' check (kind in ('status', 'question', 'answer'));
alter table report_events add column officer_id uuid references officers (id) on delete set null;
-- Why a report was rejected (duplicate, false, out of scope).
alter table reports add column rejected_reason text;
create index reports_created on reports (created_at desc);

-- Escalations: claimed by one officer, the first answer's time recorded for the trust figures.
alter table conversations add column claimed_by uuid references officers (id) on delete set null;
alter table conversations add column claimed_at timestamptz;
alter table conversations add column first_response_at timestamptz;
alter table conversations add column closed_at timestamptz;
alter table conversation_messages add column officer_id uuid references officers (id) on delete set null;
create index conversation_messages_conversation on conversation_messages (conversation_id, id);
