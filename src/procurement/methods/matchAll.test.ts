import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { uniformStream } from "../../../test/helpers/random.js";
import { matchAll } from "./matchAll.js";
import type { MatchAllOptions } from "./matchAll.js";
import { matchSuppliers, matchTenders } from "./tenderMatch.js";
import type { SupplierToMatch, TenderToMatch } from "./tenderMatch.js";

// Manchester and Bolton are districts of the North West (E12000002); Leeds is in Yorkshire and
// the Humber (E12000003).
const manchester = { gssCode: "E08000003", regionCode: "E12000002" };
const bolton = { gssCode: "E08000001", regionCode: "E12000002" };
const leeds = { gssCode: "E08000035", regionCode: "E12000003" };

/** What the one-at-a-time methods give for each supplier and each tender. */
function oneAtATime(
  tenders: readonly TenderToMatch[],
  suppliers: readonly SupplierToMatch[],
  options: MatchAllOptions = {},
) {
  const { limitPerSupplier, limitPerTender = 0, ...rest } = options;
  return {
    bySupplier: suppliers.map((supplier) =>
      matchTenders(supplier, tenders, { ...rest, limit: limitPerSupplier }),
    ),
    byTender: tenders.map((tender) =>
      matchSuppliers(tender, suppliers, { ...rest, limit: limitPerTender }),
    ),
  };
}

