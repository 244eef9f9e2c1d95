import { describe, expect, test } from "vitest";
import { uniformStream } from "../../../test/helpers/random.js";
import { similarPlaces, standardise } from "./similarPlaces.js";

/** A missing value. */
const missing = Number.NaN;

function randomFeatures(places: number, variables: number, seed: number, missingShare = 0) {
  const next = uniformStream(seed);
  const features = new Float64Array(places * variables);
  for (let at = 0; at < features.length; at++) {
    features[at] = next() < missingShare ? missing : (next() - 0.5) * 1000 * ((at % variables) + 1);
  }
  return features;
}

// Three places by two variables: A (1, 10), B (2, 20), C (3, 60).
// Variable 1: mean 2, population variance (1 + 0 + 1) / 3 = 2/3.
// Variable 2: mean 30, population variance (400 + 100 + 900) / 3 = 1400/3.
// Squared standardised differences: A-B 1/(2/3) + 100/(1400/3) = 3/2 + 3/14 = 12/7;
// A-C 4/(2/3) + 2500/(1400/3) = 6 + 75/14 = 159/14; B-C 3/2 + 1600/(1400/3) = 3/2 + 24/7 = 69/14.
const worked = new Float64Array([1, 10, 2, 20, 3, 60]);

describe("standardise", () => {
  test("standardise(features, variableCount) gives z-scores with the population standard deviation", () => {
    const { values, means, deviations } = standardise(worked, 2);
    expect(Array.from(means)).toEqual([2, 30]);
    expect(deviations[0]).toBeCloseTo(Math.sqrt(2 / 3), 14);
    expect(deviations[1]).toBeCloseTo(Math.sqrt(1400 / 3), 12);
    const expected = [
      -1 / Math.sqrt(2 / 3),
      -20 / Math.sqrt(1400 / 3),
      0,
      -10 / Math.sqrt(1400 / 3),
      1 / Math.sqrt(2 / 3),
      30 / Math.sqrt(1400 / 3),
    ];
    expected.forEach((value, at) => expect(values[at]).toBeCloseTo(value, 12));
  });

  test("standardise(features, variableCount) gives 0 for a constant variable and NaN for one no place has", () => {
    const features = new Float64Array([0.1, missing, 5, 0.1, missing, 7, 0.1, missing, missing]);
    const { values, means, deviations } = standardise(features, 3);
    expect([values[0], values[3], values[6]]).toEqual([0, 0, 0]);
    expect(means[0]).toBe(0.1);
    expect(deviations[0]).toBe(0);
    expect(Number.isNaN(means[1])).toBe(true);
    expect(Number.isNaN(deviations[1])).toBe(true);
    expect([values[1], values[4], values[7]].every(Number.isNaN)).toBe(true);
    // Variable 3 skips the missing value: 5 and 7 give z-scores -1 and 1.
    expect([values[2], values[5]]).toEqual([-1, 1]);
    expect(Number.isNaN(values[8])).toBe(true);
  });

  test("standardise(features, variableCount) gives 0 for a variable only one place has", () => {
    const { values, deviations } = standardise(new Float64Array([missing, 42, missing]), 1);
    expect(values[1]).toBe(0);
    expect(deviations[0]).toBe(0);
  });

  test("standardise(features, variableCount) treats ±Infinity as missing", () => {
    const { values } = standardise(new Float64Array([1, Infinity, 3, -Infinity]), 1);
    expect(values[0]).toBe(-1);
    expect(values[2]).toBe(1);
    expect(Number.isNaN(values[1]) && Number.isNaN(values[3])).toBe(true);
  });

  test("standardise(features, variableCount) keeps its precision for large values with a small spread", () => {
    const { values, means, deviations } = standardise(
      new Float64Array([1e9 + 1, 1e9 + 2, 1e9 + 3]),
      1,
    );
    expect(means[0]).toBe(1e9 + 2);
    expect(deviations[0]).toBeCloseTo(Math.sqrt(2 / 3), 9);
    expect(values[1]).toBe(0);
  });

  test("standardise(empty, variableCount) returns empty arrays of z-scores", () => {
    const { values, means } = standardise(new Float64Array(0), 2);
    expect(values.length).toBe(0);
    expect(means.length).toBe(2);
  });

  test("standardise(features, variableCount) throws on a bad shape", () => {
    expect(() => standardise(new Float64Array(5), 2)).toThrow(RangeError);
    expect(() => standardise(new Float64Array(4), 0)).toThrow(RangeError);
  });
});

