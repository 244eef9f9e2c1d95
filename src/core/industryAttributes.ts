/**
 * The attributes of an industry that weigh its attractiveness as an opportunity, with their units.
 */
export const industryAttributeNames = {
  median_pay: "median gross weekly pay of the industry's employees, £",
  non_graduate_share: "share of the industry's jobs open to people without a degree, 0 to 1",
  growth: "national employment growth of the industry over recent years, a fraction (0.1 is 10%)",
  emissions_intensity: "greenhouse gas emissions per £ million of output, tCO2e",
} as const;

/** An industry attribute's name. */
export type IndustryAttribute = keyof typeof industryAttributeNames;
