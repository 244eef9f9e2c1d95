import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { uniformStream } from "../../../test/helpers/random.js";
import { consortiumDefaults, suggestConsortia } from "./consortia.js";
import type { Consortium, ConsortiumOptions } from "./consortia.js";
import { cpvSimilarity, normaliseCpv } from "./cpv.js";
import { placeScore } from "./tenderMatch.js";
import type { SupplierToMatch, TenderToMatch } from "./tenderMatch.js";

const manchester = { gssCode: "E08000003", regionCode: "E12000002" };
const bolton = { gssCode: "E08000001", regionCode: "E12000002" };
const leeds = { gssCode: "E08000035", regionCode: "E12000003" };

// £300,000 in Manchester: building construction (45210000), electrical installation (45310000)
// and plumbing (45330000).
const tender: TenderToMatch = {
  tenderId: "ocds-b5fd17-0002",
  cpvCodes: ["45210000-2", "45310000-3", "45330000-9"],
  value: 30_000_000,
  ...manchester,
};

// Five suppliers. Deansgate does all three trades but can take on only £250,000; Leeds's group
// code 45300000 (building installation work) contains electrical and plumbing work, at the
// cover threshold of 0.75.
const suppliers: SupplierToMatch[] = [
  { supplierId: "ardwick", cpvCodes: ["45210000"], capacity: 20_000_000, ...manchester },
  { supplierId: "bolton", cpvCodes: ["45310000"], capacity: 5_000_000, ...bolton },
  { supplierId: "chorlton", cpvCodes: ["45330000"], capacity: 5_000_000, ...manchester },
  {
    supplierId: "deansgate",
    cpvCodes: ["45210000", "45310000", "45330000"],
    capacity: 25_000_000,
    ...manchester,
  },
  { supplierId: "leeds", cpvCodes: ["45300000"], capacity: 50_000_000, ...leeds },
];

