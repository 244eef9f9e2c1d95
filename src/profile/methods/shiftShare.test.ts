import { describe, expect, test } from "vitest";
import { uniformStream } from "../../../test/helpers/random.js";
import { shiftShare } from "./shiftShare.js";
import type { ShiftShareInput, ShiftShareResult } from "./shiftShare.js";

/** Checks that the components add up to each industry's change and to the total change. */
function expectComponentsSum(result: ShiftShareResult, digits = 9): void {
  result.change.forEach((change, industry) => {
    if (Number.isNaN(change)) return;
    const sum =
      result.nationalShare[industry]! +
      result.industryMix[industry]! +
      result.localShare[industry]!;
    expect(sum).toBeCloseTo(change, digits);
  });
  const { totals } = result;
  expect(totals.nationalShare + totals.industryMix + totals.localShare).toBeCloseTo(
    totals.change,
    digits,
  );
}

// The Holukuluku example of Krumme, "Shift & Share Table with Excel Explanations" (University
// of Washington, Geography 350): four industries, 1985 to 1995. The region employs 500, 100,
// 200 and 200 in 1985 (total 1,000) and 1,000, 100, 250 and 280 in 1995 (total 1,630). The
// nation's shares in 1985 are 10%, 20%, 40% and 30% and its industries grow by 10%, 20%, 30%
// and 40%, 29% overall; here a nation of 10,000 jobs with those shares and growth rates.
const holukuluku: ShiftShareInput = {
  localStart: [500, 100, 200, 200],
  localEnd: [1000, 100, 250, 280],
  benchmarkStart: [1000, 2000, 4000, 3000],
  benchmarkEnd: [1100, 2400, 5200, 4200],
};

