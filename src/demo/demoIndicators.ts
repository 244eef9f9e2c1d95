import type { Indicator, Polarity } from "../core/vocabulary.js";

const source = "Placefirst demo (fictional)";
const licence = "CC0-1.0";

function indicator(
  id: string,
  name: string,
  goal: string | null,
  unit: string,
  polarity: Polarity,
): Indicator {
  return { id, name, goal, unit, polarity, source, licence };
}

/**
 * The indicators of the demo region, grouped by goal: prosperity, equality, sustainability,
 * wellbeing, skills and jobs, plus population density as context. Their values are fictional,
 * drawn at realistic UK magnitudes; see docs/methods/demo.md.
 */
export const demoIndicators: readonly Indicator[] = [
  indicator("gva_per_head", "Gross value added per head", "prosperity", "£", 1),
  indicator("median_weekly_pay", "Median gross weekly pay, full-time", "prosperity", "£", 1),
  indicator("employment_rate", "Employment rate, aged 16 to 64", "prosperity", "%", 1),
  indicator("pay_ratio_80_20", "Pay ratio, 80th to 20th percentile", "equality", "ratio", -1),
  indicator("child_poverty", "Children in poverty, after housing costs", "equality", "%", -1),
  indicator("gender_pay_gap", "Gender pay gap, median hourly pay", "equality", "%", -1),
  indicator(
    "deprived_neighbourhood_share",
    "Neighbourhoods in the region's most deprived tenth",
    "equality",
    "% of neighbourhoods in the most deprived decile",
    -1,
  ),
  indicator("imd_score", "Deprivation score", "equality", "score", -1),
  indicator(
    "co2_per_head",
    "Carbon dioxide emissions per head",
    "sustainability",
    "tCO2e per person",
    -1,
  ),
  indicator(
    "renewable_share",
    "Electricity generated from renewable sources",
    "sustainability",
    "% of electricity generated",
    1,
  ),
  indicator("green_jobs_share", "Jobs in the green economy", "sustainability", "% of jobs", 1),
  indicator("life_satisfaction", "Life satisfaction", "wellbeing", "score from 0 to 10", 1),
  indicator("anxiety", "Anxiety", "wellbeing", "score from 0 to 10", -1),
  indicator(
    "level4_share",
    "Qualified to level 4 or above",
    "skills",
    "% aged 16 to 64 qualified to level 4 or above",
    1,
  ),
  indicator(
    "no_qualifications_share",
    "No qualifications",
    "skills",
    "% aged 16 to 64 with no qualifications",
    -1,
  ),
  indicator("unemployment_rate", "Unemployment rate", "jobs", "%", -1),
  indicator("population_density", "Population density", null, "people per km²", 0),
];
