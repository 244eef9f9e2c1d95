import { NotFoundError } from "../core/errors.js";
import type { Place } from "../core/vocabulary.js";
import { getPlace, listPlaces } from "../data/service.js";
import type { Queryable } from "../store/database.js";
import { employmentMatrix, type EmploymentMatrix } from "./employmentMatrix.js";
import { complexity } from "./methods/complexity.js";
import { locationQuotients } from "./methods/locationQuotient.js";
import { shiftShare, type ShiftShareResult } from "./methods/shiftShare.js";
import { herfindahlHirschman } from "./methods/herfindahlHirschman.js";
import { krugmanIndex } from "./methods/krugmanIndex.js";
import { shannonDiversity } from "./methods/shannonDiversity.js";
import { strongIndustries } from "./methods/strongIndustries.js";

/** One industry of a place's profile. */
export interface ProfileIndustry {
  code: string;
  name: string;
  foundational: boolean;
  employees: number;
  /** Share of the place's employment, 0 to 1. */
  share: number;
  /** Location quotient against the comparison places' total; null where undefined. */
  locationQuotient: number | null;
  strong: boolean;
  /** Product complexity of the industry across the comparison places. */
  pci: number | null;
  /** How near the place's capabilities are to the industry, 0 to 1. */
  density: number | null;
  /** Complexity outlook gain of adding the industry. */
  cog: number | null;
}

/** A place's industrial profile against its comparison places (its parent's other places). */
export interface PlaceProfile {
  place: Place;
  /** The places compared with (including the place): its siblings under the same parent. */
  comparison: { name: string; count: number };
  period: string;
  basePeriod: string | undefined;
  totalEmployment: number;
  foundationalShare: number;
  industries: ProfileIndustry[];
  specialisation: { krugman: number | null; herfindahl: number | null; shannon: number | null };
  complexity: { eci: number | null; rank: number | null; diversity: number; places: number };
  shiftShare?: {
    industries: {
      code: string;
      name: string;
      change: number;
      nationalShare: number;
      industryMix: number;
      localShare: number;
    }[];
    totals: ShiftShareResult["totals"];
  };
}

interface EmploymentRow {
  placeCode: string;
  industryCode: string;
  period: string;
  employees: number;
}

/**
 * The profile of a place: its industries by employment with location quotients, strong industries
 * (US Cluster Mapping rule), specialisation and diversity indices, economic complexity, and the
 * shift-share of its employment change, all against the other places under the same parent.
 */
