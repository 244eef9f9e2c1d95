/**
 * Procurement: where each postcode outward code is, beside its district. `placefirst import
 * postcodes` stores the mean latitude and longitude (WGS84 degrees) of the outward code's live
 * postcodes from the ONS Postcode Directory; tenders and suppliers placed by a postcode take it as
 * their point when they have none of their own. Null where the outward code came without one (the
 * demo's).
 */
export const postcodeCentroids = `
alter table procurement_postcode_places
  add column latitude double precision check (latitude between -90 and 90),
  add column longitude double precision check (longitude between -180 and 180);
`;