describe("suggestConsortia", () => {
  test("suggestConsortia(tender, five suppliers) works the example by hand", () => {
    // Covering: building by ardwick and deansgate; electrical by bolton, deansgate and leeds;
    // plumbing by chorlton, deansgate and leeds. No one covers all three and reaches £300,000.
    // The valid groups that contain no smaller valid group, with their place scores (same
    // district 1, same region 0.6, elsewhere 0):
    //   ardwick + deansgate            £450,000  locality (1 + 1) / 2       = 1
    //   chorlton + deansgate           £300,000  locality (1 + 1) / 2       = 1
    //   ardwick + bolton + chorlton    £300,000  locality (1 + 0.6 + 1) / 3 = 0.867
    //   bolton + deansgate             £300,000  locality (0.6 + 1) / 2     = 0.8
    //   ardwick + leeds                £700,000  locality (1 + 0) / 2       = 0.5
    //   deansgate + leeds              £750,000  locality (1 + 0) / 2       = 0.5
    // Groups of three that contain deansgate, or ardwick and leeds, hold a valid pair and are
    // not listed.
    const result = suggestConsortia(tender, suppliers);
    expect(result.search).toBe("exact");
    expect(result.candidateCount).toBe(5);
    expect(result.consortia.map((group) => group.supplierIds)).toEqual([
      ["ardwick", "deansgate"],
      ["chorlton", "deansgate"],
      ["ardwick", "bolton", "chorlton"],
      ["bolton", "deansgate"],
      ["ardwick", "leeds"],
      ["deansgate", "leeds"],
    ]);
    expect(result.consortia.map((group) => group.locality)).toEqual([
      1,
      1,
      expect.closeTo(2.6 / 3, 15),
      expect.closeTo(0.8, 15),
      0.5,
      0.5,
    ]);
    expect(result.consortia.map((group) => group.capacity)).toEqual([
      45_000_000, 30_000_000, 30_000_000, 30_000_000, 70_000_000, 75_000_000,
    ]);
    for (const group of result.consortia) {
      expect(group.coverage).toBe(1);
      expect(group.uncoveredCpvCodes).toEqual([]);
      expect(group.coveredCpvCodes).toEqual(["45210000", "45310000", "45330000"]);
    }
    expect(result.consortia[4]!.members).toEqual([
      { supplierId: "ardwick", coveredCpvCodes: ["45210000"], capacity: 20_000_000, placeScore: 1 },
      {
        supplierId: "leeds",
        coveredCpvCodes: ["45310000", "45330000"],
        capacity: 50_000_000,
        placeScore: 0,
      },
    ]);
  });

  test("suggestConsortia(tender one supplier can do alone) lists it alone and first, and not again with partners", () => {
    // At £200,000 deansgate's £250,000 is enough.
    const result = suggestConsortia({ ...tender, value: 20_000_000 }, suppliers);
    expect(result.consortia.map((group) => group.supplierIds)).toEqual([
      ["deansgate"],
      ["ardwick", "bolton", "chorlton"],
      ["ardwick", "leeds"],
    ]);
  });

  test("suggestConsortia(tender of unknown value) ignores capacities", () => {
    const result = suggestConsortia({ ...tender, value: undefined }, suppliers);
    expect(result.consortia.map((group) => group.supplierIds)).toEqual([
      ["deansgate"],
      ["ardwick", "bolton", "chorlton"],
      ["ardwick", "leeds"],
    ]);
  });

  test("suggestConsortia(tender of zero value) lists every single supplier covering all codes", () => {
    const result = suggestConsortia({ ...tender, value: 0 }, [
      ...suppliers,
      { supplierId: "zero", cpvCodes: ["45200000", "45300000"], capacity: 0, ...manchester },
    ]);
    expect(result.consortia.slice(0, 2).map((group) => group.supplierIds)).toEqual([
      ["deansgate"],
      ["zero"],
    ]);
  });

  test("suggestConsortia(tender, [], options) and a tender with no codes suggest nothing", () => {
    expect(suggestConsortia(tender, [])).toEqual({
      search: "exact",
      candidateCount: 0,
      consortia: [],
    });
    expect(suggestConsortia({ ...tender, cpvCodes: [] }, suppliers).consortia).toEqual([]);
  });

  test("suggestConsortia(tender, suppliers covering nothing) leaves them out of the candidates", () => {
    const result = suggestConsortia(tender, [
      ...suppliers,
      { supplierId: "rich", cpvCodes: ["72000000"], capacity: 1_000_000_000, ...manchester },
      { supplierId: "vague", cpvCodes: ["45000000"], capacity: 1_000_000_000, ...manchester },
    ]);
    // "45000000" against each code is 0.625, below the cover threshold.
    expect(result.candidateCount).toBe(5);
    expect(result.consortia.flatMap((group) => group.supplierIds)).not.toContain("rich");
  });

  test("suggestConsortia(tender, suppliers, maxSize 2) drops the group of three; limit keeps the best", () => {
    const pairs = suggestConsortia(tender, suppliers, { maxSize: 2 });
    expect(pairs.consortia.every((group) => group.supplierIds.length <= 2)).toBe(true);
    expect(pairs.consortia).toHaveLength(5);
    const top = suggestConsortia(tender, suppliers, { limit: 2 });
    expect(top.consortia.map((group) => group.supplierIds)).toEqual([
      ["ardwick", "deansgate"],
      ["chorlton", "deansgate"],
    ]);
  });

  test("suggestConsortia(tender, suppliers, minCoverage 2/3) ranks full cover first and keeps partial groups nothing smaller matches", () => {
    const result = suggestConsortia({ ...tender, value: undefined }, suppliers, {
      minCoverage: 2 / 3,
      limit: Infinity,
    });
    const ids = result.consortia.map((group) => group.supplierIds.join("+"));
    // Full cover, as with no minimum: deansgate alone, ardwick + bolton + chorlton (no part of it
    // covers all three), ardwick + leeds. Two of the three codes: ardwick + chorlton (locality
    // 1), ardwick + bolton and bolton + chorlton (0.8), leeds alone (0). Pairs with deansgate,
    // or leeds with bolton or chorlton, cover no more than one of their members alone.
    expect(ids).toEqual([
      "deansgate",
      "ardwick+bolton+chorlton",
      "ardwick+leeds",
      "ardwick+chorlton",
      "ardwick+bolton",
      "bolton+chorlton",
      "leeds",
    ]);
    expect(result.consortia[3]!.uncoveredCpvCodes).toEqual(["45310000"]);
  });

  test("suggestConsortia(tender, suppliers, exactCandidateLimit 0) uses the greedy search and says so", () => {
    const result = suggestConsortia(tender, suppliers, { exactCandidateLimit: 0 });
    expect(result.search).toBe("greedy");
    const exact = suggestConsortia(tender, suppliers, { limit: Infinity });
    const exactKeys = new Set(exact.consortia.map((group) => group.supplierIds.join("+")));
    for (const group of result.consortia)
      expect(exactKeys.has(group.supplierIds.join("+"))).toBe(true);
    // Seeded from ardwick, bolton and chorlton it adds deansgate (two new codes, and the more
    // local of deansgate and leeds); from deansgate it adds the most local supplier bringing the
    // missing £50,000, ardwick; from leeds, the first by id of the two covering building work.
    // It misses ardwick + bolton + chorlton, which the exact search finds.
    expect(result.consortia.map((group) => group.supplierIds)).toEqual([
      ["ardwick", "deansgate"],
      ["chorlton", "deansgate"],
      ["bolton", "deansgate"],
      ["ardwick", "leeds"],
    ]);
  });

  test("suggestConsortia(tender, suppliers with a repeated id) throws an InputError", () => {
    expect(() => suggestConsortia(tender, [suppliers[0]!, suppliers[0]!])).toThrow(InputError);
  });

  test("suggestConsortia(tender, suppliers, bad options) throws a RangeError", () => {
    for (const options of [
      { maxSize: 0 },
      { maxSize: 1.5 },
      { limit: -1 },
      { exactCandidateLimit: Number.NaN },
      { coverThreshold: 0 },
      { minCoverage: 0 },
      { minCoverage: 1.1 },
    ]) {
      expect(() => suggestConsortia(tender, suppliers, options), JSON.stringify(options)).toThrow(
        RangeError,
      );
    }
  });

  test("consortiumDefaults documents the defaults", () => {
    expect(consortiumDefaults).toEqual({
      maxSize: 3,
      limit: 10,
      exactCandidateLimit: 40,
      coverThreshold: 0.75,
      minCoverage: 1,
    });
  });
});

