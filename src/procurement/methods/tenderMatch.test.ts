import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { uniformStream } from "../../../test/helpers/random.js";
import {
  haversineKm,
  matchDefaults,
  matchScore,
  matchSuppliers,
  matchTenders,
  placeScore,
} from "./tenderMatch.js";
import type { SupplierToMatch, TenderToMatch } from "./tenderMatch.js";

// Manchester and Bolton are districts of the North West (E12000002); Leeds is in Yorkshire and
// the Humber (E12000003).
const manchester = { gssCode: "E08000003", regionCode: "E12000002" };
const bolton = { gssCode: "E08000001", regionCode: "E12000002" };
const leeds = { gssCode: "E08000035", regionCode: "E12000003" };

// £100,000: building construction, electrical installation and joinery.
const tender: TenderToMatch = {
  tenderId: "ocds-b5fd17-0001",
  cpvCodes: ["45210000-2", "45310000-3", "45420000-7"],
  value: 10_000_000,
  ...manchester,
};

function supplier(
  supplierId: string,
  cpvCodes: string[],
  rest: Partial<SupplierToMatch> = {},
): SupplierToMatch {
  return { supplierId, cpvCodes, capacity: 10_000_000, ...manchester, ...rest };
}

describe("matchScore", () => {
  test("matchScore(tender, supplier) works a three-code example by hand", () => {
    // CPV: 45210000 is matched exactly (1); 45310000 sits under the supplier's group 45300000
    // (0.75, covered); 45420000 shares only the division (0.25, not covered). Best 1, coverage
    // 2/3, so the part is 1 * (1 + 2/3) / 2 = 5/6. Place: the same district, 1. Capacity: £50,000
    // of £100,000, 0.5. Total 0.5 * 5/6 + 0.3 * 1 + 0.2 * 0.5 = 49/60.
    const score = matchScore(
      tender,
      supplier("ardwick", ["45210000", "45300000-0"], { capacity: 5_000_000 }),
    );
    expect(score.cpv).toEqual({
      score: expect.closeTo(5 / 6, 15),
      bestSimilarity: 1,
      tenderCpv: "45210000",
      supplierCpv: "45210000",
      coverage: 2 / 3,
      coveredCpvCodes: ["45210000", "45310000"],
    });
    expect(score.place).toEqual({ score: 1, basis: "district", distanceKm: undefined });
    expect(score.capacity).toEqual({ score: 0.5, value: 10_000_000, capacity: 5_000_000 });
    expect(score.score).toBeCloseTo(49 / 60, 15);
  });

  test("matchScore(tender, supplier in the region) scores the place 0.6", () => {
    const score = matchScore(tender, supplier("bolton", ["45210000"], bolton));
    expect(score.place).toEqual({ score: 0.6, basis: "region", distanceKm: undefined });
  });

  test("matchScore(tender, supplier elsewhere) scores the place 0 without coordinates, and by distance with them", () => {
    expect(matchScore(tender, supplier("leeds", ["45210000"], leeds)).place).toEqual({
      score: 0,
      basis: "none",
      distanceKm: undefined,
    });
    // Manchester to Leeds, about 58 km: 0.8 * 2^(-58/25), about 0.16.
    const withPoints = matchScore(
      { ...tender, coordinates: { latitude: 53.4808, longitude: -2.2426 } },
      supplier("leeds", ["45210000"], {
        ...leeds,
        coordinates: { latitude: 53.8008, longitude: -1.5491 },
      }),
    );
    expect(withPoints.place.basis).toBe("distance");
    expect(withPoints.place.distanceKm).toBeCloseTo(58.2, 0);
    expect(withPoints.place.score).toBeCloseTo(0.8 * 2 ** (-withPoints.place.distanceKm! / 25), 15);
  });

  test("matchScore(tender, nearby supplier in another region) takes the distance when it beats the region", () => {
    const here = { latitude: 53.48, longitude: -2.24 };
    const near = { latitude: 53.5, longitude: -2.24 };
    const place = placeScore(
      { gssCode: "E08000003", regionCode: "E12000002", coordinates: here },
      { gssCode: "E06000049", regionCode: "E12000002", coordinates: near },
    );
    // 2.2 km: 0.8 * 2^(-2.2/25), about 0.75, above the region's 0.6.
    expect(place.basis).toBe("distance");
    expect(place.score!).toBeGreaterThan(0.6);
    expect(place.score!).toBeLessThan(0.8);
  });

  test("matchScore(tender with no place, supplier) leaves the place out and re-weights the rest", () => {
    const placeless: TenderToMatch = { tenderId: "t", cpvCodes: ["45210000"], value: 100 };
    const score = matchScore(placeless, supplier("a", ["45210000"], { capacity: 50 }));
    expect(score.place).toEqual({ score: undefined, basis: undefined, distanceKm: undefined });
    // CPV 1 (one code, exact, covered) and capacity 0.5: (0.5 * 1 + 0.2 * 0.5) / 0.7.
    expect(score.score).toBeCloseTo(0.6 / 0.7, 15);
  });

  test("matchScore(tender of unknown value, supplier) is neutral on capacity", () => {
    for (const value of [undefined, null, Number.NaN]) {
      const score = matchScore({ ...tender, value }, supplier("a", ["45210000"]));
      expect(score.capacity.score).toBeUndefined();
      // CPV 1 * (1 + 1/3) / 2 = 2/3 and place 1: (0.5 * 2/3 + 0.3) / 0.8.
      expect(score.score).toBeCloseTo((0.5 * (2 / 3) + 0.3) / 0.8, 15);
    }
    const unknownCapacity = matchScore(tender, supplier("a", ["45210000"], { capacity: null }));
    expect(unknownCapacity.capacity).toEqual({
      score: undefined,
      value: 10_000_000,
      capacity: undefined,
    });
  });

  test("matchScore(tender of zero value, supplier) has its value reached by any capacity, and a zero capacity reaches nothing else", () => {
    expect(
      matchScore({ ...tender, value: 0 }, supplier("a", ["45210000"], { capacity: 0 })).capacity
        .score,
    ).toBe(1);
    expect(matchScore(tender, supplier("a", ["45210000"], { capacity: 0 })).capacity.score).toBe(0);
    expect(
      matchScore(tender, supplier("a", ["45210000"], { capacity: 20_000_000 })).capacity.score,
    ).toBe(1);
  });

  test("matchScore(tender, supplier, weights) uses the weights given", () => {
    const only = matchScore(tender, supplier("a", ["45210000"], leeds), {
      weights: { cpv: 1, place: 0, capacity: 0 },
    });
    expect(only.score).toBeCloseTo(2 / 3, 15);
  });

  test("matchScore(tender, supplier) throws an InputError naming a bad CPV code", () => {
    expect(() =>
      matchScore({ ...tender, cpvCodes: ["45210000", "4521"] }, supplier("a", [])),
    ).toThrow(/tender\.cpvCodes\[1\]/);
    expect(() => matchScore(tender, supplier("a", ["99000000"]))).toThrow(InputError);
  });

  test("matchScore(bad amounts or options) throws a RangeError", () => {
    expect(() => matchScore({ ...tender, value: -1 }, supplier("a", []))).toThrow(RangeError);
    expect(() => matchScore({ ...tender, value: 10.5 }, supplier("a", []))).toThrow(RangeError);
    expect(() => matchScore(tender, supplier("a", [], { capacity: -5 }))).toThrow(RangeError);
    const good = supplier("a", ["45210000"]);
    expect(() => matchScore(tender, good, { weights: { cpv: 0 } })).toThrow(RangeError);
    expect(() => matchScore(tender, good, { weights: { place: -1 } })).toThrow(RangeError);
    expect(() => matchScore(tender, good, { minCpvSimilarity: 0 })).toThrow(RangeError);
    expect(() => matchScore(tender, good, { coverThreshold: 1.5 })).toThrow(RangeError);
    expect(() => matchScore(tender, good, { regionScore: 2 })).toThrow(RangeError);
    expect(() => matchScore(tender, good, { halvingDistanceKm: 0 })).toThrow(RangeError);
  });
});

