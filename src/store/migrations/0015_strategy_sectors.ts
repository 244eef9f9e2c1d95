/**
 * The sectors a strategy backs: the industries (SIC codes) the board chose to grow, usually from
 * the profile's ranked opportunities.
 */
export const strategySectors = `
alter table strategies add column sectors text[] not null default '{}';
`;