describe("suggestConsortia on random instances", () => {
  test("suggestConsortia(exact search) lists exactly what brute force over every subset finds, in the same order", () => {
    const next = uniformStream(41);
    let listed = 0;
    let partnered = 0;
    for (let trial = 0; trial < 200; trial += 1) {
      const instance = randomInstance(next, Math.floor(next() * 11));
      const options: ConsortiumOptions = {
        maxSize: 1 + Math.floor(next() * 4),
        minCoverage: [1, 1, 0.5, 0.34][Math.floor(next() * 4)]!,
        limit: Infinity,
      };
      const result = suggestConsortia(instance.tender, instance.suppliers, options);
      expect(result.search).toBe("exact");
      const expected = bruteForce(instance.tender, instance.suppliers, options);
      expect(result.consortia.map((group) => group.supplierIds)).toEqual(expected);
      listed += expected.length;
      partnered += expected.filter((group) => group.length > 1).length;
    }
    // The instances are not all trivial: 305 groups, 184 of them of two or more.
    expect(listed).toBeGreaterThan(200);
    expect(partnered).toBeGreaterThan(100);
  });

  test("suggestConsortia(greedy search) lists only valid, undominated, distinct groups, in rank order", () => {
    const next = uniformStream(42);
    let listed = 0;
    for (let trial = 0; trial < 40; trial += 1) {
      const instance = randomInstance(next, 10 + Math.floor(next() * 30));
      const options: ConsortiumOptions = {
        maxSize: 1 + Math.floor(next() * 4),
        minCoverage: [1, 0.5][Math.floor(next() * 2)]!,
        exactCandidateLimit: 0,
        limit: Infinity,
      };
      const result = suggestConsortia(instance.tender, instance.suppliers, options);
      if (result.candidateCount > 0) expect(result.search).toBe("greedy");
      const keys = result.consortia.map((group) => group.supplierIds.join("+"));
      expect(new Set(keys).size).toBe(keys.length);
      const rule = validity(instance.tender, instance.suppliers, options);
      for (const group of result.consortia) {
        expect(group.supplierIds.length).toBeLessThanOrEqual(options.maxSize!);
        expect(rule.isValid(group.supplierIds)).toBe(true);
        expect(rule.isUndominated(group.supplierIds)).toBe(true);
      }
      expect(result.consortia).toEqual(result.consortia.slice().sort(rankOrder));
      listed += result.consortia.length;
      // On instances small enough to enumerate, every greedy group is one of the exact ones.
      if (instance.suppliers.length <= 16) {
        const exact = suggestConsortia(instance.tender, instance.suppliers, {
          ...options,
          exactCandidateLimit: Infinity,
        });
        const exactKeys = new Set(exact.consortia.map((group) => group.supplierIds.join("+")));
        for (const key of keys) expect(exactKeys.has(key)).toBe(true);
      }
    }
    // 344 groups in all over the 40 instances.
    expect(listed).toBeGreaterThan(200);
  });

  test("suggestConsortia(many suppliers) finishes quickly with the greedy search", () => {
    const next = uniformStream(43);
    const instance = randomInstance(next, 400);
    const result = suggestConsortia(instance.tender, instance.suppliers, { limit: 5 });
    expect(result.search).toBe("greedy");
    expect(result.consortia.length).toBeLessThanOrEqual(5);
  });
});

const codePool = [
  "45210000",
  "45214000",
  "45214631",
  "45220000",
  "45300000",
  "45310000",
  "45330000",
  "45400000",
  "45420000",
  "45440000",
  "72200000",
  "72210000",
];
const places = [manchester, bolton, leeds];

interface Instance {
  tender: TenderToMatch;
  suppliers: SupplierToMatch[];
}

