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

-- Loans made to projects: the contract's terms (money in whole pence, the rate in basis
-- points), what was written off, and the jobs the project reports it has created.
create table finance_loans (
  id text primary key,
  project_id text not null references finance_projects (id),
  lender text not null,
  principal_pence bigint not null check (principal_pence > 0),
  rate_bps integer not null check (rate_bps >= 0),
  months integer not null check (months between 1 and 600),
  type text not null check (type in ('annuity', 'bullet')),
  start_date date not null,
  day_count text not null default '30/360' check (day_count in ('30/360', 'actual/365')),
  written_off_pence bigint not null default 0 check (written_off_pence >= 0),
  jobs_reported double precision check (jobs_reported >= 0),
  co2_reported double precision
);

create table finance_repayments (
  loan_id text not null references finance_loans (id) on delete cascade,
  paid_on date not null,
  amount_pence bigint not null check (amount_pence > 0)
);
create index finance_repayments_loan on finance_repayments (loan_id);
`;
