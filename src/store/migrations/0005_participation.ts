/**
 * Participation: local strategy boards and their constituencies, participants, consultations
 * with their options, secret ballots, the hash-chained audit log, board decisions and the
 * priority weight sets that ballots become.
 *
 * Secrecy: `votes_cast` records that a participant voted in a consultation and `ballots` holds
 * what was voted, with nothing joining the two (no participant, no time, a random id). The
 * participant's receipt code is kept only as a hash, so replacing a ballot needs the receipt.
 */
export const participation = `
create table boards (
  id serial primary key,
  place_code text not null references places (code),
  name text not null,
  combination text not null check (combination in ('equal-voice', 'per-head')),
  created_at timestamptz not null default now()
);

create table constituencies (
  id serial primary key,
  board_id integer not null references boards (id) on delete cascade,
  key text not null check (key ~ '^[a-z0-9][a-z0-9-]*$'),
  name text not null,
  seats integer not null default 0 check (seats >= 0),
  population double precision check (population >= 0),
  unique (board_id, key)
);

create table board_members (
  board_id integer not null references boards (id) on delete cascade,
  user_id integer not null references users (id) on delete cascade,
  constituency_id integer not null references constituencies (id),
  role text not null check (role in ('chair', 'member')),
  primary key (board_id, user_id)
);

create table participants (
  id serial primary key,
  user_id integer not null references users (id) on delete cascade,
  board_id integer not null references boards (id) on delete cascade,
  constituency_id integer not null references constituencies (id),
  neighbourhood_code text references places (code),
  age_band text check (age_band in ('16-24', '25-34', '35-44', '45-54', '55-64', '65+')),
  verified_at timestamptz,
  verified_by integer references users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (user_id, board_id)
);

create table invitations (
  code_hash text primary key,
  board_id integer not null references boards (id) on delete cascade,
  constituency_id integer not null references constituencies (id),
  neighbourhood_code text references places (code),
  label text not null,
  created_by integer references users (id) on delete set null,
  created_at timestamptz not null default now(),
  used_by integer references participants (id) on delete set null,
  used_at timestamptz
);

create table consultations (
  id serial primary key,
  board_id integer not null references boards (id),
  title text not null,
  question text not null,
  kind text not null check (kind in ('points', 'ranked', 'approval', 'scores', 'budgeting')),
  method text not null,
  budget double precision check (budget > 0),
  grades text[],
  eligible integer[],
  weighting text not null default 'board' check (weighting in ('board', 'post-stratified')),
  opens_at timestamptz not null,
  closes_at timestamptz not null,
  tie_break text[] not null,
  closed_at timestamptz,
  result jsonb,
  created_by integer references users (id) on delete set null,
  created_at timestamptz not null default now(),
  check (closes_at > opens_at)
);

create table consultation_options (
  consultation_id integer not null references consultations (id) on delete cascade,
  key text not null check (key ~ '^[A-Za-z0-9][A-Za-z0-9_-]*$'),
  label text not null,
  description text not null default '',
  evidence_url text,
  cost double precision check (cost > 0),
  position integer not null,
  primary key (consultation_id, key)
);

create table proposals (
  id serial primary key,
  consultation_id integer not null references consultations (id) on delete cascade,
  participant_id integer references participants (id) on delete set null,
  label text not null check (length(label) between 1 and 200),
  description text not null default '' check (length(description) <= 2000),
  status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
  option_key text,
  reason text,
  moderated_by integer references users (id) on delete set null,
  created_at timestamptz not null default now()
);

create table comments (
  id serial primary key,
  consultation_id integer not null references consultations (id) on delete cascade,
  participant_id integer references participants (id) on delete set null,
  option_key text,
  body text not null check (length(body) between 1 and 2000),
  hidden boolean not null default false,
  reason text,
  moderated_by integer references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index comments_consultation on comments (consultation_id, created_at);

create table votes_cast (
  consultation_id integer not null references consultations (id) on delete cascade,
  participant_id integer not null references participants (id) on delete cascade,
  primary key (consultation_id, participant_id)
);

create table ballots (
  id uuid primary key,
  consultation_id integer not null references consultations (id) on delete cascade,
  receipt_hash text not null unique,
  constituency_id integer not null references constituencies (id),
  content jsonb not null
);
create index ballots_consultation on ballots (consultation_id);

create table audit_log (
  consultation_id integer not null references consultations (id) on delete cascade,
  sequence integer not null check (sequence >= 1),
  at text not null,
  actor text,
  action text not null,
  subject jsonb not null,
  previous_hash text not null,
  hash text not null,
  primary key (consultation_id, sequence)
);

-- The audit log is append-only: the database refuses to change or remove an entry.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the audit log is append-only: % is not allowed', tg_op;
end;
$$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_append_only();

create table decisions (
  consultation_id integer primary key references consultations (id),
  adopted text not null,
  votes_for integer check (votes_for >= 0),
  votes_against integer check (votes_against >= 0),
  abstentions integer check (abstentions >= 0),
  reasons text not null,
  recorded_by integer references users (id) on delete set null,
  recorded_at timestamptz not null default now()
);

create table weight_sets (
  id serial primary key,
  name text not null check (name ~ '^[a-z0-9][a-z0-9-]*$'),
  version integer not null check (version >= 1),
  weights jsonb not null,
  provenance jsonb not null,
  consultation_id integer references consultations (id),
  created_at timestamptz not null default now(),
  unique (name, version)
);
`;
