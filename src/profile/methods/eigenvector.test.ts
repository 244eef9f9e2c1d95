import { describe, expect, test } from "vitest";
import { eigenvector } from "./eigenvector.js";

/** `output = A input` for a dense symmetric matrix given by rows. */
const dense =
  (rows: number[][]) =>
  (input: Float64Array, output: Float64Array): void => {
    rows.forEach((row, i) => {
      output[i] = row.reduce((sum, value, j) => sum + value * input[j]!, 0);
    });
  };

describe("eigenvector", () => {
  test("eigenvector(apply) finds the leading eigenpair of a small symmetric matrix", () => {
    // [[2, 1], [1, 2]]: eigenvalues 3 (vector (1, 1)/sqrt 2) and 1.
    const result = eigenvector(
      dense([
        [2, 1],
        [1, 2],
      ]),
      2,
    );
    expect(result.converged).toBe(true);
    expect(result.value).toBeCloseTo(3, 14);
    expect(Math.abs(result.vector[0]!)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(result.vector[0]! * result.vector[1]!).toBeGreaterThan(0);
  });

  test("eigenvector(apply, { deflate }) finds the second eigenpair", () => {
    // A = Q diag(5, 4, 2, 1) Q' with Q a rotation: with Q's first column deflated, 4 leads.
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const q = [
      [c, -s, 0, 0],
      [s, c, 0, 0],
      [0, 0, c, -s],
      [0, 0, s, c],
    ];
    const values = [5, 4, 2, 1];
    const rows = q.map((_, i) =>
      q.map((__, j) => values.reduce((sum, value, k) => sum + q[i]![k]! * value * q[j]![k]!, 0)),
    );
    const top = Float64Array.from(q.map((row) => row[0]!));
    const result = eigenvector(dense(rows), 4, { deflate: [top] });
    expect(result.value).toBeCloseTo(4, 12);
    const second = q.map((row) => row[1]!);
    const overlap = second.reduce((sum, value, i) => sum + value * result.vector[i]!, 0);
    expect(Math.abs(overlap)).toBeCloseTo(1, 12);
    expect(result.residual).toBeLessThan(1e-11);
  });

  test("eigenvector(apply) converges on a diagonal matrix of 300 with a small gap, restarting", () => {
    const size = 300;
    const diagonal = Float64Array.from({ length: size }, (_, i) => 1 - i / size);
    const apply = (input: Float64Array, output: Float64Array): void => {
      for (let i = 0; i < size; i++) output[i] = diagonal[i]! * input[i]!;
    };
    const result = eigenvector(apply, size, { basisSize: 20, tolerance: 1e-10 });
    expect(result.converged).toBe(true);
    expect(result.value).toBeCloseTo(1, 10);
    expect(Math.abs(result.vector[0]!)).toBeCloseTo(1, 6);
  });

  test("eigenvector(apply) reports failure to converge within the cap", () => {
    const size = 300;
    const apply = (input: Float64Array, output: Float64Array): void => {
      for (let i = 0; i < size; i++) output[i] = (1 - i / size) * input[i]!;
    };
    const result = eigenvector(apply, size, { basisSize: 3, maxIterations: 5 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBeLessThanOrEqual(6);
  });

  test("eigenvector(apply) handles size 0, a zero operator and everything deflated", () => {
    expect(eigenvector(() => {}, 0).vector.length).toBe(0);
    const zero = eigenvector(() => {}, 3);
    expect(zero.value).toBe(0);
    const all = eigenvector(dense([[1]]), 1, { deflate: [Float64Array.of(1)] });
    expect(all.value).toBeNaN();
  });

  test("eigenvector(apply) rejects bad options", () => {
    expect(() => eigenvector(() => {}, -1)).toThrow(RangeError);
    expect(() => eigenvector(() => {}, 2, { tolerance: 0 })).toThrow(/tolerance/);
    expect(() => eigenvector(() => {}, 2, { maxIterations: 0 })).toThrow(/maxIterations/);
    expect(() => eigenvector(() => {}, 2, { deflate: [new Float64Array(3)] })).toThrow(/length 2/);
  });
});