describe("haversineKm", () => {
  test("haversineKm(one degree along the equator) is the mean radius times pi / 180", () => {
    // 6,371.0088 km * pi / 180 = 111.19508 km.
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 })).toBeCloseTo(
      111.19508,
      4,
    );
  });

  test("haversineKm(a point, itself) is 0 and antipodes are half the circumference apart", () => {
    const point = { latitude: 53.48, longitude: -2.24 };
    expect(haversineKm(point, point)).toBe(0);
    expect(
      haversineKm({ latitude: 90, longitude: 0 }, { latitude: -90, longitude: 0 }),
    ).toBeCloseTo(Math.PI * 6371.0088, 6);
  });

  test("haversineKm(out of range) throws a RangeError", () => {
    expect(() =>
      haversineKm({ latitude: 91, longitude: 0 }, { latitude: 0, longitude: 0 }),
    ).toThrow(RangeError);
  });
});

describe("matchSuppliers", () => {
  const suppliers = [
    supplier("exact", ["45210000"]),
    supplier("division-only", ["45100000"]),
    supplier("other-division", ["71000000"]),
    supplier("group", ["45300000"], bolton),
    supplier("nothing", []),
  ];

  test("matchSuppliers(tender, suppliers) ranks by score and leaves out those below the minimum similarity", () => {
    const matches = matchSuppliers(tender, suppliers);
    expect(matches.map((match) => match.supplierId)).toEqual(["exact", "group"]);
    expect(matches[0]!.score).toBeGreaterThan(matches[1]!.score);
  });

  test("matchSuppliers(tender, suppliers, minCpvSimilarity 0.25) also lists division-only matches, never other divisions", () => {
    const matches = matchSuppliers(tender, suppliers, { minCpvSimilarity: 0.25 });
    expect(matches.map((match) => match.supplierId)).toEqual(["exact", "group", "division-only"]);
  });

  test("matchSuppliers(tender, [], options) and a tender without codes give no matches", () => {
    expect(matchSuppliers(tender, [])).toEqual([]);
    expect(matchSuppliers({ ...tender, cpvCodes: [] }, suppliers)).toEqual([]);
  });

  test("matchSuppliers(tender, one supplier) lists it once; repeated codes count once", () => {
    const matches = matchSuppliers({ ...tender, cpvCodes: ["45210000-2", "45210000", 45210000] }, [
      supplier("exact", ["45210000", "45210000-2"]),
    ]);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.cpv.coverage).toBe(1);
  });

  test("matchSuppliers(tender, tied suppliers) orders ties by id whatever the input order", () => {
    const tied = ["delta", "Bravo", "alpha", "charlie"].map((id) => supplier(id, ["45210000"]));
    const expected = ["Bravo", "alpha", "charlie", "delta"];
    expect(matchSuppliers(tender, tied).map((match) => match.supplierId)).toEqual(expected);
    expect(matchSuppliers(tender, tied.slice().reverse()).map((match) => match.supplierId)).toEqual(
      expected,
    );
  });

  test("matchSuppliers(tender, suppliers, limit) keeps the best", () => {
    expect(matchSuppliers(tender, suppliers, { limit: 1 }).map((m) => m.supplierId)).toEqual([
      "exact",
    ]);
    expect(matchSuppliers(tender, suppliers, { limit: 0 })).toEqual([]);
    expect(() => matchSuppliers(tender, suppliers, { limit: 1.5 })).toThrow(RangeError);
  });

  test("matchSuppliers(tender, suppliers) names a bad code by the supplier's position", () => {
    expect(() =>
      matchSuppliers(tender, [supplier("a", ["45210000"]), supplier("b", ["x"])]),
    ).toThrow(/suppliers\[1\]\.cpvCodes\[0\]/);
  });
});

