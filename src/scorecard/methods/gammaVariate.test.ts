import { describe, expect, test } from "vitest";
import { Random } from "../../demo/random.js";
import { dirichletVariate, gammaVariate } from "./gammaVariate.js";

describe("gammaVariate", () => {
  test("gammaVariate(random, shape) has mean and variance equal to the shape", () => {
    // Gamma(a, 1) has mean a and variance a; with 40,000 draws the standard error of the mean
    // is sqrt(a / 40000), under 0.01 for these shapes.
    for (const shape of [0.3, 1, 3.7, 25]) {
      const random = new Random(1234);
      const draws = Array.from({ length: 40_000 }, () => gammaVariate(random, shape));
      const mean = draws.reduce((sum, draw) => sum + draw, 0) / draws.length;
      const variance =
        draws.reduce((sum, draw) => sum + (draw - mean) ** 2, 0) / (draws.length - 1);
      expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / draws.length));
      expect(variance / shape).toBeGreaterThan(0.95);
      expect(variance / shape).toBeLessThan(1.05);
      expect(draws.every((draw) => draw >= 0)).toBe(true);
    }
  });

  test("gammaVariate(random, 0) is 0", () => {
    expect(gammaVariate(new Random(1), 0)).toBe(0);
  });

  test("gammaVariate(random, negative shape) throws", () => {
    expect(() => gammaVariate(new Random(1), -1)).toThrow(RangeError);
  });

  test("gammaVariate(random, shape) is the same for the same seed", () => {
    const first = new Random(9);
    const second = new Random(9);
    expect(gammaVariate(first, 2.5)).toBe(gammaVariate(second, 2.5));
  });
});

describe("dirichletVariate", () => {
  test("dirichletVariate(random, alphas) sums to 1 with mean alpha_i / sum(alpha)", () => {
    const random = new Random(77);
    const alphas = [2, 6, 12];
    const means = [0, 0, 0];
    const draws = 20_000;
    for (let draw = 0; draw < draws; draw += 1) {
      const deviate = dirichletVariate(random, alphas);
      expect(deviate.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
      deviate.forEach((share, index) => (means[index]! += share / draws));
    }
    expect(means[0]).toBeCloseTo(0.1, 2);
    expect(means[1]).toBeCloseTo(0.3, 2);
    expect(means[2]).toBeCloseTo(0.6, 2);
  });

  test("dirichletVariate(random, alphas with a zero) gives that component 0", () => {
    const deviate = dirichletVariate(new Random(4), [0, 1, 1]);
    expect(deviate[0]).toBe(0);
    expect(deviate[1]! + deviate[2]!).toBeCloseTo(1, 12);
  });

  test("dirichletVariate(random, tiny alphas) still sums to 1", () => {
    const deviate = dirichletVariate(new Random(4), [1e-4, 1e-4, 1e-4]);
    expect(deviate.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
  });

  test("dirichletVariate(random, all zero) throws", () => {
    expect(() => dirichletVariate(new Random(4), [0, 0])).toThrow(/positive/);
  });
});
