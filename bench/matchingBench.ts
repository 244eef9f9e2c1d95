import { demoCpvCodes } from "../src/procurement/demo/demoCpvCodes.js";
import { existsSync, readFileSync } from "node:fs";
import { Random } from "../src/demo/random.js";
import { matchAll } from "../src/procurement/methods/matchAll.js";
import type { MatchAllResult } from "../src/procurement/methods/matchAll.js";
import type { SupplierToMatch, TenderToMatch } from "../src/procurement/methods/tenderMatch.js";
import { sharedFile } from "../test/helpers/sharedData.js";

/** What the matching benchmark measured. */
export interface MatchingBenchResult {
  tenders: number;
  suppliers: number;
  /** The real CPV codes drawn from, and where they came from. */
  cpvCodes: number;
  cpvSource: "the CPV 2008 list in ../shared/data" | "the demo's curated CPV codes";
  /** The most tenders kept per supplier. */
  limitPerSupplier: number;
  /** The median time of a whole `matchAll` call, preparation included. Target: under 10 s. */
  medianSeconds: number;
  runs: number[];
  /** The pairs whose CPV codes were compared, against the tenders x suppliers of a full scan. */
  pairsScored: number;
  pairsPossible: number;
  /** The matches returned over all the suppliers' feeds. */
  matchesReturned: number;
  /** The suppliers with at least one tender in their feed. */
  suppliersMatched: number;
  /** Drawing the tenders and suppliers, once. */
  setupSeconds: number;
  peakMemoryMb: number;
}

/**
 * A seeded market of 100,000 open tenders and 20,000 suppliers in 300 districts of 12 regions.
 * Their CPV codes are real: drawn from the 9,454 codes of the CPV 2008 list when
 * `../shared/data` is beside the project, else from the demo's 67 curated codes over 23
 * divisions. A tender has one to four codes, the later ones mostly in its first code's group; a
 * supplier one to five, mostly in one division, and one code in eight broadened to its group or
 * its whole division (as suppliers registering for "45000000 Construction work" do). Values run
 * from £5,000 to £20m and capacities from £10,000 to £5m, log-uniform, some unknown; most have a
 * point near their district's centre. Times `matchAll` with the default options and 20 tenders
 * per supplier (median of `repeats`). Target: under 10 s.
 */
export function matchingBench(repeats = 3): MatchingBenchResult {
  const setupStarted = process.hrtime.bigint();
  const { codes, source } = benchCpvCodes();
  const { tenders, suppliers } = benchMarket(codes, 100_000, 20_000);
  const setupSeconds = Number(process.hrtime.bigint() - setupStarted) / 1e9;
  const limitPerSupplier = 20;
  const runs: number[] = [];
  let result: MatchAllResult | undefined;
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    // Let the previous run's matches go before timing the next.
    result = undefined;
    const started = process.hrtime.bigint();
    result = matchAll(tenders, suppliers, { limitPerSupplier });
    runs.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const feeds = result!.bySupplier;
  return {
    tenders: tenders.length,
    suppliers: suppliers.length,
    cpvCodes: codes.length,
    cpvSource: source,
    limitPerSupplier,
    medianSeconds: sorted[Math.floor(sorted.length / 2)]!,
    runs,
    pairsScored: result!.pairsScored,
    pairsPossible: tenders.length * suppliers.length,
    matchesReturned: feeds.reduce((sum, feed) => sum + feed.length, 0),
    suppliersMatched: feeds.filter((feed) => feed.length > 0).length,
    setupSeconds,
    peakMemoryMb: process.resourceUsage().maxRSS / 1024,
  };
}

/**
 * The real CPV codes to draw from: the whole CPV 2008 list (lookups/cpv_2008_en.csv, read in
 * place) when the shared data is there, else the demo's curated codes.
 */
export function benchCpvCodes(): {
  codes: string[];
  source: MatchingBenchResult["cpvSource"];
} {
  const path = sharedFile("lookups/cpv_2008_en.csv");
  if (existsSync(path)) {
    const codes = readFileSync(path, "utf8")
      .split(/\r?\n/)
      .map((line) => /^(\d{8})-\d,/.exec(line)?.[1])
      .filter((code): code is string => code !== undefined);
    if (codes.length > 0) return { codes, source: "the CPV 2008 list in ../shared/data" };
  }
  return {
    codes: [...demoCpvCodes.map((entry) => entry.code)],
    source: "the demo's curated CPV codes",
  };
}