describe("matchTenders", () => {
  test("matchTenders(supplier, tenders) is the supplier's feed, best first, ties by tender id", () => {
    const builder = supplier("ardwick", ["45210000"], { capacity: 5_000_000 });
    const tenders: TenderToMatch[] = [
      { tenderId: "t3", cpvCodes: ["72000000"], value: 100, ...manchester },
      { tenderId: "t2", cpvCodes: ["45210000"], value: 100, ...manchester },
      { tenderId: "t1", cpvCodes: ["45210000"], value: 100, ...manchester },
      { tenderId: "t0", cpvCodes: ["45210000"], value: 20_000_000, ...leeds },
    ];
    const feed = matchTenders(builder, tenders);
    expect(feed.map((match) => match.tenderId)).toEqual(["t1", "t2", "t0"]);
    expect(feed[0]!.score).toBeCloseTo(1, 15);
    expect(matchTenders(builder, [])).toEqual([]);
    expect(matchTenders(supplier("none", []), tenders)).toEqual([]);
  });
});

describe("matching properties on random instances", () => {
  test("matchSuppliers and matchTenders give every pair the same score from either side", () => {
    const next = uniformStream(31);
    for (let trial = 0; trial < 20; trial += 1) {
      const tenders = Array.from({ length: 6 }, (_, index) => randomTender(next, `t${index}`));
      const suppliers = Array.from({ length: 8 }, (_, index) => randomSupplier(next, `s${index}`));
      const options = { minCpvSimilarity: 0.25 + next() * 0.75 };
      const fromTenders = new Map<string, number>();
      for (const one of tenders) {
        for (const match of matchSuppliers(one, suppliers, options)) {
          fromTenders.set(`${one.tenderId}|${match.supplierId}`, match.score);
        }
      }
      const fromSuppliers = new Map<string, number>();
      for (const one of suppliers) {
        for (const match of matchTenders(one, tenders, options)) {
          fromSuppliers.set(`${match.tenderId}|${one.supplierId}`, match.score);
        }
      }
      expect(fromSuppliers).toEqual(fromTenders);
    }
  });

  test("matchSuppliers(tender, suppliers) scores an exact match at least as high as a division-only one", () => {
    const next = uniformStream(32);
    for (let trial = 0; trial < 100; trial += 1) {
      const one = randomTender(next, "t");
      if (one.cpvCodes.length === 0) continue;
      const code = String(one.cpvCodes[Math.floor(next() * one.cpvCodes.length)]);
      // Same place and capacity; one has the tender's code, the other a code in another group of
      // its division (the digit after the division changed to one no random code uses).
      const rest = randomSupplier(next, "x");
      const exact = { ...rest, supplierId: "exact", cpvCodes: [code] };
      const divisionOnly = {
        ...rest,
        supplierId: "division",
        cpvCodes: [`${code.slice(0, 2)}9`.padEnd(8, "0")],
      };
      const options = { minCpvSimilarity: 0.25 };
      const matches = matchSuppliers(one, [divisionOnly, exact], options);
      expect(matches[0]!.supplierId).toBe("exact");
      expect(matches[0]!.score).toBeGreaterThanOrEqual(matches[1]!.score);
    }
  });

  test("matchSuppliers(tender, suppliers) never lists a supplier with no code in the tender's divisions", () => {
    const next = uniformStream(33);
    for (let trial = 0; trial < 50; trial += 1) {
      const one = randomTender(next, "t");
      const divisions = new Set(one.cpvCodes.map((code) => String(code).slice(0, 2)));
      const suppliers = Array.from({ length: 10 }, (_, index) => randomSupplier(next, `s${index}`));
      for (const minCpvSimilarity of [1e-9, 0.25, 0.5, 1]) {
        for (const match of matchSuppliers(one, suppliers, { minCpvSimilarity })) {
          const found = suppliers.find((candidate) => candidate.supplierId === match.supplierId)!;
          expect(found.cpvCodes.some((code) => divisions.has(String(code).slice(0, 2)))).toBe(true);
        }
      }
    }
  });

  test("matchSuppliers(tender, shuffled suppliers) gives the same list whatever the input order", () => {
    const next = uniformStream(34);
    for (let trial = 0; trial < 20; trial += 1) {
      const one = randomTender(next, "t");
      const suppliers = Array.from({ length: 12 }, (_, index) => randomSupplier(next, `s${index}`));
      const shuffled = shuffle(suppliers, next);
      expect(matchSuppliers(one, shuffled, { minCpvSimilarity: 0.25 })).toEqual(
        matchSuppliers(one, suppliers, { minCpvSimilarity: 0.25 }),
      );
    }
  });

  test("matchDefaults documents the defaults the scores use", () => {
    expect(matchDefaults.weights).toEqual({ cpv: 0.5, place: 0.3, capacity: 0.2 });
    expect(matchDefaults.minCpvSimilarity).toBe(0.5);
    expect(matchDefaults.coverThreshold).toBe(0.75);
  });
});

