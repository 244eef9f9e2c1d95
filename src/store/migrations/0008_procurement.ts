/**
 * Procurement: OCDS releases as published, the contracting processes compiled from them (buyer,
 * tender, lots, awards and their suppliers, contracts), the register of local suppliers and the
 * needs they post to share a service. Money as published (amount and currency), and in pence when
 * the currency is pounds.
 */
export const procurement = `
create table procurement_releases (
  ocid text not null,
  release_id text not null,
  date timestamptz not null,
  tags text[] not null,
  release jsonb not null,
  dataset_id integer not null,
  primary key (ocid, release_id)
);

create table procurement_processes (
  ocid text primary key,
  date timestamptz not null,
  buyer_id text,
  buyer_name text,
  title text,
  status text,
  value_amount double precision,
  value_currency text,
  value_pence bigint,
  tender_end timestamptz,
  cpv_codes text[] not null default '{}',
  delivery_regions text[] not null default '{}',
  delivery_postcodes text[] not null default '{}',
  releases integer not null,
  compiled jsonb not null,
  fictional boolean not null default false
);
create index procurement_processes_tender_end on procurement_processes (tender_end);
create index procurement_processes_buyer on procurement_processes (buyer_id);

create table procurement_lots (
  ocid text not null references procurement_processes (ocid) on delete cascade,
  lot_id text not null,
  title text,
  value_amount double precision,
  value_currency text,
  value_pence bigint,
  primary key (ocid, lot_id)
);

create table procurement_awards (
  ocid text not null references procurement_processes (ocid) on delete cascade,
  award_id text not null,
  date timestamptz,
  status text,
  value_amount double precision,
  value_currency text,
  value_pence bigint,
  primary key (ocid, award_id)
);

create table procurement_award_suppliers (
  ocid text not null,
  award_id text not null,
  position integer not null,
  supplier_id text,
  name text,
  scale text,
  postcode text,
  primary key (ocid, award_id, position),
  foreign key (ocid, award_id) references procurement_awards (ocid, award_id) on delete cascade
);
create index procurement_award_suppliers_supplier on procurement_award_suppliers (supplier_id);

create table procurement_contracts (
  ocid text not null references procurement_processes (ocid) on delete cascade,
  contract_id text not null,
  award_id text,
  status text,
  value_amount double precision,
  value_currency text,
  value_pence bigint,
  start_date timestamptz,
  end_date timestamptz,
  primary key (ocid, contract_id)
);

-- The register of suppliers: local SMEs (and others) with where they are, their size, what they
-- can supply (CPV codes) and the largest contract they can deliver alone.
create table procurement_suppliers (
  id text primary key,
  user_id integer unique references users (id) on delete set null,
  name text not null,
  place_code text not null references places (code),
  postcode text,
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  size text not null check (size in ('micro', 'small', 'medium', 'large')),
  employees integer check (employees >= 0),
  turnover_pence bigint check (turnover_pence >= 0),
  cpv_codes text[] not null,
  capacity_pence bigint check (capacity_pence >= 0),
  accreditations text[] not null default '{}',
  fictional boolean not null default false,
  updated_at timestamptz not null default now()
);
create index procurement_suppliers_place on procurement_suppliers (place_code);

-- Where postcodes are: each outward code ("BV1") in a district, as the ONS Postcode Directory
-- gives it; and the district of each buyer. They place tenders and suppliers for matching and
-- for the local share of spend.
create table procurement_postcode_places (
  outward_code text primary key,
  place_code text not null references places (code)
);
create table procurement_buyer_places (
  buyer_id text primary key,
  place_code text not null references places (code)
);

create table procurement_shared_needs (
  id bigserial primary key,
  supplier_id text not null references procurement_suppliers (id) on delete cascade,
  need text not null check (need in ('hr', 'accounts', 'export', 'training', 'premises',
    'equipment', 'it', 'marketing')),
  note text,
  created_at timestamptz not null default now(),
  unique (supplier_id, need)
);
`;
