/**
 * Finance: lenders and their funds, the investment project's full record (in pence), its status
 * history, the jobs it promises by qualification level, the outcomes it reports, and the money a
 * loan has paid out.
 */
export const lenders = `
create table finance_lenders (
  id text primary key,
  name text not null,
  kind text not null check (kind in ('national development bank', 'regional bank', 'local bank',
    'community finance')),
  fictional boolean not null default false
);

-- A fund: its budget, the instruments it may use, its mandate (places and sectors; null is any)
-- and the least share of its money that must go to marginalised places.
create table finance_funds (
  id text primary key,
  lender_id text not null references finance_lenders (id),
  name text not null,
  budget_pence bigint not null check (budget_pence >= 0),
  instruments text[] not null check (cardinality(instruments) > 0
    and instruments <@ array['loan', 'grant', 'equity', 'guarantee']),
  mandate_places text[],
  mandate_sectors text[],
  min_share_marginalised double precision not null default 0
    check (min_share_marginalised between 0 and 1),
  fictional boolean not null default false
);
create index finance_funds_lender on finance_funds (lender_id);

-- The officers who work for a lender: they manage its funds' pipeline and loan book.
create table finance_lender_officers (
  user_id integer not null references users (id) on delete cascade,
  lender_id text not null references finance_lenders (id) on delete cascade,
  primary key (user_id, lender_id)
);

alter table finance_projects add column amount_pence bigint;
update finance_projects set amount_pence = round(amount * 100)::bigint;
alter table finance_projects alter column amount_pence set not null;
alter table finance_projects add constraint finance_projects_amount_pence_check
  check (amount_pence > 0);
alter table finance_projects drop column amount;
alter table finance_projects
  add column applicant text,
  add column neighbourhood_code text references places (code),
  add column fund_id text references finance_funds (id),
  add column instrument text check (instrument in ('loan', 'grant', 'equity', 'guarantee')),
  add column co_finance_pence bigint not null default 0 check (co_finance_pence >= 0),
  add column start_date date,
  add column end_date date,
  add column jobs_safeguarded double precision check (jobs_safeguarded >= 0),
  add constraint finance_projects_timeline check (end_date is null or start_date is null
    or end_date >= start_date);
create index finance_projects_fund on finance_projects (fund_id);

-- The jobs a project promises at each qualification level (RQF), with their annual pay.
create table finance_project_jobs (
  project_id text not null references finance_projects (id) on delete cascade,
  level text not null check (level in ('entry', '1-2', '3', '4-5', '6+')),
  jobs double precision not null check (jobs >= 0),
  annual_pay_pence bigint check (annual_pay_pence >= 0),
  primary key (project_id, level)
);

-- Every change of a project's status, by whom and why.
create table finance_project_events (
  id bigserial primary key,
  project_id text not null references finance_projects (id) on delete cascade,
  at timestamptz not null default now(),
  from_status text,
  to_status text not null,
  user_id integer references users (id) on delete set null,
  note text
);
create index finance_project_events_project on finance_project_events (project_id, id);

-- What a project reports it has delivered, on a date.
create table finance_outcomes (
  id bigserial primary key,
  project_id text not null references finance_projects (id) on delete cascade,
  reported_on date not null,
  jobs double precision check (jobs >= 0),
  jobs_safeguarded double precision check (jobs_safeguarded >= 0),
  co2_change double precision,
  local_spend_share double precision check (local_spend_share between 0 and 1),
  note text,
  user_id integer references users (id) on delete set null
);
create index finance_outcomes_project on finance_outcomes (project_id, reported_on);

alter table finance_loans add column fund_id text references finance_funds (id);

-- The money a loan has paid out, in instalments.
create table finance_disbursements (
  loan_id text not null references finance_loans (id) on delete cascade,
  paid_on date not null,
  amount_pence bigint not null check (amount_pence > 0)
);
create index finance_disbursements_loan on finance_disbursements (loan_id);
`;
