/**
 * The contracts a strategy commits its buyers to let in lots local firms can reach: each with its
 * items (description, CPV code, value in pence) and the limits of the split, from which the lot
 * planner works out the lots and the share of value within reach of local SMEs.
 */
export const strategyLots = `
create table strategy_lot_commitments (
  id serial primary key,
  strategy_id integer not null references strategies (id) on delete cascade,
  position integer not null,
  contract text not null,
  buyer text not null,
  items jsonb not null,
  max_lots integer check (max_lots >= 1),
  min_lot_value_pence bigint not null default 0 check (min_lot_value_pence >= 0),
  unique (strategy_id, position)
);
`;
