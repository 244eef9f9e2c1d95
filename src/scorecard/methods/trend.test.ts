import { describe, expect, test } from "vitest";
import { trend } from "./trend.js";
import type { TrendPoint } from "./trend.js";

function series(start: number, values: readonly (number | null)[]): TrendPoint[] {
  return values.map((value, offset) => ({ period: String(start + offset), value }));
}

describe("trend", () => {
  test("trend(points, {polarity: -1}) calls a fall in unemployment improving", () => {
    // 5.0% to 4.0%: change -1.0 point, relative -1 / 5 = -20%; lower is better, so improving.
    const result = trend(series(2019, [5, 4.6, 4.2, 4]), { polarity: -1 });
    expect(result.from).toEqual({ period: "2019", value: 5 });
    expect(result.to).toEqual({ period: "2022", value: 4 });
    expect(result.change).toBe(-1);
    expect(result.relativeChange).toBeCloseTo(-0.2, 12);
    expect(result.direction).toBe("improving");
  });

  test("trend(points, {polarity: 1}) gives the change, relative change and compound annual rate", () => {
    // GVA per head £20,000 in 2015 to £24,200 in 2017: change 4,200, relative 4,200 / 20,000
    // = 21%, over 2 years at (24,200 / 20,000)^(1/2) - 1 = 1.1 - 1 = 10% a year.
    const result = trend(series(2015, [20_000, 22_000, 24_200]), { polarity: 1 });
    expect(result.change).toBe(4_200);
    expect(result.relativeChange).toBeCloseTo(0.21, 12);
    expect(result.years).toBe(2);
    expect(result.annualisedRate).toBeCloseTo(0.1, 12);
    expect(result.direction).toBe("improving");
  });

  test("trend(points, {span}) measures from span periods back from the latest observed value", () => {
    // Latest observed is 2023 (2024 missing); span 2 reaches back to 2021: 30 to 50.
    const points = series(2019, [10, 20, 30, 40, 50, null]);
    const result = trend(points, { polarity: 1, span: 2 });
    expect(result.from).toEqual({ period: "2021", value: 30 });
    expect(result.to).toEqual({ period: "2023", value: 50 });
    expect(result.change).toBe(20);
  });

  test("trend(points, {span}) starts from the earliest observed value when the span's first period is missing", () => {
    const points = series(2019, [10, 20, null, 40, 50]);
    const result = trend(points, { polarity: 1, span: 2 });
    expect(result.from).toEqual({ period: "2022", value: 40 });
    expect(result.change).toBe(10);
    expect(result.years).toBe(1);
  });

  test("trend(points, {span}) larger than the series uses the whole series", () => {
    const result = trend(series(2019, [10, 20, 30]), { polarity: 1, span: 50 });
    expect(result.from?.period).toBe("2019");
  });

  test("trend([], options) is unknown with nothing else", () => {
    expect(trend([], { polarity: 1, target: 5 })).toEqual({ direction: "unknown" });
  });

  test("trend(points, options) with every value missing is unknown", () => {
    const points: TrendPoint[] = [
      { period: "2020", value: null },
      { period: "2021", value: Number.NaN },
      { period: "2022", value: undefined as unknown as null },
    ];
    expect(trend(points, { polarity: -1 })).toEqual({ direction: "unknown" });
  });

  test("trend(points, options) with one observed point gives the latest value and its target distance only", () => {
    const result = trend(series(2020, [null, 7, null]), { polarity: -1, target: 5 });
    expect(result.from).toBeUndefined();
    expect(result.to).toEqual({ period: "2021", value: 7 });
    expect(result.change).toBeUndefined();
    expect(result.direction).toBe("unknown");
    // Lower is better: 7 against a target of 5 leaves 2 still to go.
    expect(result.distanceToTarget).toBe(2);
    expect(result.targetMet).toBe(false);
  });

  test("trend(points, options) skips missing values between the ends", () => {
    const result = trend(series(2018, [null, 3, Number.NaN, null, 6, null]), { polarity: 1 });
    expect(result.from).toEqual({ period: "2019", value: 3 });
    expect(result.to).toEqual({ period: "2022", value: 6 });
    expect(result.years).toBe(3);
    // (6 / 3)^(1/3) - 1 = 2^(1/3) - 1.
    expect(result.annualisedRate).toBeCloseTo(Math.cbrt(2) - 1, 12);
  });

  test("trend(points, options) from a zero baseline leaves the relative change and rate undefined", () => {
    const result = trend(series(2020, [0, 3]), { polarity: 1 });
    expect(result.change).toBe(3);
    expect(result.relativeChange).toBeUndefined();
    expect(result.annualisedRate).toBeUndefined();
    expect(result.direction).toBe("improving");
    expect(trend(series(2020, [0, 0]), { polarity: 1 }).direction).toBe("no change");
  });

  test("trend(points, options) on a constant series is no change", () => {
    const result = trend(series(2015, [4, 4, 4, 4]), { polarity: 1 });
    expect(result.change).toBe(0);
    expect(result.relativeChange).toBe(0);
    expect(result.annualisedRate).toBe(0);
    expect(result.direction).toBe("no change");
  });

  test("trend(points, options) calls a relative change under half of one per cent no change", () => {
    // 600 to 602.9: 2.9 / 600 = 0.48% < 0.5%; to 603.1: 0.52%.
    expect(trend(series(2020, [600, 602.9]), { polarity: 1 }).direction).toBe("no change");
    expect(trend(series(2020, [600, 603.1]), { polarity: 1 }).direction).toBe("improving");
    expect(trend(series(2020, [600, 597.1]), { polarity: 1 }).direction).toBe("no change");
    expect(trend(series(2020, [600, 602.9]), { polarity: 1, tolerance: 0 }).direction).toBe(
      "improving",
    );
  });

  test("trend(points, {polarity: 0}) calls any change not applicable", () => {
    expect(trend(series(2020, [100, 150]), { polarity: 0 }).direction).toBe("not applicable");
    expect(trend(series(2020, [100, 100]), { polarity: 0 }).direction).toBe("not applicable");
    expect(trend(series(2020, [100]), { polarity: 0 }).direction).toBe("unknown");
  });

  test("trend(points, options) reversing the polarity flips improving and worsening", () => {
    const cases = [
      [10, 12],
      [12, 10],
      [10, 10],
      [-4, -2],
      [0, 1],
      [5, 5.01],
    ] as const;
    const flipped = { improving: "worsening", worsening: "improving" } as Record<string, string>;
    for (const [from, to] of cases) {
      const up = trend(series(2020, [from, to]), { polarity: 1 }).direction;
      const down = trend(series(2020, [from, to]), { polarity: -1 }).direction;
      expect(down).toBe(flipped[up] ?? up);
    }
  });

  test("trend(points, {target}) is signed so that positive is still to go in the good direction", () => {
    // Higher is better: pay £600 against a target of £650 leaves £50 to go.
    const pay = trend(series(2020, [580, 600]), { polarity: 1, target: 650 });
    expect(pay.distanceToTarget).toBe(50);
    expect(pay.targetMet).toBe(false);
    // Lower is better: unemployment 3.5% against a target of 4% is 0.5 point past it.
    const unemployment = trend(series(2020, [4.5, 3.5]), { polarity: -1, target: 4 });
    expect(unemployment.distanceToTarget).toBe(-0.5);
    expect(unemployment.targetMet).toBe(true);
    // Exactly on the target counts as met.
    const onTarget = trend(series(2020, [4.5, 4]), { polarity: -1, target: 4 });
    expect(onTarget.distanceToTarget).toBe(0);
    expect(Object.is(onTarget.distanceToTarget, -0)).toBe(false);
    expect(onTarget.targetMet).toBe(true);
  });

  test("trend(points, {polarity: 0, target}) gives the absolute distance and meets within the tolerance", () => {
    const far = trend(series(2020, [90, 95]), { polarity: 0, target: 100 });
    expect(far.distanceToTarget).toBe(5);
    expect(far.targetMet).toBe(false);
    // 99.6 is 0.4% from 100, within the default 0.5%.
    expect(trend(series(2020, [90, 99.6]), { polarity: 0, target: 100 }).targetMet).toBe(true);
  });

  test("trend(points, options) reads financial years and quarters for the annual rate", () => {
    // 2019-20 to 2022-23 is 3 years: (133.1 / 100)^(1/3) - 1 = 10%.
    const financial = trend(
      [
        { period: "2019-20", value: 100 },
        { period: "2022-23", value: 133.1 },
      ],
      { polarity: 1 },
    );
    expect(financial.years).toBe(3);
    expect(financial.annualisedRate).toBeCloseTo(0.1, 12);
    // 2022-Q1 to 2023-Q3 is 1.5 years: (121 / 100)^(1/1.5) - 1.
    const quarters = trend(
      [
        { period: "2022-Q1", value: 100 },
        { period: "2023 Q3", value: 121 },
      ],
      { polarity: 1 },
    );
    expect(quarters.years).toBe(1.5);
    expect(quarters.annualisedRate).toBeCloseTo(Math.pow(1.21, 1 / 1.5) - 1, 12);
  });

  test("trend(points, options) leaves the annual rate undefined for periods it cannot read as years", () => {
    const mixed = trend(
      [
        { period: "2019", value: 100 },
        { period: "2022-23", value: 120 },
      ],
      { polarity: 1 },
    );
    expect(mixed.years).toBeUndefined();
    expect(mixed.annualisedRate).toBeUndefined();
    expect(mixed.change).toBe(20);
    const named = trend(
      [
        { period: "wave 1", value: 100 },
        { period: "wave 2", value: 120 },
      ],
      { polarity: 1 },
    );
    expect(named.annualisedRate).toBeUndefined();
    // Not a financial year: 2019-22 is neither a year pair nor a quarter.
    const odd = trend(
      [
        { period: "2019-22", value: 100 },
        { period: "2020-23", value: 120 },
      ],
      { polarity: 1 },
    );
    expect(odd.years).toBeUndefined();
  });

  test("trend(points, options) leaves the annual rate undefined for negative or zero values", () => {
    const result = trend(series(2020, [-10, -5]), { polarity: 1 });
    expect(result.relativeChange).toBeCloseTo(0.5, 12);
    expect(result.annualisedRate).toBeUndefined();
    expect(result.direction).toBe("improving");
  });

  test("trend(points, options) throws on a bad span, target, polarity or tolerance", () => {
    const points = series(2020, [1, 2]);
    expect(() => trend(points, { polarity: 1, span: 0 })).toThrow(RangeError);
    expect(() => trend(points, { polarity: 1, span: 1.5 })).toThrow(RangeError);
    expect(() => trend(points, { polarity: 1, target: Number.NaN })).toThrow(RangeError);
    expect(() => trend(points, { polarity: 2 as 1 })).toThrow(RangeError);
    expect(() => trend(points, { polarity: 1, tolerance: -0.1 })).toThrow(RangeError);
  });
});