/** The seeded tenders and suppliers of the benchmark, over the given CPV codes. */
export function benchMarket(
  codes: readonly string[],
  tenderCount: number,
  supplierCount: number,
): { tenders: TenderToMatch[]; suppliers: SupplierToMatch[] } {
  const random = new Random(2027);
  const byGroup = groupBy(codes, 3);
  const byDivision = groupBy(codes, 2);
  const districts = benchDistricts(random.fork());
  const near = (centre: { latitude: number; longitude: number }, degrees: number) => ({
    latitude: centre.latitude + random.normal(0, degrees),
    longitude: centre.longitude + random.normal(0, degrees * 1.6),
  });
  // Pounds drawn log-uniformly between two bounds, as whole pence.
  const logUniformPence = (low: number, high: number): number =>
    Math.round(Math.exp(random.uniform(Math.log(low), Math.log(high)))) * 100;

  const tenders: TenderToMatch[] = Array.from({ length: tenderCount }, (_, index) => {
    const first = random.pick(codes);
    const draw = random.next();
    const count = draw < 0.55 ? 1 : draw < 0.8 ? 2 : draw < 0.95 ? 3 : 4;
    const cpvCodes = [first];
    while (cpvCodes.length < count) {
      const pool = random.next() < 0.7 ? byGroup : byDivision;
      const prefixLength = pool === byGroup ? 3 : 2;
      cpvCodes.push(random.pick(pool.get(first.slice(0, prefixLength))!));
    }
    const district = random.pick(districts);
    return {
      tenderId: `ocds-bench-${String(index).padStart(6, "0")}`,
      cpvCodes,
      value: random.next() < 0.1 ? null : logUniformPence(5_000, 20_000_000),
      gssCode: random.next() < 0.9 ? district.gssCode : undefined,
      regionCode: random.next() < 0.95 ? district.regionCode : undefined,
      coordinates: random.next() < 0.7 ? near(district, 0.05) : undefined,
    };
  });

  const suppliers: SupplierToMatch[] = Array.from({ length: supplierCount }, (_, index) => {
    const first = random.pick(codes);
    const count = random.integer(1, 5);
    const drawn = [first];
    while (drawn.length < count) {
      drawn.push(
        random.next() < 0.6 ? random.pick(byDivision.get(first.slice(0, 2))!) : random.pick(codes),
      );
    }
    const cpvCodes = drawn.map((code) => {
      const draw = random.next();
      if (draw < 0.04) return code.slice(0, 2).padEnd(8, "0");
      if (draw < 0.125) return code.slice(0, 3).padEnd(8, "0");
      return code;
    });
    const district = random.pick(districts);
    return {
      supplierId: `supplier-${String(index).padStart(5, "0")}`,
      gssCode: district.gssCode,
      regionCode: district.regionCode,
      coordinates: random.next() < 0.8 ? near(district, 0.02) : undefined,
      cpvCodes,
      capacity: random.next() < 0.25 ? undefined : logUniformPence(10_000, 5_000_000),
    };
  });
  return { tenders, suppliers };
}

interface BenchDistrict {
  gssCode: string;
  regionCode: string;
  latitude: number;
  longitude: number;
}

/**
 * 300 districts with made-up codes in the nine English regions, Wales, Scotland and Northern
 * Ireland (real region codes), scattered around each region's rough centre.
 */
function benchDistricts(random: Random): BenchDistrict[] {
  // prettier-ignore
  const regions: [string, number, number][] = [
    ["E12000001", 55.0, -1.9], ["E12000002", 53.8, -2.6], ["E12000003", 53.9, -1.3],
    ["E12000004", 52.9, -0.9], ["E12000005", 52.5, -2.2], ["E12000006", 52.2, 0.4],
    ["E12000007", 51.5, -0.1], ["E12000008", 51.3, -0.7], ["E12000009", 50.9, -3.3],
    ["W92000004", 52.3, -3.7], ["S92000003", 56.5, -4.2], ["N92000002", 54.6, -6.7],
  ];
  return Array.from({ length: 300 }, (_, index) => {
    const [regionCode, latitude, longitude] = regions[index % regions.length]!;
    return {
      gssCode: `${regionCode[0]}9${String(index).padStart(7, "0")}`,
      regionCode,
      latitude: latitude + random.normal(0, 0.4),
      longitude: longitude + random.normal(0, 0.6),
    };
  });
}

function groupBy(codes: readonly string[], digits: number): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const code of codes) {
    const key = code.slice(0, digits);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [code]);
    else group.push(code);
  }
  return groups;
}
