import { Random } from "../demo/random.js";
import type { Database } from "../store/database.js";
import {
  qualificationLevels,
  type IndustryOccupationShare,
  type LevelCompletions,
  type OccupationLevelShare,
  type QualificationLevel,
  type ReplacementRate,
  type ResidentsByAge,
} from "./methods/index.js";
import { sectorPlan } from "./methods/sectorPlan.js";
import { employmentHistory } from "./planFromStore.js";
import { saveSkillsMixes, savePlaceSkills, type StoredSupplyProjection } from "./store.js";

/*
 * The skills demo: fictional, but shaped like the published figures so the pages read true. The
 * occupation mixes by SIC section lean the way the Census 2021 industry by occupation tables do
 * (care and teaching in health and education, trades in construction, operatives in transport);
 * the level mixes lean the way the Annual Population Survey's qualifications by occupation do;
 * replacement rates are of the order Working Futures gives (3-4% a year); pay is of the order of
 * ASHE's medians by major group. Each district's supply is projected from completions by level
 * and subject of the order of a district's further and higher education qualifiers, with
 * residents of 16 to 24 by level for entry level, where providers record few completions. None
 * of these figures is a published statistic.
 */

/** Each SIC section's occupation mix over SOC 2020 major groups 1 to 9. */
const sectionMix: Record<string, readonly number[]> = {
  A: [0.1, 0.02, 0.04, 0.04, 0.35, 0.01, 0.02, 0.12, 0.3],
  B: [0.1, 0.12, 0.1, 0.06, 0.22, 0, 0.01, 0.3, 0.09],
  C: [0.1, 0.1, 0.1, 0.07, 0.2, 0.01, 0.03, 0.25, 0.14],
  D: [0.1, 0.12, 0.12, 0.1, 0.18, 0.01, 0.04, 0.18, 0.15],
  E: [0.1, 0.12, 0.12, 0.1, 0.18, 0.01, 0.04, 0.18, 0.15],
  F: [0.12, 0.08, 0.08, 0.08, 0.45, 0, 0.02, 0.08, 0.09],
  G: [0.12, 0.04, 0.08, 0.08, 0.08, 0.01, 0.4, 0.07, 0.12],
  H: [0.08, 0.03, 0.06, 0.12, 0.05, 0.02, 0.05, 0.4, 0.19],
  I: [0.12, 0.01, 0.04, 0.03, 0.15, 0.05, 0.08, 0.02, 0.5],
  J: [0.14, 0.45, 0.2, 0.08, 0.04, 0.01, 0.05, 0.01, 0.02],
  K: [0.15, 0.25, 0.3, 0.2, 0.01, 0, 0.08, 0, 0.01],
  L: [0.18, 0.12, 0.25, 0.2, 0.08, 0.02, 0.1, 0.01, 0.04],
  M: [0.12, 0.45, 0.2, 0.15, 0.03, 0.01, 0.02, 0.01, 0.01],
  N: [0.08, 0.06, 0.1, 0.12, 0.06, 0.08, 0.1, 0.08, 0.32],
  O: [0.08, 0.22, 0.25, 0.3, 0.03, 0.05, 0.03, 0.02, 0.02],
  P: [0.05, 0.5, 0.08, 0.08, 0.02, 0.2, 0.01, 0.01, 0.05],
  Q: [0.04, 0.28, 0.12, 0.08, 0.01, 0.4, 0.01, 0.01, 0.05],
  R: [0.1, 0.12, 0.25, 0.06, 0.05, 0.18, 0.1, 0.02, 0.12],
  S: [0.1, 0.08, 0.1, 0.08, 0.1, 0.35, 0.08, 0.03, 0.08],
  T: [0, 0, 0, 0, 0, 0.6, 0, 0, 0.4],
  U: [0.2, 0.3, 0.2, 0.3, 0, 0, 0, 0, 0],
};

/** Each major group's level mix over entry, 1-2, 3, 4-5 and 6+. */
const levelMix: readonly (readonly number[])[] = [
  [0.03, 0.17, 0.22, 0.13, 0.45],
  [0, 0.03, 0.07, 0.1, 0.8],
  [0.02, 0.13, 0.27, 0.2, 0.38],
  [0.03, 0.3, 0.32, 0.13, 0.22],
  [0.05, 0.3, 0.48, 0.09, 0.08],
  [0.06, 0.38, 0.33, 0.09, 0.14],
  [0.08, 0.44, 0.28, 0.06, 0.14],
  [0.14, 0.46, 0.27, 0.05, 0.08],
  [0.18, 0.45, 0.23, 0.04, 0.1],
];

/** Each major group's replacement rate a year. */
const replacementRates = [0.04, 0.03, 0.032, 0.042, 0.04, 0.036, 0.034, 0.04, 0.038];

/** Each major group's annual pay in pounds, of the order of ASHE's medians. */
const annualPay = [48_000, 44_000, 35_000, 25_000, 31_000, 21_000, 20_000, 28_000, 20_000];

/**
 * The people qualifying each year at levels 1-2, 3, 4-5 and 6+ from local providers, as shares
 * of the population: about 1.5% in all.
 */
const completionsPerResident: Readonly<Partial<Record<QualificationLevel, number>>> = {
  "1-2": 0.004,
  "3": 0.0048,
  "4-5": 0.0016,
  "6+": 0.0048,
};

/** Each level's completions by subject, as shares of the level's; fictional. */
const subjectShares: Readonly<
  Partial<Record<QualificationLevel, Readonly<Record<string, number>>>>
