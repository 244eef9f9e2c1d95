import { describe, expect, test } from "vitest";
import { uniformStream } from "../../../test/helpers/random.js";
import { locationQuotient, locationQuotientMatrix, locationQuotients } from "./locationQuotient.js";

describe("locationQuotient", () => {
  test("locationQuotient(local, localTotal, national, nationalTotal) is the ratio of the shares", () => {
    // The place has 20 of its 100 jobs in the industry (20%); the nation 1,000 of 10,000 (10%):
    // LQ = 0.2 / 0.1 = 2.
    expect(locationQuotient(20, 100, 1000, 10_000)).toBe(2);
    // 30 of 100 (30%) against 6,000 of 10,000 (60%): LQ = 0.3 / 0.6 = 0.5.
    expect(locationQuotient(30, 100, 6000, 10_000)).toBe(0.5);
  });

  test("locationQuotient(0, localTotal, national, nationalTotal) is 0, an observed absence", () => {
    expect(locationQuotient(0, 100, 1000, 10_000)).toBe(0);
  });

  test("locationQuotient(local, national) returns undefined when the national total is zero", () => {
    expect(locationQuotient(20, 100, 0, 0)).toBeUndefined();
    expect(locationQuotient(20, 100, 1000, 0)).toBeUndefined();
  });

  test("locationQuotient(local, national) returns undefined when the industry has no national employment", () => {
    expect(locationQuotient(20, 100, 0, 10_000)).toBeUndefined();
  });

  test("locationQuotient(local, national) returns undefined when the place has no employment", () => {
    expect(locationQuotient(0, 0, 1000, 10_000)).toBeUndefined();
  });

  test("locationQuotient(missing, ...) returns undefined for null, undefined, NaN and Infinity", () => {
    expect(locationQuotient(null, 100, 1000, 10_000)).toBeUndefined();
    expect(locationQuotient(20, undefined, 1000, 10_000)).toBeUndefined();
    expect(locationQuotient(20, 100, Number.NaN, 10_000)).toBeUndefined();
    expect(locationQuotient(20, 100, 1000, Infinity)).toBeUndefined();
  });

  test("locationQuotient(negative, ...) throws a RangeError", () => {
    expect(() => locationQuotient(-1, 100, 1000, 10_000)).toThrow(RangeError);
    expect(() => locationQuotient(1, 100, 1000, -10_000)).toThrow(RangeError);
  });
});