const codePool = [
  "45000000",
  "45200000",
  "45210000",
  "45214000",
  "45214631",
  "45220000",
  "45300000",
  "45310000",
  "45330000",
  "72000000",
  "72200000",
  "72210000",
  "72220000",
  "71000000",
];
const places = [manchester, bolton, leeds];

function randomTender(next: () => number, tenderId: string): TenderToMatch {
  const count = Math.floor(next() * 4);
  const value = next() < 0.2 ? undefined : Math.floor(next() * 5) * 1_000_000;
  return {
    tenderId,
    cpvCodes: Array.from({ length: count }, () => codePool[Math.floor(next() * codePool.length)]!),
    value,
    ...places[Math.floor(next() * places.length)]!,
  };
}

function randomSupplier(next: () => number, supplierId: string): SupplierToMatch {
  const count = Math.floor(next() * 4);
  return {
    supplierId,
    cpvCodes: Array.from({ length: count }, () => codePool[Math.floor(next() * codePool.length)]!),
    capacity: next() < 0.2 ? null : Math.floor(next() * 5) * 1_000_000,
    ...places[Math.floor(next() * places.length)]!,
    coordinates: next() < 0.5 ? { latitude: 53 + next(), longitude: -3 + next() * 2 } : undefined,
  };
}

/** A shuffled copy by the Fisher-Yates shuffle, drawing from the seeded stream. */
function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const shuffled = items.slice();
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(next() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
  }
  return shuffled;
}