describe("matchAll", () => {
  const tenders: TenderToMatch[] = [
    { tenderId: "t3", cpvCodes: ["72000000"], value: 100, ...manchester },
    { tenderId: "t2", cpvCodes: ["45210000-2"], value: 100, ...manchester },
    { tenderId: "t1", cpvCodes: ["45210000", "45310000"], value: 100, ...manchester },
    { tenderId: "t0", cpvCodes: ["45214631"], value: 20_000_000, ...leeds },
    { tenderId: "t4", cpvCodes: ["45000000"], ...bolton },
  ];
  const suppliers: SupplierToMatch[] = [
    { supplierId: "builder", cpvCodes: ["45210000"], capacity: 5_000_000, ...manchester },
    { supplierId: "software", cpvCodes: ["72200000"], ...leeds },
    { supplierId: "general", cpvCodes: ["45000000"], capacity: 100, ...bolton },
    { supplierId: "nothing", cpvCodes: [], ...bolton },
  ];

  test("matchAll(tenders, suppliers) gives each supplier the feed matchTenders gives", () => {
    const result = matchAll(tenders, suppliers);
    expect(result.bySupplier).toEqual(oneAtATime(tenders, suppliers).bySupplier);
    expect(result.bySupplier.map((feed) => feed.map((match) => match.tenderId))).toEqual([
      // t2 is met exactly and in full; t1 only half (45310000 shares just the division); t0 is
      // nested under the builder's class (0.875); 45000000 contains 45210000 (0.625, above 0.5).
      ["t2", "t1", "t0", "t4"],
      // 72000000 contains 72200000 (0.625).
      ["t3"],
      // The whole of division 45 reaches every construction tender at 0.625 or better.
      ["t4", "t1", "t2", "t0"],
      [],
    ]);
    expect(result.byTender.every((list) => list.length === 0)).toBe(true);
  });

  test("matchAll(tenders, suppliers, limitPerTender) also gives each tender the list matchSuppliers gives", () => {
    for (const limitPerTender of [1, 2, Number.POSITIVE_INFINITY]) {
      const options = { limitPerTender, limitPerSupplier: 2 };
      const result = matchAll(tenders, suppliers, options);
      const expected = oneAtATime(tenders, suppliers, options);
      expect(result.byTender).toEqual(expected.byTender);
      expect(result.bySupplier).toEqual(expected.bySupplier);
    }
  });

  test("matchAll([], suppliers) and matchAll(tenders, []) give empty lists aligned with the inputs", () => {
    expect(matchAll([], suppliers)).toEqual({
      bySupplier: [[], [], [], []],
      byTender: [],
      pairsScored: 0,
    });
    expect(matchAll(tenders, [], { limitPerTender: 3 })).toEqual({
      bySupplier: [],
      byTender: [[], [], [], [], []],
      pairsScored: 0,
    });
    expect(matchAll([], [])).toEqual({ bySupplier: [], byTender: [], pairsScored: 0 });
  });

  test("matchAll(tenders, suppliers, limit 0) keeps nothing and scores nothing", () => {
    const result = matchAll(tenders, suppliers, { limitPerSupplier: 0 });
    expect(result).toEqual({
      bySupplier: [[], [], [], []],
      byTender: [[], [], [], [], []],
      pairsScored: 0,
    });
  });

  test("matchAll(tenders, suppliers) scores only the pairs in reach of the minimum similarity", () => {
    // The builder (45210000) meets t1, t2, t0 (the same group or nested) and t4 (its division
    // code); software meets only t3; general meets the four construction tenders.
    expect(matchAll(tenders, suppliers).pairsScored).toBe(4 + 1 + 4);
    // At 0.9 only equal codes and codes nested under a category or finer reach it.
    expect(matchAll(tenders, suppliers, { minCpvSimilarity: 0.9 }).pairsScored).toBe(2 + 0 + 1);
  });

  test("matchAll(tenders, suppliers, minCpvSimilarity 0) throws a RangeError, as matchTenders does", () => {
    expect(() => matchAll(tenders, suppliers, { minCpvSimilarity: 0 })).toThrow(RangeError);
    expect(() => matchTenders(suppliers[0]!, tenders, { minCpvSimilarity: 0 })).toThrow(RangeError);
  });

  test("matchAll(tenders, suppliers, tiny minCpvSimilarity) still equals the full scan, which reaches only shared divisions", () => {
    const options = { minCpvSimilarity: Number.MIN_VALUE };
    expect(matchAll(tenders, suppliers, options).bySupplier).toEqual(
      oneAtATime(tenders, suppliers, options).bySupplier,
    );
  });

  test("matchAll(bad inputs or options) throws, naming what is wrong", () => {
    expect(() =>
      matchAll([...tenders, { tenderId: "bad", cpvCodes: ["45210000", "4521"] }], suppliers),
    ).toThrow(/tenders\[5\]\.cpvCodes\[1\]/);
    expect(() =>
      matchAll(tenders, [{ supplierId: "bad", gssCode: "x", cpvCodes: ["99000000"] }]),
    ).toThrow(InputError);
    expect(() => matchAll(tenders, suppliers, { limitPerSupplier: 1.5 })).toThrow(RangeError);
    expect(() => matchAll(tenders, suppliers, { limitPerTender: -1 })).toThrow(RangeError);
    expect(() => matchAll([{ ...tenders[0]!, value: -1 }], suppliers)).toThrow(RangeError);
    expect(() =>
      matchAll(tenders, [{ ...suppliers[0]!, coordinates: { latitude: 91, longitude: 0 } }]),
    ).toThrow(/suppliers\[0\]\.coordinates/);
    // Named by its position in the input, though the tenders are sorted inside.
    const farOff = { ...tenders[1]!, coordinates: { latitude: 0, longitude: 200 } };
    expect(() => matchAll([tenders[3]!, farOff, tenders[0]!], suppliers)).toThrow(
      /tenders\[1\]\.coordinates/,
    );
  });
});