export async function placeProfile(database: Queryable, placeCode: string): Promise<PlaceProfile> {
  const place = await getPlace(database, placeCode);
  const all = await listPlaces(database);
  const siblings = all.filter(
    (candidate) => candidate.kind === place.kind && candidate.parentCode === place.parentCode,
  );
  const codes = siblings.map((candidate) => candidate.code);
  const industries = await database.query<{
    code: string;
    name: string;
    level: string;
    foundational: boolean;
  }>("select code, name, level, foundational from industries");
  const industryByCode = new Map(industries.map((industry) => [industry.code, industry]));
  const rows = await database.query<EmploymentRow>(
    `select place_code as "placeCode", industry_code as "industryCode", period, employees
     from employment where place_code = any($1::text[])`,
    [codes],
  );
  const ownPeriods = [
    ...new Set(rows.filter((row) => row.placeCode === placeCode).map((row) => row.period)),
  ].sort();
  const period = ownPeriods.at(-1);
  if (period === undefined)
    throw new NotFoundError(`${place.name} has no employment figures to profile.`);
  const basePeriod = ownPeriods.length > 1 ? ownPeriods[0] : undefined;
  // One level of industry at a time: divisions where the place has them, else sections.
  const ownLevels = new Set(
    rows
      .filter((row) => row.placeCode === placeCode && row.period === period)
      .map((row) => industryByCode.get(row.industryCode)?.level),
  );
  const level = ownLevels.has("division")
    ? "division"
    : ownLevels.has("section")
      ? "section"
      : [...ownLevels][0];
  const atLevel = (row: EmploymentRow): boolean =>
    industryByCode.get(row.industryCode)?.level === level;
  const industryCodes = [...new Set(rows.filter(atLevel).map((row) => row.industryCode))].sort();
  const matrixAt = (wanted: string): EmploymentMatrix =>
    employmentMatrix(
      rows.filter((row) => row.period === wanted && atLevel(row)),
      { placeCodes: codes, industryCodes },
    );
  const latest = matrixAt(period);
  const row = codes.indexOf(placeCode);
  const width = industryCodes.length;
  const own = latest.values.subarray(row * width, (row + 1) * width);
  const benchmark = columnSums(latest);
  const lq = locationQuotients(own, benchmark);
  const strong = strongIndustries(latest.values, codes.length, width, { benchmark });
  const result = complexity(latest.values, codes.length, width, { density: true });
  const total = own.reduce((sum, value) => sum + value, 0);

  const profileIndustries: ProfileIndustry[] = industryCodes
    .map((code, column) => {
      const industry = industryByCode.get(code);
      return {
        code,
        name: industry?.name ?? code,
        foundational: industry?.foundational ?? false,
        employees: own[column]!,
        share: total > 0 ? own[column]! / total : 0,
        locationQuotient: finite(lq[column]!),
        strong: strong[row * width + column] === 1,
        pci: finite(result.pci[column]!),
        density:
          result.density === undefined ? null : finite(result.density[row * width + column]!),
        cog: result.cog === undefined ? null : finite(result.cog[row * width + column]!),
      };
    })
    .filter((industry) => industry.employees > 0 || (industry.density ?? 0) > 0)
    .sort((a, b) => b.employees - a.employees);

  const eci = finite(result.eci[row]!);
  const ranked = [...result.eci].filter((value) => Number.isFinite(value)).sort((a, b) => b - a);
  const profile: PlaceProfile = {
    place,
    comparison: {
      name: place.parent === null ? "all places of its kind" : `the places of ${place.parent.name}`,
      count: codes.length,
    },
    period,
    basePeriod,
    totalEmployment: total,
    foundationalShare:
      total > 0
        ? profileIndustries
            .filter((industry) => industry.foundational)
            .reduce((sum, industry) => sum + industry.employees, 0) / total
        : 0,
    industries: profileIndustries,
    specialisation: {
      krugman: krugmanIndex(own, benchmark) ?? null,
      herfindahl: herfindahlHirschman(own) ?? null,
      shannon: shannonDiversity(own, { normalised: true }) ?? null,
    },
    complexity: {
      eci,
      rank: eci === null ? null : ranked.indexOf(eci) + 1,
      diversity: result.diversity[row]!,
      places: ranked.length,
    },
  };
  if (basePeriod !== undefined) {
    const start = matrixAt(basePeriod);
    const decomposition = shiftShare({
      localStart: start.values.subarray(row * width, (row + 1) * width),
      localEnd: own,
      benchmarkStart: columnSums(start),
      benchmarkEnd: benchmark,
    });
    profile.shiftShare = {
      industries: industryCodes.map((code, column) => ({
        code,
        name: industryByCode.get(code)?.name ?? code,
        change: own[column]! - start.values[row * width + column]!,
        nationalShare: decomposition.nationalShare[column]!,
        industryMix: decomposition.industryMix[column]!,
        localShare: decomposition.localShare[column]!,
      })),
      totals: decomposition.totals,
    };
  }
  return profile;
}

function columnSums(matrix: EmploymentMatrix): Float64Array {
  const width = matrix.industryCodes.length;
  const sums = new Float64Array(width);
  for (let index = 0; index < matrix.values.length; index++)
    sums[index % width]! += matrix.values[index]!;
  return sums;
}

function finite(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}
