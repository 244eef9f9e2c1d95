/**
 * The strategy: one plan per place, versioned, adopted by its board. Objectives sit under the
 * scorecard's goals, each with an indicator, a baseline and a target; actions serve an objective
 * (a project of the finance pipeline, a programme, a procurement or skills change), with an
 * owner, dates, a status and a log of dated updates. The strategy also names the priority weight
 * set it uses and its procurement commitments (shares of awarded value to SMEs and to suppliers
 * in the place).
 */
export const strategy = `
create table strategies (
  id serial primary key,
  place_code text not null references places (code),
  version integer not null check (version >= 1),
  title text not null,
  summary text not null default '',
  weight_set_name text,
  weight_set_version integer,
  sme_share_target double precision check (sme_share_target between 0 and 1),
  local_share_target double precision check (local_share_target between 0 and 1),
  status text not null default 'draft' check (status in ('draft', 'adopted', 'superseded')),
  adopted_at timestamptz,
  adoption_note text,
  adopted_by integer references users (id) on delete set null,
  created_by integer references users (id) on delete set null,
  created_at timestamptz not null default now(),
  fictional boolean not null default false,
  unique (place_code, version),
  check ((status = 'draft') = (adopted_at is null))
);

create table strategy_objectives (
  id serial primary key,
  strategy_id integer not null references strategies (id) on delete cascade,
  position integer not null,
  goal text not null,
  title text not null,
  indicator_id text not null references indicators (id),
  baseline_period text not null,
  baseline_value double precision not null,
  target_period text not null,
  target_value double precision not null,
  unique (strategy_id, position)
);

create table strategy_actions (
  id serial primary key,
  objective_id integer not null references strategy_objectives (id) on delete cascade,
  position integer not null,
  title text not null,
  kind text not null check (kind in ('project', 'programme', 'procurement', 'skills')),
  owner text not null,
  starts_on date,
  ends_on date,
  status text not null default 'planned'
    check (status in ('planned', 'in-progress', 'done', 'dropped')),
  finance_project_id text references finance_projects (id) on delete set null,
  updated_at timestamptz not null default now(),
  unique (objective_id, position),
  check (ends_on is null or starts_on is null or ends_on >= starts_on)
);

create table strategy_action_updates (
  id serial primary key,
  action_id integer not null references strategy_actions (id) on delete cascade,
  status text not null check (status in ('planned', 'in-progress', 'done', 'dropped')),
  note text not null,
  recorded_by integer references users (id) on delete set null,
  recorded_at timestamptz not null default now()
);
create index strategy_action_updates_action on strategy_action_updates (action_id, recorded_at);
`;
