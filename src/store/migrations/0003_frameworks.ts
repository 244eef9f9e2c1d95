/** Scorecard frameworks stored and edited in the app by officers. */
export const frameworks = `
create table frameworks (
  id text primary key,
  name text not null,
  definition jsonb not null,
  updated_by integer references users (id) on delete set null,
  updated_at timestamptz not null default now()
);
`;