describe("matchAll on random instances", () => {
  test("matchAll(tenders, suppliers) equals matchTenders for every supplier, ties and all", () => {
    const next = uniformStream(41);
    const tenders = randomTenders(next, 400);
    const suppliers = randomSuppliers(next, 300);
    const result = matchAll(tenders, suppliers);
    expect(result.bySupplier).toEqual(oneAtATime(tenders, suppliers).bySupplier);
    // The instance has ties, and the index prunes.
    const scores = result.bySupplier.flatMap((feed) => feed.map((match) => match.score));
    expect(new Set(scores).size).toBeLessThan(scores.length / 2);
    expect(result.pairsScored).toBeLessThan(tenders.length * suppliers.length);
    // With a short feed, the search stops early too.
    for (const limitPerSupplier of [1, 3, 20]) {
      const short = matchAll(tenders, suppliers, { limitPerSupplier });
      expect(short.bySupplier).toEqual(
        oneAtATime(tenders, suppliers, { limitPerSupplier }).bySupplier,
      );
      expect(short.pairsScored).toBeLessThan(result.pairsScored);
    }
  });

  test("matchAll(tenders, suppliers, minCpvSimilarity) equals the one-at-a-time methods at every step of the CPV scale", () => {
    const next = uniformStream(42);
    const tenders = randomTenders(next, 150);
    const suppliers = randomSuppliers(next, 100);
    // Each value of the scale, and a value between each two.
    const thresholds = [1e-9, 0.25, 0.3, 0.5, 0.6, 0.625, 0.7, 0.75, 0.8, 0.85, 0.86, 0.875];
    for (const minCpvSimilarity of [...thresholds, 0.9, 0.925, 0.95, 1]) {
      const coverThreshold = next() < 0.5 ? 0.5 : 0.85;
      for (const limits of [
        { limitPerSupplier: 7, limitPerTender: 5 },
        { limitPerSupplier: 4 },
        { limitPerSupplier: Number.POSITIVE_INFINITY },
      ]) {
        const options: MatchAllOptions = { minCpvSimilarity, coverThreshold, ...limits };
        expect(matchAll(tenders, suppliers, options)).toEqual({
          ...oneAtATime(tenders, suppliers, options),
          pairsScored: expect.any(Number),
        });
      }
    }
  });

  test("matchAll(tenders, suppliers, weights and place options) equals the one-at-a-time methods", () => {
    const next = uniformStream(43);
    for (let trial = 0; trial < 5; trial += 1) {
      const tenders = randomTenders(next, 120);
      const suppliers = randomSuppliers(next, 80);
      const options: MatchAllOptions = {
        weights: { cpv: 0.2 + next(), place: next(), capacity: next() },
        regionScore: next(),
        nearbyScore: next(),
        halvingDistanceKm: 1 + next() * 50,
        limitPerSupplier: Math.floor(next() * 10),
        coverThreshold: next(),
      };
      for (const limitPerTender of [0, 2, Number.POSITIVE_INFINITY]) {
        expect(matchAll(tenders, suppliers, { ...options, limitPerTender })).toEqual({
          ...oneAtATime(tenders, suppliers, { ...options, limitPerTender }),
          pairsScored: expect.any(Number),
        });
      }
    }
  });

  test("matchAll(tenders, suppliers) equals the one-at-a-time methods over many districts, near and far", () => {
    // Thirty districts in four regions over a few hundred kilometres, some tenders giving only
    // their region or nothing, so that the bounds by district, region and distance all decide.
    const next = uniformStream(46);
    const districts = Array.from({ length: 30 }, (_, index) => ({
      gssCode: `E0700${String(index).padStart(4, "0")}`,
      regionCode: `E1200000${index % 4}`,
      latitude: 51 + next() * 3,
      longitude: -3 + next() * 3,
    }));
    const placeOf = (keepDistrict: boolean) => {
      const { gssCode, regionCode, latitude, longitude } = pick(next, districts);
      const coordinates =
        next() < 0.8
          ? { latitude: latitude + next() * 0.1, longitude: longitude + next() * 0.1 }
          : undefined;
      const draw = next();
      if (keepDistrict || draw < 0.7) return { gssCode, regionCode, coordinates };
      return draw < 0.9 ? { regionCode, coordinates } : { coordinates };
    };
    const tenders = randomTenders(next, 300).map((tender) => ({ ...tender, ...placeOf(false) }));
    const suppliers = randomSuppliers(next, 200).map((supplier) => {
      const place = placeOf(true);
      return next() < 0.1
        ? { ...supplier, ...place, regionCode: undefined }
        : { ...supplier, ...place };
    });
    for (const options of [
      { limitPerSupplier: 3 },
      { limitPerSupplier: 10, regionScore: 0.2, nearbyScore: 1, halvingDistanceKm: 5 },
      {
        limitPerSupplier: 5,
        weights: { cpv: 0.2, place: 1, capacity: 0.1 },
        minCpvSimilarity: 0.25,
      },
      { limitPerSupplier: 5, weights: { cpv: 1, place: 0, capacity: 0 } },
      { limitPerSupplier: 2, limitPerTender: 2 },
    ]) {
      expect(matchAll(tenders, suppliers, options)).toEqual({
        ...oneAtATime(tenders, suppliers, options),
        pairsScored: expect.any(Number),
      });
    }
  });

  test("matchAll(tenders, suppliers) lists only pairs at or above minCpvSimilarity", () => {
    const next = uniformStream(44);
    const tenders = randomTenders(next, 200);
    const suppliers = randomSuppliers(next, 150);
    for (let trial = 0; trial < 10; trial += 1) {
      const minCpvSimilarity = 1e-9 + next() * (1 - 1e-9);
      const result = matchAll(tenders, suppliers, { minCpvSimilarity, limitPerTender: 10 });
      for (const match of [...result.bySupplier.flat(), ...result.byTender.flat()]) {
        expect(match.cpv.bestSimilarity).toBeGreaterThanOrEqual(minCpvSimilarity);
      }
    }
  });

  test("matchAll(tenders, suppliers) orders tenders with the same id by their position", () => {
    const next = uniformStream(45);
    const tenders = randomTenders(next, 60);
    const twins = [...tenders, ...tenders.map((tender) => ({ ...tender }))];
    const suppliers = randomSuppliers(next, 40);
    expect(matchAll(twins, suppliers, { limitPerTender: 3 })).toEqual({
      ...oneAtATime(twins, suppliers, { limitPerTender: 3 }),
      pairsScored: expect.any(Number),
    });
  });
});

