/**
 * Skills: what a place's supply is projected from, as `placefirst skills import --completions`
 * stores it. A place whose plan has a row in `skills_supply_projections` has its supply projected
 * from its completions a year by level and subject (and its residents by level and age band) with
 * its retention, over its plan's horizon; any other has the totals by level in `skills_supply`.
 * The import stores one or the other, never both; were both there, the projection would win.
 * The in-commuting share belongs to the plan, as it applies to either kind of supply. Every table
 * goes with the place's plan: importing a plan again replaces them all.
 */
export const skillsSupplyProjection = `
alter table skills_plans add column in_commuting_share double precision
  check (in_commuting_share >= 0 and in_commuting_share <= 1);

create table skills_supply_projections (
  place_code text primary key references skills_plans (place_code) on delete cascade,
  retention double precision check (retention >= 0 and retention <= 1),
  entry_age_from integer not null default 16 check (entry_age_from >= 0),
  entry_age_to integer not null default 24,
  check (entry_age_to >= entry_age_from)
);

create table skills_supply_retention (
  place_code text not null references skills_supply_projections (place_code) on delete cascade,
  level text not null check (level in ('entry', '1-2', '3', '4-5', '6+')),
  retention double precision not null check (retention >= 0 and retention <= 1),
  primary key (place_code, level)
);

create table skills_completions (
  place_code text not null references skills_supply_projections (place_code) on delete cascade,
  level text not null check (level in ('entry', '1-2', '3', '4-5', '6+')),
  subject text not null check (subject <> ''),
  completions double precision not null check (completions >= 0),
  position integer not null,
  primary key (place_code, level, subject)
);

create table skills_residents (
  place_code text not null references skills_supply_projections (place_code) on delete cascade,
  level text not null check (level in ('entry', '1-2', '3', '4-5', '6+')),
  age_from integer not null check (age_from >= 0),
  age_to integer check (age_to >= age_from),
  residents double precision not null check (residents >= 0),
  primary key (place_code, level, age_from)
);
`;