describe("similarPlaces", () => {
  test("similarPlaces(features, 2, place) follows the worked example", () => {
    const fromA = similarPlaces(worked, 2, 0);
    expect(fromA.map((neighbour) => neighbour.index)).toEqual([1, 2]);
    expect(fromA[0]?.distance).toBeCloseTo(Math.sqrt(12 / 7), 12);
    expect(fromA[1]?.distance).toBeCloseTo(Math.sqrt(159 / 14), 12);
    expect(fromA[0]?.shared).toBe(2);
    // B minus A in standard deviations: 1 / sqrt(2/3) and 10 / sqrt(1400/3).
    expect(fromA[0]?.differences[0]).toBeCloseTo(1 / Math.sqrt(2 / 3), 12);
    expect(fromA[0]?.differences[1]).toBeCloseTo(10 / Math.sqrt(1400 / 3), 12);
    const fromC = similarPlaces(worked, 2, 2);
    expect(fromC.map((neighbour) => neighbour.index)).toEqual([1, 0]);
    expect(fromC[0]?.distance).toBeCloseTo(Math.sqrt(69 / 14), 12);
  });

  test("similarPlaces(features, 2, place, {weights}) weights the squared differences", () => {
    // Weights 1 and 3: A-B squared distance 3/2 + 3 × 3/14 = 30/14.
    const fromA = similarPlaces(worked, 2, 0, { weights: [1, 3] });
    expect(fromA[0]?.distance).toBeCloseTo(Math.sqrt(30 / 14), 12);
    // A weight of 0 leaves variable 2 out: on variable 1 alone B is one step of 1 / sqrt(2/3)
    // from A and C two, so B stays nearest, at sqrt(3/2).
    const withoutSecond = similarPlaces(worked, 2, 0, { weights: [1, 0] });
    expect(withoutSecond[0]?.distance).toBeCloseTo(Math.sqrt(3 / 2), 12);
    expect(withoutSecond[0]?.shared).toBe(1);
    // The differences stay unweighted and still show variable 2.
    expect(withoutSecond[0]?.differences[1]).toBeCloseTo(10 / Math.sqrt(1400 / 3), 12);
  });

  test("similarPlaces(features, variableCount, place) rescales the distance for missing variables", () => {
    // Add D (2, missing). Variable 1 over four places: mean 2, variance (1 + 0 + 1 + 0) / 4
    // = 1/2. A-D shares only variable 1: (√2)² = 2, scaled by 2 variables / 1 used = 4, so 2.
    // A-B: 2 + 3/14 = 31/14, about 1.488, so B is still nearer than D.
    const features = new Float64Array([1, 10, 2, 20, 3, 60, 2, missing]);
    const fromA = similarPlaces(features, 2, 0);
    expect(fromA.map((neighbour) => neighbour.index)).toEqual([1, 3, 2]);
    expect(fromA[0]?.distance).toBeCloseTo(Math.sqrt(31 / 14), 12);
    expect(fromA[1]?.distance).toBeCloseTo(2, 12);
    expect(fromA[1]?.shared).toBe(1);
    expect(Number.isNaN(fromA[1]?.differences[1])).toBe(true);
    // Requiring both variables leaves D out.
    const strict = similarPlaces(features, 2, 0, { minimumShared: 2 });
    expect(strict.map((neighbour) => neighbour.index)).toEqual([1, 2]);
  });

  test("similarPlaces(features, variableCount, place) breaks ties in distance by index", () => {
    // A at 0, with places at +1 and -1 on the one variable: equally far.
    expect(similarPlaces(new Float64Array([0, 1, -1]), 1, 0).map((n) => n.index)).toEqual([1, 2]);
    expect(similarPlaces(new Float64Array([0, -1, 1]), 1, 0).map((n) => n.index)).toEqual([1, 2]);
    // Identical places are at distance 0 and come in index order.
    const twins = similarPlaces(new Float64Array([5, 5, 9, 5]), 1, 3);
    expect(twins.map((n) => [n.index, n.distance])).toEqual([
      [0, 0],
      [1, 0],
      [2, expect.any(Number)],
    ]);
  });

  test("similarPlaces(features, variableCount, place) for a place with every variable missing is empty", () => {
    const features = new Float64Array([1, 10, missing, missing, 3, 60]);
    expect(similarPlaces(features, 2, 1)).toEqual([]);
    // The others never list it either.
    expect(similarPlaces(features, 2, 0).map((n) => n.index)).toEqual([2]);
  });

  test("similarPlaces(features, variableCount, 0) with a single place is empty", () => {
    expect(similarPlaces(new Float64Array([1, 2, 3]), 3, 0)).toEqual([]);
  });

  test("similarPlaces(features, variableCount, place, {k}) larger than the places returns all the others", () => {
    const features = randomFeatures(6, 3, 1);
    expect(similarPlaces(features, 3, 2, { k: 50 })).toHaveLength(5);
    expect(similarPlaces(features, 3, 2, { k: Infinity })).toHaveLength(5);
    expect(similarPlaces(features, 3, 2, { k: 0 })).toEqual([]);
    expect(similarPlaces(randomFeatures(30, 3, 2), 3, 2)).toHaveLength(10);
  });

  test("similarPlaces(features, variableCount, place) on a constant variable ignores it", () => {
    // Variable 2 is constant, so only variable 1 separates the places.
    const features = new Float64Array([1, 7, 2, 7, 4, 7]);
    const onlyFirst = new Float64Array([1, 2, 4]);
    const withConstant = similarPlaces(features, 2, 0);
    const without = similarPlaces(onlyFirst, 1, 0);
    expect(withConstant.map((n) => n.index)).toEqual(without.map((n) => n.index));
    // Same sum of squares, scaled by 2 variables over 2 shared: identical distances × 1.
    withConstant.forEach((neighbour, at) => {
      expect(neighbour.distance).toBeCloseTo(without[at]?.distance as number, 12);
      expect(neighbour.differences[1]).toBe(0);
    });
  });

  test("similarPlaces(features, variableCount, place) gives symmetric distances", () => {
    const variables = 4;
    const places = 25;
    const features = randomFeatures(places, variables, 7, 0.15);
    const distances = new Map<string, number>();
    for (let place = 0; place < places; place++) {
      for (const neighbour of similarPlaces(features, variables, place, { k: Infinity })) {
        distances.set(`${place}-${neighbour.index}`, neighbour.distance);
      }
    }
    expect(distances.size).toBeGreaterThan(0);
    for (const [key, distance] of distances) {
      const [a, b] = key.split("-");
      expect(distances.get(`${b}-${a}`)).toBe(distance);
    }
  });

  test("similarPlaces(features, variableCount, place) never lists the place itself", () => {
    const features = randomFeatures(40, 5, 11, 0.1);
    for (let place = 0; place < 40; place++) {
      const neighbours = similarPlaces(features, 5, place, { k: Infinity, minimumShared: 1 });
      expect(neighbours.some((neighbour) => neighbour.index === place)).toBe(false);
      // Nearest first, ties by index.
      for (let at = 1; at < neighbours.length; at++) {
        const before = neighbours[at - 1] as (typeof neighbours)[number];
        const after = neighbours[at] as (typeof neighbours)[number];
        expect(
          before.distance < after.distance ||
            (before.distance === after.distance && before.index < after.index),
        ).toBe(true);
      }
    }
  });

  test("similarPlaces(features, variableCount, place) does not change when a variable is rescaled by a positive constant", () => {
    const variables = 3;
    const features = randomFeatures(30, variables, 3, 0.1);
    const rescaled = features.map((value, at) =>
      at % variables === 1 ? value * 1234.5 + 99 : value,
    );
    for (const place of [0, 7, 29]) {
      const before = similarPlaces(features, variables, place);
      const after = similarPlaces(rescaled, variables, place);
      expect(after.map((n) => n.index)).toEqual(before.map((n) => n.index));
      after.forEach((neighbour, at) =>
        expect(neighbour.distance).toBeCloseTo(before[at]?.distance as number, 9),
      );
    }
  });

  test("similarPlaces(features, variableCount, place, options) throws on bad arguments", () => {
    const features = new Float64Array([1, 2, 3, 4]);
    expect(() => similarPlaces(features, 2, 2)).toThrow(RangeError);
    expect(() => similarPlaces(features, 2, -1)).toThrow(RangeError);
    expect(() => similarPlaces(features, 3, 0)).toThrow(RangeError);
    expect(() => similarPlaces(features, 2, 0, { k: -1 })).toThrow(RangeError);
    expect(() => similarPlaces(features, 2, 0, { k: 1.5 })).toThrow(RangeError);
    expect(() => similarPlaces(features, 2, 0, { weights: [1] })).toThrow(RangeError);
    expect(() => similarPlaces(features, 2, 0, { weights: [1, -1] })).toThrow(RangeError);
    expect(() => similarPlaces(features, 2, 0, { weights: [0, 0] })).toThrow(RangeError);
    expect(() => similarPlaces(features, 2, 0, { weights: [1, missing] })).toThrow(RangeError);
    expect(() => similarPlaces(features, 2, 0, { minimumShared: 0 })).toThrow(RangeError);
    expect(() => similarPlaces(features, 2, 0, { minimumShared: 3 })).toThrow(RangeError);
    expect(() => similarPlaces(features, 2, 0, { weights: [1, 0], minimumShared: 2 })).toThrow(
      RangeError,
    );
  });
});
