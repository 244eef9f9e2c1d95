import { describe, expect, test } from "vitest";
import { uniformStream } from "../../../test/helpers/random.js";
import { InputError } from "../../core/errors.js";
import { spendShares } from "./spendShares.js";
import type { SpendAward, SpendSummary } from "./spendShares.js";

const pounds = (amount: number): number => amount * 100;
const newcastle = "E08000021";
const durham = "E06000047";
const london = "E09000001";
const northEast = "E12000001";
const londonRegion = "E12000007";
const place = { place: newcastle, region: northEast, leftBehindPlaces: [durham, newcastle] };

// Six awards worked by hand; £450,000 in all.
const awards: SpendAward[] = [
  {
    buyerId: "B1",
    buyerName: "Council",
    year: 2022,
    cpvDivision: "45",
    valuePence: pounds(100_000),
    supplierIsSme: true,
    supplierPlace: newcastle,
    supplierRegion: northEast,
  },
  {
    buyerId: "B1",
    year: 2022,
    cpvDivision: "79530000-8",
    valuePence: pounds(50_000),
    supplierIsSme: false,
    supplierPlace: london,
    supplierRegion: londonRegion,
  },
  {
    buyerId: "B1",
    year: 2023,
    cpvDivision: "45",
    valuePence: pounds(80_000),
    supplierIsSme: true,
    supplierPlace: durham,
    supplierRegion: northEast,
  },
  // Nothing known of this supplier but its region.
  {
    buyerId: "B2",
    buyerName: "NHS Trust",
    year: 2023,
    cpvDivision: "33",
    valuePence: pounds(200_000),
    supplierIsSme: undefined,
    supplierRegion: londonRegion,
  },
  {
    buyerId: "B2",
    year: 2023,
    cpvDivision: null,
    valuePence: pounds(20_000),
    supplierIsSme: false,
    supplierPlace: newcastle,
    supplierRegion: "",
  },
  // An award of nothing: counted, but it makes no share.
  {
    buyerId: "B2",
    year: 2024,
    cpvDivision: "45",
    valuePence: 0,
    supplierIsSme: true,
    supplierPlace: newcastle,
    supplierRegion: northEast,
  },
];

/** Checks that a grouping's values and counts add up to the total's. */
function expectPartition(groups: readonly SpendSummary[], total: SpendSummary): void {
  const sum = (pick: (summary: SpendSummary) => number): number =>
    groups.reduce((running, group) => running + pick(group), 0);
  expect(sum((group) => group.valuePence)).toBe(total.valuePence);
  expect(sum((group) => group.awards)).toBe(total.awards);
  for (const kind of ["sme", "place", "region"] as const) {
    for (const field of [
      "valuePence",
      "awards",
      "knownValuePence",
      "knownAwards",
      "unknownValuePence",
      "unknownAwards",
    ] as const) {
      expect(sum((group) => group[kind][field])).toBe(total[kind][field]);
    }
  }
}