> = {
  "1-2": {
    "Health and social care": 0.2,
    Construction: 0.18,
    "Retail and commercial": 0.17,
    "Business and administration": 0.15,
    "Engineering and manufacturing": 0.12,
    "Digital and ICT": 0.08,
    "Arts and media": 0.05,
    "Education and training": 0.05,
  },
  "3": {
    "Health and social care": 0.2,
    "Engineering and manufacturing": 0.16,
    "Business and administration": 0.14,
    Construction: 0.12,
    "Digital and ICT": 0.12,
    "Education and training": 0.1,
    "Arts and media": 0.1,
    "Retail and commercial": 0.06,
  },
  "4-5": {
    "Health and social care": 0.25,
    "Engineering and manufacturing": 0.2,
    "Business and administration": 0.2,
    "Digital and ICT": 0.15,
    Construction: 0.1,
    "Education and training": 0.1,
  },
  "6+": {
    "Business and administration": 0.2,
    "Health and social care": 0.2,
    "Education and training": 0.15,
    "Engineering and manufacturing": 0.15,
    "Digital and ICT": 0.15,
    "Arts and media": 0.15,
  },
};

/**
 * The residents aged 16 to 24 by highest level, as shares of them, lowest first: the entry level
 * share estimates that level's new entrants, which has no completions.
 */
const youngResidentShares = [0.1, 0.3, 0.38, 0.07, 0.15];

/** The demo's horizon and the year its trend is drawn from, to the latest. */
const horizonYears = 5;
const trendFrom = "2019";

/**
 * Loads the skills demo once: the shared mixes, rates and pay, and for each fictional district a
 * sector plan that carries its 2019-2024 trend on for five years and the inputs its supply is
 * projected from: completions by level and subject and residents of 16 to 24 by level, sized from
 * its population, with a retention and an in-commuting share of its own. Returns false when it is
 * there already or there is no demo.
 */
export async function seedDemoSkills(database: Database): Promise<boolean> {
  const [existing] = await database.query(
    "select 1 from skills_plans s join places p on p.code = s.place_code where p.fictional limit 1",
  );
  if (existing !== undefined) return false;
  const districts = await database.query<{ code: string; population: number | null }>(
    `select code, population::float8 as population from places
     where kind = 'district' and fictional order by code`,
  );
  if (districts.length === 0) return false;
  const sections = await database.query<{ code: string; section: string }>(
    `select d.code, d.parent_code as section from industries d
     where d.level = 'division' and d.parent_code is not null order by d.code`,
  );
  const industryOccupation: IndustryOccupationShare[] = sections.flatMap(({ code, section }) =>
    (sectionMix[section] ?? []).flatMap((share, index) =>
      share > 0 ? [{ industry: code, occupation: String(index + 1), share }] : [],
    ),
  );
  const occupationLevel: OccupationLevelShare[] = levelMix.flatMap((shares, index) =>
    shares.flatMap((share, level) =>
      share > 0
        ? [{ occupation: String(index + 1), level: qualificationLevels[level]!, share }]
        : [],
    ),
  );
  const replacement: ReplacementRate[] = replacementRates.map((rate, index) => ({
    occupation: String(index + 1),
    rate,
  }));
  const payByOccupation = Object.fromEntries(
    annualPay.map((pay, index) => [String(index + 1), pay]),
  );
  const random = new Random(20261130);
  await database.transaction(async (transaction) => {
    const [dataset] = await transaction.query<{ id: number }>(
      `insert into datasets (kind, file_name, sha256, source, licence)
       values ('skills', 'demo skills (fictional)', md5(random()::text), 'generated', 'fictional')
       returning id`,
    );
    await saveSkillsMixes(
      transaction,
      { industryOccupation, occupationLevel, replacement, payByOccupation },
      dataset!.id,
    );
    for (const district of districts) {
      const history = await employmentHistory(transaction, district.code, trendFrom);
      const plan = sectorPlan(history.industries, {
        years: horizonYears,
        trendYears: Number(history.period) - Number(trendFrom),
      });
      await savePlaceSkills(
        transaction,
        {
          placeCode: district.code,
          years: horizonYears,
          source: `the ${trendFrom}-${history.period} trend carried on (fictional demo)`,
          plan,
          // People who live elsewhere fill between a tenth and a quarter of the openings.
          inCommutingShare: Number(random.uniform(0.1, 0.25).toFixed(2)),
          projection: demoSupplyProjection(district.population ?? 100_000, random),
        },
        dataset!.id,
      );
    }
  });
  return true;
}

/**
 * A district's supply projection inputs from its population: completions a year by level and
 * subject, each level's drawn within ±25% of its share of the population and each subject's
 * within ±30% of its share of the level; residents aged 16 to 24 (9% to 13% of the population)
 * by level; between 60% and 80% of new entrants staying, graduates (6+) three quarters as often.
 */
function demoSupplyProjection(population: number, random: Random): StoredSupplyProjection {
  const retention = Number(random.uniform(0.6, 0.8).toFixed(2));
  const completions: LevelCompletions[] = [];
  for (const level of qualificationLevels) {
    const perResident = completionsPerResident[level];
    if (perResident === undefined) continue;
    const levelTotal = population * perResident * random.uniform(0.75, 1.25);
    for (const [subject, share] of Object.entries(subjectShares[level] ?? {})) {
      completions.push({
        level,
        subject,
        completions: Math.round(levelTotal * share * random.uniform(0.7, 1.3)),
      });
    }
  }
  const young = population * random.uniform(0.09, 0.13);
  const residents: ResidentsByAge[] = qualificationLevels.map((level, index) => ({
    level,
    ageFrom: 16,
    ageTo: 24,
    residents: Math.round(young * youngResidentShares[index]!),
  }));
  return {
    completions,
    residents,
    retention,
    retentionByLevel: { "6+": Number((retention * 0.75).toFixed(2)) },
    entryAges: { from: 16, to: 24 },
  };
}