function randomInstance(next: () => number, supplierCount: number): Instance {
  const pick = (): string => codePool[Math.floor(next() * codePool.length)]!;
  const tender: TenderToMatch = {
    tenderId: "t",
    cpvCodes: Array.from({ length: 1 + Math.floor(next() * 4) }, pick),
    value: next() < 0.15 ? undefined : Math.floor(next() * 8) * 1_000_000,
    ...places[Math.floor(next() * places.length)]!,
  };
  const suppliers = Array.from({ length: supplierCount }, (_, index): SupplierToMatch => ({
    supplierId: `s${String(index).padStart(2, "0")}`,
    cpvCodes: Array.from({ length: 1 + Math.floor(next() * 3) }, pick),
    capacity: next() < 0.15 ? undefined : Math.floor(next() * 5) * 1_000_000,
    ...places[Math.floor(next() * places.length)]!,
  }));
  return { tender, suppliers };
}

/**
 * The rules of suggestConsortia written again from its documentation, by direct computation on
 * sets of ids, for the brute-force comparison.
 */
function validity(tender: TenderToMatch, suppliers: SupplierToMatch[], options: ConsortiumOptions) {
  const threshold = options.coverThreshold ?? 0.75;
  const minCoverage = options.minCoverage ?? 1;
  const codes = [...new Set(tender.cpvCodes.map(normaliseCpv))];
  const byId = new Map(suppliers.map((supplier) => [supplier.supplierId, supplier]));
  const covers = (supplierId: string, code: string): boolean =>
    byId.get(supplierId)!.cpvCodes.some((own) => {
      const similarity = cpvSimilarity(own, code);
      return similarity > 0 && similarity >= threshold;
    });
  const coveredCount = (ids: string[]): number =>
    codes.filter((code) => ids.some((id) => covers(id, code))).length;
  const isValid = (ids: string[]): boolean => {
    if (ids.length === 0) return false;
    if (!ids.every((id) => codes.some((code) => covers(id, code)))) return false;
    if (coveredCount(ids) / codes.length < minCoverage) return false;
    const capacity = ids.reduce((sum, id) => sum + (byId.get(id)!.capacity ?? 0), 0);
    return tender.value == null || capacity >= tender.value;
  };
  const isUndominated = (ids: string[]): boolean =>
    subsets(ids, ids.length - 1).every(
      (subset) => !(isValid(subset) && coveredCount(subset) === coveredCount(ids)),
    );
  const locality = (ids: string[]): number | undefined => {
    const scores = ids.flatMap((id) => {
      const score = placeScore(tender, byId.get(id)!).score;
      return score === undefined ? [] : [score];
    });
    let total = 0;
    for (const score of scores) total += score;
    return scores.length === 0 ? undefined : total / scores.length;
  };
  return { codes, isValid, isUndominated, coveredCount, locality };
}

function bruteForce(
  tender: TenderToMatch,
  suppliers: SupplierToMatch[],
  options: ConsortiumOptions,
): string[][] {
  const rule = validity(tender, suppliers, options);
  const ids = suppliers.map((supplier) => supplier.supplierId).sort();
  const groups = subsets(ids, options.maxSize ?? 3).filter(
    (group) => rule.isValid(group) && rule.isUndominated(group),
  );
  const coverage = (group: string[]): number => rule.coveredCount(group) / rule.codes.length;
  return groups
    .map((group) => ({
      supplierIds: group,
      coverage: coverage(group),
      locality: rule.locality(group),
    }))
    .sort((a, b) => rankOrder(a, b))
    .map((group) => group.supplierIds);
}

/** The documented ranking: coverage desc, locality desc (none last), size asc, then ids. */
function rankOrder(
  a: Pick<Consortium, "supplierIds" | "coverage" | "locality">,
  b: Pick<Consortium, "supplierIds" | "coverage" | "locality">,
): number {
  if (a.coverage !== b.coverage) return b.coverage - a.coverage;
  if (a.locality !== b.locality) return (b.locality ?? -1) - (a.locality ?? -1);
  if (a.supplierIds.length !== b.supplierIds.length) {
    return a.supplierIds.length - b.supplierIds.length;
  }
  const left = a.supplierIds.join("\u0000");
  const right = b.supplierIds.join("\u0000");
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Every non-empty subset of at most `maxSize` items, each in the items' order. */
function subsets<T>(items: readonly T[], maxSize: number): T[][] {
  const result: T[][] = [];
  const walk = (start: number, chosen: T[]): void => {
    for (let index = start; index < items.length; index += 1) {
      chosen.push(items[index]!);
      if (chosen.length <= maxSize) result.push(chosen.slice());
      if (chosen.length < maxSize) walk(index + 1, chosen);
      chosen.pop();
    }
  };
  if (maxSize > 0) walk(0, []);
  return result;
}