// Real CPV codes over several divisions and every level, broad ones (45000000, 72000000)
// included, so that pairs meet as equals, siblings, cousins and ancestors.
// prettier-ignore
const codePool = [
  "03000000", "03100000", "03110000", "03111000", "03111100", "09000000", "09100000", "09130000",
  "09134000", "15000000", "15800000", "15810000", "30000000", "30200000", "30210000", "30213000",
  "30213100", "45000000", "45100000", "45110000", "45111000", "45111200", "45200000", "45210000",
  "45214000", "45214600", "45214630", "45214631", "45220000", "45300000", "45310000", "45311000",
  "45330000", "48000000", "48200000", "71000000", "71200000", "71300000", "71310000", "72000000",
  "72200000", "72210000", "72220000", "72260000", "79000000", "79400000", "79410000", "79411000",
  "85000000", "85100000", "90000000", "90500000", "90510000", "90511000",
];
const places = [manchester, bolton, leeds, { gssCode: "", regionCode: undefined }, {}];
// Few distinct values and points, so that scores tie often.
const amounts = [undefined, 0, 1_000_000, 5_000_000, 20_000_000];
const points = [
  undefined,
  { latitude: 53.4808, longitude: -2.2426 },
  { latitude: 53.5769, longitude: -2.4282 },
  { latitude: 53.8008, longitude: -1.5491 },
];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

/** Codes mostly from one division, as real tenders and suppliers have them. */
function randomCodes(next: () => number, most: number): string[] {
  const first = pick(next, codePool);
  const sameDivision = codePool.filter((code) => code.startsWith(first.slice(0, 2)));
  return Array.from({ length: Math.floor(next() * (most + 1)) }, (_, index) =>
    index === 0 ? first : pick(next, next() < 0.8 ? sameDivision : codePool),
  );
}

function randomTenders(next: () => number, count: number): TenderToMatch[] {
  return Array.from({ length: count }, (_, index) => ({
    tenderId: `t${Math.floor(next() * count * 10)}`,
    cpvCodes: randomCodes(next, 3),
    value: pick(next, amounts),
    ...pick(next, places),
    coordinates: pick(next, points),
    ...(index % 7 === 0 ? { value: null } : {}),
  }));
}

function randomSuppliers(next: () => number, count: number): SupplierToMatch[] {
  return Array.from({ length: count }, (_, index) => ({
    supplierId: `s${index}`,
    cpvCodes: randomCodes(next, 4),
    capacity: pick(next, amounts),
    gssCode: manchester.gssCode,
    ...pick(next, places),
    coordinates: pick(next, points),
  }));
}