describe("locationQuotients", () => {
  test("locationQuotients(local, national) works a three-industry example by hand", () => {
    // Place 20, 30, 50 (total 100): shares 0.2, 0.3, 0.5.
    // Nation 1,000, 6,000, 3,000 (total 10,000): shares 0.1, 0.6, 0.3.
    // LQs 0.2/0.1 = 2, 0.3/0.6 = 0.5, 0.5/0.3 = 5/3.
    const result = locationQuotients([20, 30, 50], [1000, 6000, 3000]);
    expect(result).toBeInstanceOf(Float64Array);
    expect(result[0]).toBeCloseTo(2, 14);
    expect(result[1]).toBeCloseTo(0.5, 14);
    expect(result[2]).toBeCloseTo(5 / 3, 14);
  });

  test("locationQuotients(place, benchmark) are all 1 when the place has the benchmark's structure", () => {
    const random = uniformStream(8);
    for (let trial = 0; trial < 20; trial += 1) {
      const benchmark = Array.from({ length: 30 }, () => Math.round(random() * 10_000));
      const factor = 0.001 + random() * 0.2;
      const place = benchmark.map((value) => value * factor);
      const result = locationQuotients(place, benchmark);
      benchmark.forEach((value, industry) => {
        if (value > 0) expect(result[industry]).toBeCloseTo(1, 12);
        else expect(result[industry]).toBeNaN();
      });
    }
  });

  test("locationQuotients(place, benchmark) do not change when the place's employment is scaled", () => {
    const random = uniformStream(20);
    const benchmark = Array.from({ length: 25 }, () => 1 + Math.round(random() * 5000));
    const place = Array.from({ length: 25 }, () => Math.round(random() * 300));
    const base = locationQuotients(place, benchmark);
    for (const factor of [0.5, 3, 1e6, 1 / 7]) {
      const scaled = locationQuotients(
        place.map((value) => value * factor),
        benchmark,
      );
      base.forEach((value, industry) => expect(scaled[industry]).toBeCloseTo(value, 12));
    }
  });

  test("locationQuotients(local, national) leave out an industry either side is missing from both totals", () => {
    // Industry 1 is suppressed in the place. Over industries 0 and 2 the place has 20 + 50 = 70
    // jobs and the nation 1,000 + 3,000 = 4,000: LQs (20/70)/(1000/4000) = 8/7 and
    // (50/70)/(3000/4000) = 20/21.
    const result = locationQuotients([20, null, 50], [1000, 6000, 3000]);
    expect(result[0]).toBeCloseTo(8 / 7, 14);
    expect(result[1]).toBeNaN();
    expect(result[2]).toBeCloseTo(20 / 21, 14);
    // The same structure with a cell missing on either side still gives exactly 1s.
    const same = locationQuotients([1, Number.NaN, 3, 4], [10, 20, undefined, 40]);
    expect(Array.from(same)).toEqual([1, Number.NaN, Number.NaN, 1]);
  });

  test("locationQuotients(local, national) is NaN for an industry with no national employment", () => {
    // Industry 1 holds half the place's jobs (5 of 10) and all the nation's: LQ 0.5 / 1 = 0.5.
    const result = locationQuotients([5, 5], [0, 10]);
    expect(result[0]).toBeNaN();
    expect(result[1]).toBe(0.5);
  });

  test("locationQuotients(zeros, national) are all NaN: a place with no employment has no shares", () => {
    expect(Array.from(locationQuotients([0, 0], [1, 2]))).toEqual([Number.NaN, Number.NaN]);
    expect(Array.from(locationQuotients([null, Number.NaN], [1, 2]))).toEqual([
      Number.NaN,
      Number.NaN,
    ]);
  });

  test("locationQuotients([], []) is empty", () => {
    expect(locationQuotients([], [])).toHaveLength(0);
  });

  test("locationQuotients(one industry) is 1 where the place has employment", () => {
    expect(Array.from(locationQuotients([7], [1000]))).toEqual([1]);
  });

  test("locationQuotients(local, national) throws a RangeError when the lengths differ or a value is negative", () => {
    expect(() => locationQuotients([1, 2], [1])).toThrow(RangeError);
    expect(() => locationQuotients([1, -2], [1, 2])).toThrow(RangeError);
  });
});

