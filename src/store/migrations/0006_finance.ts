/**
 * Finance: the pipeline of place-based projects that development banks appraise and fund.
 * Lenders, funds and the loan book follow.
 */
export const finance = `
create table finance_projects (
  id text primary key,
  name text not null,
  place_code text not null references places (code),
  sector text not null,
  amount double precision not null check (amount > 0),
  jobs double precision not null check (jobs >= 0),
  jobs_no_degree double precision check (jobs_no_degree >= 0),
  co2_change double precision,
  local_spend_share double precision check (local_spend_share between 0 and 1),
  risk double precision check (risk between 0 and 1),
  left_behind boolean not null default false,
  extra jsonb not null default '{}',
  status text not null default 'proposed' check (status in ('proposed', 'appraised',
    'approved', 'contracted', 'disbursing', 'repaying', 'closed', 'written off')),
  fictional boolean not null default false,
  updated_at timestamptz not null default now()
);
create index finance_projects_place on finance_projects (place_code);
`;
