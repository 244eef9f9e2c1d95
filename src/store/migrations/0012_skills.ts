/**
 * Skills: what the skills gap of a place is computed from. The occupation mix of each industry,
 * the qualification mix of each occupation, and each occupation's replacement rate and pay are
 * shared by every place; each place has a sector plan (employment by industry now and at its
 * horizon) and the supply of people newly qualified at each level over that horizon.
 * Occupations are SOC 2020 major or sub-major groups, levels RQF bands.
 */
export const skills = `
create table skills_occupation_mix (
  industry_code text not null,
  occupation text not null check (occupation ~ '^[1-9][0-9]?$'),
  share double precision not null check (share >= 0 and share <= 1),
  dataset_id integer not null,
  primary key (industry_code, occupation)
);

create table skills_level_mix (
  occupation text not null check (occupation ~ '^[1-9][0-9]?$'),
  level text not null check (level in ('entry', '1-2', '3', '4-5', '6+')),
  share double precision not null check (share >= 0 and share <= 1),
  dataset_id integer not null,
  primary key (occupation, level)
);

create table skills_occupations (
  occupation text primary key check (occupation ~ '^[1-9][0-9]?$'),
  replacement_rate double precision check (replacement_rate >= 0 and replacement_rate <= 1),
  rate_low double precision check (rate_low >= 0 and rate_low <= 1),
  rate_high double precision check (rate_high >= 0 and rate_high <= 1),
  annual_pay_pence bigint check (annual_pay_pence >= 0),
  dataset_id integer not null
);

create table skills_plans (
  place_code text primary key references places (code),
  years integer not null check (years between 1 and 30),
  source text not null,
  dataset_id integer not null,
  updated_at timestamptz not null default now()
);

create table skills_plan_rows (
  place_code text not null references skills_plans (place_code) on delete cascade,
  industry_code text not null,
  baseline double precision not null check (baseline >= 0),
  target double precision not null check (target >= 0),
  target_low double precision check (target_low >= 0),
  target_high double precision check (target_high >= 0),
  primary key (place_code, industry_code)
);

create table skills_supply (
  place_code text not null references skills_plans (place_code) on delete cascade,
  level text not null check (level in ('entry', '1-2', '3', '4-5', '6+')),
  supply double precision not null check (supply >= 0),
  supply_low double precision check (supply_low >= 0),
  supply_high double precision check (supply_high >= 0),
  primary key (place_code, level)
);
`;
