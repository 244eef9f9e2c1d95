/**
 * Attributes of industries used to weigh opportunities: median pay, the share of jobs open to
 * people without a degree, national employment growth and emissions intensity.
 */
export const industryAttributes = `
create table industry_attributes (
  industry_code text not null,
  attribute text not null
    check (attribute in ('median_pay', 'non_graduate_share', 'growth', 'emissions_intensity')),
  value double precision not null,
  dataset_id integer not null,
  primary key (industry_code, attribute)
);
`;