describe("shiftShare", () => {
  test("shiftShare(Holukuluku) reproduces Krumme's published decomposition", () => {
    // G = (12,900 - 10,000) / 10,000 = 0.29.
    // National share e0 G: 500 x 0.29 = 145, 29, 58, 58; total 290 (the table's "national
    //   growth effect").
    // Industry mix e0 (g - G): 500 (0.10 - 0.29) = -95, 100 (0.20 - 0.29) = -9,
    //   200 (0.30 - 0.29) = 2, 200 (0.40 - 0.29) = 22; total -80 (the "composition effect",
    //   expected employment 1,210 against 1,290).
    // Local share e0 (r - g) = e1 - e0 (1 + g): 1,000 - 550 = 450, 100 - 120 = -20,
    //   250 - 260 = -10, 280 - 280 = 0; total 420 (the "differential effect").
    // 290 - 80 + 420 = 630 = 1,630 - 1,000.
    const result = shiftShare(holukuluku);
    const close = (values: Float64Array, expected: number[]): void =>
      expected.forEach((value, industry) => expect(values[industry]).toBeCloseTo(value, 10));
    expect(result.benchmarkGrowth).toBeCloseTo(0.29, 15);
    close(result.change, [500, 0, 50, 80]);
    close(result.nationalShare, [145, 29, 58, 58]);
    close(result.industryMix, [-95, -9, 2, 22]);
    close(result.localShare, [450, -20, -10, 0]);
    expect(result.totals.change).toBe(630);
    expect(result.totals.nationalShare).toBeCloseTo(290, 10);
    expect(result.totals.industryMix).toBeCloseTo(-80, 10);
    expect(result.totals.localShare).toBeCloseTo(420, 10);
    expect(result.homotheticCompetitive).toBeUndefined();
    expect(result.allocation).toBeUndefined();
    expect(result.warnings).toEqual([]);
    expect(result.excluded).toEqual([]);
    expectComponentsSum(result, 10);
  });

  test("shiftShare(Holukuluku, { variant: 'estebanMarquillas' }) splits the local share by hand", () => {
    // Homothetic employment e* = E0 n0 / N0 = 1,000 x (0.1, 0.2, 0.4, 0.3) = 100, 200, 400, 300.
    // r - g = 1.0 - 0.1 = 0.9, 0.0 - 0.2 = -0.2, 0.25 - 0.30 = -0.05, 0.40 - 0.40 = 0.
    // Homothetic competitive e* (r - g) = 90, -40, -20, 0 (total 30).
    // Allocation (e0 - e*)(r - g) = 400 x 0.9 = 360, -100 x -0.2 = 20, -200 x -0.05 = 10, 0
    // (total 390): Holukuluku is specialised in industry I, which it grew far faster than the
    // nation. 30 + 390 = 420, the local share.
    const result = shiftShare(holukuluku, { variant: "estebanMarquillas" });
    const expected = { competitive: [90, -40, -20, 0], allocation: [360, 20, 10, 0] };
    expected.competitive.forEach((value, industry) =>
      expect(result.homotheticCompetitive![industry]).toBeCloseTo(value, 10),
    );
    expected.allocation.forEach((value, industry) =>
      expect(result.allocation![industry]).toBeCloseTo(value, 10),
    );
    expect(result.totals.homotheticCompetitive).toBeCloseTo(30, 10);
    expect(result.totals.allocation).toBeCloseTo(390, 10);
    // The classic components are unchanged.
    expect(result.totals.localShare).toBeCloseTo(420, 10);
    expectComponentsSum(result, 10);
  });

  test("shiftShare(input) components sum to each industry's change and to the total change", () => {
    const random = uniformStream(1960);
    for (let trial = 0; trial < 25; trial += 1) {
      const count = 1 + Math.floor(random() * 40);
      const draw = (scale: number): number[] =>
        Array.from({ length: count }, () => Math.round(random() * scale));
      const input: ShiftShareInput = {
        localStart: draw(2000),
        localEnd: draw(2000),
        benchmarkStart: draw(1e6).map((value) => value + 1),
        benchmarkEnd: draw(1e6),
      };
      const result = shiftShare(input, { variant: "estebanMarquillas" });
      expectComponentsSum(result, 6);
      const totalChange =
        Array.from(input.localEnd).reduce<number>((sum, value) => sum + value!, 0) -
        Array.from(input.localStart).reduce<number>((sum, value) => sum + value!, 0);
      expect(result.totals.change).toBe(totalChange);
      result.localShare.forEach((localShare, industry) => {
        if (input.localStart[industry] === 0) return;
        expect(
          result.homotheticCompetitive![industry]! + result.allocation![industry]!,
        ).toBeCloseTo(localShare, 6);
      });
    }
  });

  test("shiftShare(input) gives an industry new in the place its whole change as local share, and warns", () => {
    const result = shiftShare(
      {
        localStart: [0, 100],
        localEnd: [25, 110],
        benchmarkStart: [500, 1000],
        benchmarkEnd: [600, 1000],
      },
      { variant: "estebanMarquillas" },
    );
    expect(result.nationalShare[0]).toBe(0);
    expect(result.industryMix[0]).toBe(0);
    expect(result.localShare[0]).toBe(25);
    expect(result.newInPlace).toEqual([0]);
    expect(result.excluded).toEqual([]);
    // Its growth rate is infinite, so the local share has no Esteban-Marquillas split.
    expect(result.homotheticCompetitive![0]).toBeNaN();
    expect(result.allocation![0]).toBeNaN();
    expect(result.totals.change).toBe(35);
    expectComponentsSum(result);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/1 industry \(index 0\) has no employment in the place/);
  });

  test("shiftShare(input) decomposes an industry absent from the place at both ends into zeros", () => {
    const result = shiftShare(
      {
        localStart: [0, 100],
        localEnd: [0, 110],
        benchmarkStart: [500, 1000],
        benchmarkEnd: [600, 1000],
      },
      { variant: "estebanMarquillas" },
    );
    expect([result.nationalShare[0], result.industryMix[0], result.localShare[0]]).toEqual([
      0, 0, 0,
    ]);
    expect([result.homotheticCompetitive![0], result.allocation![0]]).toEqual([0, 0]);
    expect(result.warnings).toEqual([]);
  });

  test("shiftShare(input) leaves out an industry missing a local value and says so", () => {
    const result = shiftShare({
      localStart: [100, null, 50],
      localEnd: [120, 40, Number.NaN],
      benchmarkStart: [1000, 1000, 1000],
      benchmarkEnd: [1100, 1100, 1100],
    });
    expect(result.excluded).toEqual([1, 2]);
    for (const values of [result.change, result.nationalShare, result.localShare]) {
      expect(values[1]).toBeNaN();
      expect(values[2]).toBeNaN();
    }
    // Only industry 0: G = g = 0.1, so NS = 10, IM = 0, LS = 20 - 10 = 10.
    expect(result.totals.change).toBe(20);
    expect(result.totals.nationalShare).toBeCloseTo(10, 12);
    expect(result.totals.industryMix).toBeCloseTo(0, 12);
    expect(result.totals.localShare).toBeCloseTo(10, 12);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/2 industries \(indices 1, 2\) have no value for the place/);
  });

  test("shiftShare(input) leaves out an industry the place has but the benchmark lacks at the start", () => {
    const result = shiftShare({
      localStart: [100, 10],
      localEnd: [110, 20],
      benchmarkStart: [1000, 0],
      benchmarkEnd: [1100, 50],
    });
    expect(result.excluded).toEqual([1]);
    expect(result.localShare[1]).toBeNaN();
    // G is taken over both benchmark industries: (1,150 - 1,000) / 1,000 = 0.15.
    expect(result.benchmarkGrowth).toBeCloseTo(0.15, 15);
    expect(result.totals.change).toBe(10);
    expectComponentsSum(result);
    expect(result.warnings[0]).toMatch(/no benchmark employment at the start/);
  });

  test("shiftShare(input) takes the benchmark's growth over industries it has at both ends", () => {
    // Industry 1's benchmark is missing at the end; the place has none of it. G = 0.1 from
    // industry 0 alone, not (1,100 - 2,000) / 2,000.
    const result = shiftShare({
      localStart: [100, 0],
      localEnd: [120, 0],
      benchmarkStart: [1000, 1000],
      benchmarkEnd: [1100, undefined],
    });
    expect(result.benchmarkGrowth).toBeCloseTo(0.1, 15);
    expect(result.nationalShare[0]).toBeCloseTo(10, 12);
    expect(result.excluded).toEqual([]);
  });

  test("shiftShare(one industry) is national share plus local share, with no industry mix", () => {
    // G = g = 0.1: NS = 100 x 0.1 = 10, IM = 0, LS = 20 - 10 = 10.
    const result = shiftShare({
      localStart: [100],
      localEnd: [120],
      benchmarkStart: [1000],
      benchmarkEnd: [1100],
    });
    expect(result.nationalShare[0]).toBeCloseTo(10, 12);
    expect(result.industryMix[0]).toBeCloseTo(0, 12);
    expect(result.localShare[0]).toBeCloseTo(10, 12);
  });

  test("shiftShare(a place growing exactly like the benchmark) is all national share and industry mix", () => {
    const result = shiftShare({
      localStart: [10, 20, 30],
      localEnd: [12, 20, 27],
      benchmarkStart: [100, 200, 300],
      benchmarkEnd: [120, 200, 270],
    });
    result.localShare.forEach((value) => expect(value).toBeCloseTo(0, 12));
    expect(result.totals.nationalShare + result.totals.industryMix).toBeCloseTo(-1, 12);
  });

  test("shiftShare(empty) has no components and NaN totals", () => {
    const result = shiftShare({
      localStart: [],
      localEnd: [],
      benchmarkStart: [],
      benchmarkEnd: [],
    });
    expect(result.change).toHaveLength(0);
    expect(result.totals.change).toBeNaN();
    expect(result.totals.localShare).toBeNaN();
    expect(result.warnings).toEqual([]);
  });

  test("shiftShare(all missing) has NaN totals and warns", () => {
    const result = shiftShare({
      localStart: [null, null],
      localEnd: [null, null],
      benchmarkStart: [1, 1],
      benchmarkEnd: [1, 1],
    });
    expect(result.totals.change).toBeNaN();
    expect(result.excluded).toEqual([0, 1]);
    expect(result.warnings).toHaveLength(1);
  });

  test("shiftShare(input) decomposes nothing when the benchmark has no employment at the start", () => {
    const result = shiftShare({
      localStart: [10, 20],
      localEnd: [12, 20],
      benchmarkStart: [0, 0],
      benchmarkEnd: [5, 5],
    });
    expect(result.benchmarkGrowth).toBeNaN();
    expect(result.excluded).toEqual([0, 1]);
    expect(result.totals.nationalShare).toBeNaN();
    expect(result.warnings[0]).toMatch(/benchmark has no employment at the start/);
  });

  test("shiftShare(input) lists at most ten industries in a warning and counts the rest", () => {
    const count = 14;
    const result = shiftShare({
      localStart: new Array(count).fill(0),
      localEnd: new Array(count).fill(1),
      benchmarkStart: new Array(count).fill(10),
      benchmarkEnd: new Array(count).fill(10),
    });
    expect(result.warnings[0]).toMatch(/14 industries \(indices 0, 1, .*, 9 and 4 more\)/);
  });

  test("shiftShare(input) throws a RangeError for mismatched lengths, negative values or an unknown variant", () => {
    expect(() =>
      shiftShare({ localStart: [1], localEnd: [1, 2], benchmarkStart: [1], benchmarkEnd: [1] }),
    ).toThrow(/localEnd has 2 values/);
    expect(() =>
      shiftShare({ localStart: [1], localEnd: [-1], benchmarkStart: [1], benchmarkEnd: [1] }),
    ).toThrow(RangeError);
    expect(() => shiftShare(holukuluku, { variant: "dynamic" as unknown as "classic" })).toThrow(
      RangeError,
    );
  });
});
