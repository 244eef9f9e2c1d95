/**
 * The foundation schema: provenance, places, indicators, observations, industries, employment,
 * map layouts, users, sessions and sign-in attempts.
 */
export const foundation = `
create table datasets (
  id serial primary key,
  kind text not null,
  file_name text not null,
  sha256 text not null,
  source text,
  licence text,
  rows integer not null default 0,
  imported_at timestamptz not null default now(),
  unique (kind, sha256)
);

create table places (
  code text primary key,
  name text not null,
  kind text not null check (kind in ('nation', 'region', 'district', 'neighbourhood', 'custom')),
  parent_code text references places (code) on delete set null deferrable initially deferred,
  population bigint check (population >= 0),
  fictional boolean not null default false,
  dataset_id integer references datasets (id) on delete set null
);
create index places_parent_code on places (parent_code);
create index places_kind on places (kind);

create table indicators (
  id text primary key,
  name text not null,
  goal text,
  unit text,
  polarity smallint not null default 1 check (polarity in (-1, 0, 1)),
  source text,
  licence text,
  dataset_id integer references datasets (id) on delete set null
);

-- The fact tables (observations, employment) carry no foreign keys: every importer checks each
-- code against the stored places, indicators and industries before it writes, and the per-row
-- foreign-key triggers would cost three times the insert itself on the embedded engine and
-- double it on a server. Their dataset_id names the import that wrote the row.
create table observations (
  place_code text not null,
  indicator_id text not null,
  period text not null,
  value double precision,
  lower double precision,
  upper double precision,
  status text not null default 'ok'
    check (status in ('ok', 'suppressed', 'provisional', 'estimated')),
  note text,
  dataset_id integer not null,
  primary key (place_code, indicator_id, period)
);
create index observations_indicator on observations (indicator_id, period);

create table industries (
  code text primary key,
  name text not null,
  parent_code text references industries (code) on delete set null,
  level text not null default 'custom'
    check (level in ('section', 'division', 'group', 'class', 'subclass', 'custom')),
  foundational boolean not null default false
);

create table employment (
  place_code text not null,
  industry_code text not null,
  period text not null,
  employees double precision not null check (employees >= 0),
  dataset_id integer not null,
  primary key (place_code, industry_code, period)
);

create table layouts (
  id text primary key,
  kind text not null check (kind in ('hexjson', 'geojson')),
  name text not null,
  content jsonb not null,
  fictional boolean not null default false,
  dataset_id integer references datasets (id) on delete set null
);

create table users (
  id serial primary key,
  email text not null unique,
  password_hash text not null,
  role text not null check (role in ('admin', 'officer', 'board_member', 'participant', 'supplier')),
  created_at timestamptz not null default now()
);

create table sessions (
  token_hash text primary key,
  user_id integer not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

create table sign_in_attempts (
  id serial primary key,
  email text not null,
  address text not null,
  succeeded boolean not null,
  attempted_at timestamptz not null default now()
);
create index sign_in_attempts_recent on sign_in_attempts (attempted_at);
`;
