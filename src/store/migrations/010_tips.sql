-- The safety tips the tips flow shows, edited by officers in the console; data/tips.yaml seeds each topic once.
create table tips (
  id bigint generated always as identity primary key,
  topic text not null,
  -- A district or area id: the tip is shown to residents of that area, before the general ones. Null: everyone.
  area_id text,
  -- The tip per language ({"ur": "…", "sd": "…", "en": "…"}); a language without text does not show the tip.
  texts jsonb not null,
  position integer not null default 0,
  active boolean not null default true,
  updated_by text not null,
  updated_at timestamptz not null default now()
);
create index tips_topic on tips (topic, area_id, position);

-- Topics copied from data/tips.yaml: a topic is seeded once, so that officers' edits and removals stay.
create table tip_seeds (
  topic text primary key,
  seeded_at timestamptz not null default now()
);

-- Raised by every change of the library; each process compares it with the one its copy was read at.
create table tip_library (
  id boolean primary key default true check (id),
  version bigint not null
);
insert into tip_library (version) values (1);