describe("spendShares", () => {
  test("spendShares(awards, place) works six awards by hand", () => {
    const result = spendShares(awards, place);
    expect(result.total.awards).toBe(6);
    expect(result.total.valuePence).toBe(pounds(450_000));
    // SMEs: £180,000 of the £250,000 whose size is known; the £200,000 award is unknown.
    expect(result.total.sme).toEqual({
      valuePence: pounds(180_000),
      awards: 3,
      knownValuePence: pounds(250_000),
      knownAwards: 5,
      unknownValuePence: pounds(200_000),
      unknownAwards: 1,
      share: 0.72,
    });
    // In Newcastle: £120,000 of £250,000 with a known place.
    expect(result.total.place.valuePence).toBe(pounds(120_000));
    expect(result.total.place.share).toBe(0.48);
    // In the North East: £180,000 of £430,000 with a known region; £20,000 unknown.
    expect(result.total.region.share).toBeCloseTo(180 / 430, 12);
    expect(result.total.region.unknownValuePence).toBe(pounds(20_000));
    // In left-behind places (Durham and Newcastle): £200,000 of £250,000.
    expect(result.total.leftBehind!.share).toBe(0.8);

    expect(
      result.byBuyer.map((buyer) => [buyer.buyerId, buyer.buyerName, buyer.valuePence]),
    ).toEqual([
      ["B1", "Council", pounds(230_000)],
      ["B2", "NHS Trust", pounds(220_000)],
    ]);
    expect(
      result.byCpvDivision.map((division) => [division.cpvDivision, division.valuePence]),
    ).toEqual([
      ["33", pounds(200_000)],
      ["45", pounds(180_000)],
      ["79", pounds(50_000)],
      [undefined, pounds(20_000)],
    ]);
    expect(result.byYear.map((year) => [year.year, year.sme.share])).toEqual([
      [2022, 100 / 150],
      [2023, 0.8],
      [2024, undefined],
    ]);
    // 2024's only award is worth nothing, so the trend runs 2022 to 2023.
    expect(result.trend.sme).toEqual({
      fromYear: 2022,
      toYear: 2023,
      from: 100 / 150,
      to: 0.8,
      change: 0.8 - 100 / 150,
    });
    expect(result.trend.place!.to).toBe(0.2);
    expect(result.trend.place!.change).toBeCloseTo(0.2 - 100 / 150, 12);
    expect(result.trend.leftBehind!.to).toBe(1);
  });

  test("spendShares(awards, place) groupings each add up to the total", () => {
    const result = spendShares(awards, place);
    expectPartition(result.byBuyer, result.total);
    expectPartition(result.byYear, result.total);
    expectPartition(result.byCpvDivision, result.total);
  });

  test("spendShares(random awards, place) gives shares from 0 to 1 and groupings that add up", () => {
    const random = uniformStream(2024);
    const pick = <T>(options: readonly T[]): T => options[Math.floor(random() * options.length)]!;
    for (let trial = 0; trial < 20; trial += 1) {
      const randomAwards = Array.from({ length: Math.floor(random() * 60) }, () => ({
        buyerId: pick(["B1", "B2", "B3"]),
        year: pick([2020, 2021, 2022]),
        cpvDivision: pick(["45", "72", undefined]),
        valuePence: Math.floor(random() * 1e8),
        supplierIsSme: pick([true, false, undefined]),
        supplierPlace: pick([newcastle, durham, london, undefined]),
        supplierRegion: pick([northEast, londonRegion, undefined]),
      }));
      const result = spendShares(randomAwards, place);
      for (const summary of [result.total, ...result.byBuyer, ...result.byYear]) {
        for (const measure of [summary.sme, summary.place, summary.region, summary.leftBehind!]) {
          if (measure.share === undefined) {
            expect(measure.knownValuePence).toBe(0);
            continue;
          }
          expect(measure.share).toBeGreaterThanOrEqual(0);
          expect(measure.share).toBeLessThanOrEqual(1);
          expect(measure.knownValuePence + measure.unknownValuePence).toBe(summary.valuePence);
        }
      }
      expectPartition(result.byBuyer, result.total);
      expectPartition(result.byYear, result.total);
      expectPartition(result.byCpvDivision, result.total);
    }
  });

  test("spendShares(awards with nothing known, place) reports the value as unknown and the shares as undefined", () => {
    const result = spendShares([{ buyerId: "B1", year: 2023, valuePence: pounds(1_000) }], place);
    expect(result.total.sme).toEqual({
      valuePence: 0,
      awards: 0,
      knownValuePence: 0,
      knownAwards: 0,
      unknownValuePence: pounds(1_000),
      unknownAwards: 1,
      share: undefined,
    });
    expect(result.total.place.share).toBeUndefined();
    expect(result.total.leftBehind!.share).toBeUndefined();
    expect(result.trend.sme).toBeUndefined();
  });

  test("spendShares(no awards, place) is empty with undefined shares and no trend", () => {
    const result = spendShares([], place);
    expect(result.total.awards).toBe(0);
    expect(result.total.valuePence).toBe(0);
    expect(result.total.sme.share).toBeUndefined();
    expect(result.byBuyer).toEqual([]);
    expect(result.byYear).toEqual([]);
    expect(result.trend).toEqual({
      sme: undefined,
      place: undefined,
      region: undefined,
      leftBehind: undefined,
    });
  });

  test("spendShares(awards of one year, place) has no trend", () => {
    const result = spendShares(awards.slice(0, 2), place);
    expect(result.byYear).toHaveLength(1);
    expect(result.trend.sme).toBeUndefined();
  });

  test("spendShares(awards, place without left-behind places) leaves the left-behind share out", () => {
    const result = spendShares(awards, { place: newcastle, region: northEast });
    expect(result.total.leftBehind).toBeUndefined();
    expect(result.byYear[0]!.leftBehind).toBeUndefined();
    expect(result.trend.leftBehind).toBeUndefined();
  });

  test("spendShares(awards, place) gives the same result whatever the order of the awards", () => {
    expect(spendShares([...awards].reverse(), place)).toEqual(spendShares(awards, place));
  });

  test("spendShares(bad awards or place) throws an InputError naming the field", () => {
    const good = awards[0]!;
    expect(() => spendShares([{ ...good, valuePence: -1 }], place)).toThrow(
      /awards\[0\]\.valuePence/,
    );
    expect(() => spendShares([{ ...good, valuePence: 0.5 }], place)).toThrow(InputError);
    expect(() => spendShares([{ ...good, year: 2023.5 }], place)).toThrow(/year/);
    expect(() => spendShares([{ ...good, buyerId: "" }], place)).toThrow(/buyer id/);
    expect(() => spendShares([{ ...good, cpvDivision: "works" }], place)).toThrow(/CPV division/);
    expect(() => spendShares(awards, { ...place, place: "" })).toThrow(/place code/);
    expect(() => spendShares(awards, { ...place, region: "" })).toThrow(/region code/);
  });
});