describe("locationQuotientMatrix", () => {
  // Four places by three industries:
  //        ind 0  ind 1  ind 2  total
  //   A      10     20     70    100
  //   B      30     30     40    100
  //   C       0     50     50    100
  //   D      60      0    140    200
  //   sum   100    100    300    500   benchmark shares 0.2, 0.2, 0.6
  const employment = Float64Array.from([10, 20, 70, 30, 30, 40, 0, 50, 50, 60, 0, 140]);

  test("locationQuotientMatrix(employment, 4, 3) works the 4 x 3 example by hand against the column sums", () => {
    // A: 0.1/0.2 = 0.5, 0.2/0.2 = 1,   0.7/0.6 = 7/6
    // B: 0.3/0.2 = 1.5, 0.3/0.2 = 1.5, 0.4/0.6 = 2/3
    // C: 0/0.2 = 0,     0.5/0.2 = 2.5, 0.5/0.6 = 5/6
    // D: 0.3/0.2 = 1.5, 0/0.2 = 0,     0.7/0.6 = 7/6
    const expected = [0.5, 1, 7 / 6, 1.5, 1.5, 2 / 3, 0, 2.5, 5 / 6, 1.5, 0, 7 / 6];
    const result = locationQuotientMatrix(employment, 4, 3);
    expect(result).toHaveLength(12);
    expected.forEach((value, cell) => expect(result[cell]).toBeCloseTo(value, 14));
  });

  test("locationQuotientMatrix(employment, 4, 3, benchmark) compares with the benchmark given", () => {
    // Against a nation with shares 0.5, 0.25, 0.25: A = 0.1/0.5, 0.2/0.25, 0.7/0.25.
    const result = locationQuotientMatrix(employment, 4, 3, [2000, 1000, 1000]);
    expect(result[0]).toBeCloseTo(0.2, 14);
    expect(result[1]).toBeCloseTo(0.8, 14);
    expect(result[2]).toBeCloseTo(2.8, 14);
  });

  test("locationQuotientMatrix(employment) matches locationQuotients row by row", () => {
    const random = uniformStream(4);
    const places = 12;
    const industries = 9;
    const matrix = Float64Array.from({ length: places * industries }, () =>
      random() < 0.3 ? 0 : Math.round(random() * 1000),
    );
    const benchmark = Array.from({ length: industries }, () => 1 + Math.round(random() * 9000));
    const result = locationQuotientMatrix(matrix, places, industries, benchmark);
    for (let place = 0; place < places; place += 1) {
      const row = locationQuotients(
        matrix.subarray(place * industries, (place + 1) * industries),
        benchmark,
      );
      row.forEach((value, industry) => expect(result[place * industries + industry]).toBe(value));
    }
  });

  test("locationQuotientMatrix(employment) averages to 1 for each industry, weighted by the places' employment", () => {
    // sum_p LQ_pi E_p / E = sum_p (x_pi / E_p)(E / X_i) E_p / E = sum_p x_pi / X_i = 1.
    const random = uniformStream(11);
    const places = 20;
    const industries = 15;
    const matrix = Float64Array.from({ length: places * industries }, () =>
      Math.round(random() * 500),
    );
    const result = locationQuotientMatrix(matrix, places, industries);
    const totals = Array.from({ length: places }, (_, place) =>
      matrix.subarray(place * industries, (place + 1) * industries).reduce((a, b) => a + b, 0),
    );
    const grand = totals.reduce((a, b) => a + b, 0);
    for (let industry = 0; industry < industries; industry += 1) {
      let average = 0;
      for (let place = 0; place < places; place += 1) {
        average += (result[place * industries + industry]! * totals[place]!) / grand;
      }
      expect(average).toBeCloseTo(1, 12);
    }
  });

  test("locationQuotientMatrix(one place) is 1 wherever it has employment, against itself", () => {
    const result = locationQuotientMatrix(Float64Array.from([5, 0, 10]), 1, 3);
    expect(Array.from(result)).toEqual([1, Number.NaN, 1]);
  });

  test("locationQuotientMatrix(one industry) is 1 for every place with employment", () => {
    const result = locationQuotientMatrix(Float64Array.from([5, 0, 10]), 3, 1);
    expect(Array.from(result)).toEqual([1, Number.NaN, 1]);
  });

  test("locationQuotientMatrix(employment) is NaN for missing cells, empty places and industries nobody has", () => {
    // Row 1 has no employment; column 2 has no value anywhere.
    const matrix = Float64Array.from([
      4,
      Number.NaN,
      Number.NaN,
      0,
      0,
      Number.NaN,
      6,
      10,
      Number.NaN,
    ]);
    const result = locationQuotientMatrix(matrix, 3, 3);
    // Benchmark over industries 0 and 1: 10 and 10. Place 0 has only industry 0 observed
    // (pairwise totals 4 and 10), so its LQ there is (4/4)/(10/10) = 1.
    expect(result[0]).toBe(1);
    expect(result[1]).toBeNaN();
    expect(result[2]).toBeNaN();
    expect(Array.from(result.subarray(3, 6))).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    // Place 2: 6 and 10 of 16 against 10 and 10 of 20: 0.75 and 1.25.
    expect(result[6]).toBeCloseTo(0.75, 14);
    expect(result[7]).toBeCloseTo(1.25, 14);
    expect(result[8]).toBeNaN();
  });

  test("locationQuotientMatrix(empty) is empty", () => {
    expect(locationQuotientMatrix(new Float64Array(0), 0, 0)).toHaveLength(0);
    expect(locationQuotientMatrix(new Float64Array(0), 0, 4)).toHaveLength(0);
    expect(locationQuotientMatrix(new Float64Array(0), 3, 0)).toHaveLength(0);
  });

  test("locationQuotientMatrix(employment) throws a RangeError for bad sizes or a negative cell", () => {
    expect(() => locationQuotientMatrix(employment, 4, 4)).toThrow(RangeError);
    expect(() => locationQuotientMatrix(employment, 2.5, 3)).toThrow(RangeError);
    expect(() => locationQuotientMatrix(employment, 4, 3, [1, 2])).toThrow(RangeError);
    expect(() => locationQuotientMatrix(Float64Array.from([1, -1]), 1, 2)).toThrow(/cell 1/);
  });
});
