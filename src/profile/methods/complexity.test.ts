import { describe, expect, test } from "vitest";
import { uniformStream } from "../../../test/helpers/random.js";
import { complexity, type ComplexityResult } from "./complexity.js";

/**
 * A worked example, computed by hand (see docs/methods/economic-complexity.md, where it is
 * written out in full). Employment of four places in three industries A, B, C:
 *
 *        A   B   C   total
 *   P1  10  10  10     30
 *   P2  15  15   0     30
 *   P3  20   0   0     20
 *   P4   0  20  35     55
 *       45  45  45    135   (each industry 1/3 of all employment)
 *
 * RCA = place share / (1/3): P1 1, 1, 1 (exact ties, so present); P2 1.5, 1.5, 0; P3 3, 0, 0;
 * P4 0, 12/11, 21/11. Presence M: P1 {A, B, C}, P2 {A, B}, P3 {A}, P4 {B, C}; diversity
 * k_p = 3, 2, 1, 2; ubiquity k_i = 3, 3, 2.
 *
 * Co-occurrences: AB 2 (P1, P2), AC 1 (P1), BC 2 (P1, P4). Proximity phi = C / max(k_i, k_j):
 * AB 2/3, AC 1/3, BC 2/3; row sums A 1, B 4/3, C 1.
 *
 * Density d_pi = sum_j M_pj phi_ij / sum_j phi_ij:
 *   P1: 1, 1, 1;  P2: 2/3, 1/2, 1;  P3: 0, 1/2, 1/3;  P4: 1, 1/2, 2/3.
 *
 * Mtilde = (1/36) [[22, 10, 4], [10, 16, 10], [6, 15, 15]]: eigenvalues 1 and
 * (17 ± sqrt 145) / 72, so lambda_2 = (17 + sqrt 145) / 72 = 0.403355. Its eigenvector, with
 * s = sqrt 145: v = (2(1 - s)/(57 - 3s), v_B, 1) = (-1.057866, 0.391200, 1), v_B from the first
 * row. ECI° = mean v over each place's industries: 0.111111, -0.333333, -1.057866, 0.695600;
 * positively correlated with diversity as it stands. Mean mu = -0.146122, population standard
 * deviation sigma = 0.640506, so
 *   ECI = (ECI° - mu) / sigma = 0.401610, -0.292286, -1.423475, 1.314152,
 *   PCI = (v - mu) / sigma = -1.423475, 0.838903, 1.789402,
 *   PCI° = v / sigma = -1.651611, 0.610767, 1.561266.
 *
 * COI° = sum_i (1 - M_pi) d_pi PCI°_i: 0; 1 x 1.561266; 1/2 x 0.610767 + 1/3 x 1.561266 =
 * 0.825806; 1 x -1.651611. Standardised (mean 0.183865, sd 1.195000):
 *   COI = -0.153862, 1.152637, 0.537189, -1.535963.
 *
 * COG (reference) = (1 - M_pi) sum_j (1 - M_pj) phi_ij PCI°_j / sum_k phi_kj, with weights
 * PCI°_j / sum_k phi_kj = -1.651611, 0.458075, 1.561266: non-zero only for P3, where B gains
 * phi_BC x 1.561266 = 1.040844 and C gains phi_CB x 0.458075 = 0.305383. The Atlas variant
 * subtracts (1 - d_pi) PCI°_i: P3 B 1.040844 - 0.305383 = 0.735461, C 0.305383 - 1.040844 =
 * -0.735461; elsewhere d = 1 where an industry is absent, so nothing changes.
 */
const worked = new Float64Array([10, 10, 10, 15, 15, 0, 20, 0, 0, 0, 20, 35]);

const expectClose = (actual: ArrayLike<number>, expected: number[], digits = 6): void => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, at) => {
    if (Number.isNaN(value)) expect(actual[at]).toBeNaN();
    else expect(actual[at]).toBeCloseTo(value, digits);
  });
};

describe("complexity on the worked example", () => {
  const result = complexity(worked, 4, 3);

  test("complexity(employment) gives RCA, presence with ties counted, diversity and ubiquity", () => {
    expectClose(result.rca, [1, 1, 1, 1.5, 1.5, 0, 3, 0, 0, 0, 12 / 11, 21 / 11], 12);
    // P1's shares equal the national shares exactly, so its RCAs are exactly 1: present.
    expect([result.rca[0], result.rca[1], result.rca[2]]).toEqual([1, 1, 1]);
    expect(Array.from(result.presence)).toEqual([1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 1, 1]);
    expect(Array.from(result.diversity)).toEqual([3, 2, 1, 2]);
    expect(Array.from(result.ubiquity)).toEqual([3, 3, 2]);
    expect(result.emptyPlaces).toEqual([]);
    expect(result.emptyIndustries).toEqual([]);
  });

  test("complexity(employment) gives proximity and density", () => {
    expectClose(result.proximity!, [0, 2 / 3, 1 / 3, 2 / 3, 0, 2 / 3, 1 / 3, 2 / 3, 0], 12);
    expectClose(result.density!, [1, 1, 1, 2 / 3, 1 / 2, 1, 0, 1 / 2, 1 / 3, 1, 1 / 2, 2 / 3], 12);
  });

  test("complexity(employment) gives the second eigenvalue, ECI and PCI", () => {
    expect(result.eigenvalue).toBeCloseTo((17 + Math.sqrt(145)) / 72, 12);
    expect(result.eigenvectorSearch.converged).toBe(true);
    expectClose(result.eci, [0.40161, -0.292286, -1.423475, 1.314152], 5);
    expectClose(result.pci, [-1.423475, 0.838903, 1.789402], 5);
  });

  test("complexity(employment) gives COI and the reference COG", () => {
    expectClose(result.coi!, [-0.153862, 1.152637, 0.537189, -1.535963], 5);
    expectClose(result.cog!, [0, 0, 0, 0, 0, 0, 0, 1.040844, 0.305383, 0, 0, 0], 5);
  });

  test("complexity(employment, { cogDefinition: 'atlas' }) subtracts (1 - d) PCI°", () => {
    const atlas = complexity(worked, 4, 3, { cogDefinition: "atlas" });
    expectClose(atlas.cog!, [0, 0, 0, 0, 0, 0, 0, 0.735461, -0.735461, 0, 0, 0], 5);
    expectClose(atlas.eci, Array.from(result.eci), 12);
  });

  test("complexity(employment) matches exact values derived from sqrt(145)", () => {
    const s = Math.sqrt(145);
    const vA = (2 * (1 - s)) / (57 - 3 * s);
    const vB = (-4 - ((27 - s) / 2) * vA) / 10;
    const v = [vA, vB, 1];
    const raw = [(vA + vB + 1) / 3, (vA + vB) / 2, vA, (vB + 1) / 2];
    const mean = raw.reduce((a, b) => a + b) / 4;
    const sd = Math.sqrt(raw.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
    expectClose(
      result.eci,
      raw.map((value) => (value - mean) / sd),
      10,
    );
    expectClose(
      result.pci,
      v.map((value) => (value - mean) / sd),
      10,
    );
  });
});

describe("complexity properties", () => {
  test("complexity(employment) makes each place's ECI the mean PCI of its industries", () => {
    const { employment, places, industries } = randomEmployment(50, 30, 11);
    const result = complexity(employment, places, industries);
    for (let place = 0; place < places; place++) {
      let sum = 0;
      let count = 0;
      for (let industry = 0; industry < industries; industry++) {
        if (result.presence[place * industries + industry] === 1) {
          sum += result.pci[industry]!;
          count++;
        }
      }
      expect(result.eci[place]).toBeCloseTo(sum / count, 10);
    }
  });

  test("complexity(employment) standardises ECI with the population standard deviation", () => {
    const { employment, places, industries } = randomEmployment(40, 25, 5);
    const { eci } = complexity(employment, places, industries);
    const mean = eci.reduce((a, b) => a + b) / places;
    const variance = eci.reduce((a, b) => a + (b - mean) ** 2, 0) / places;
    expect(mean).toBeCloseTo(0, 12);
    expect(variance).toBeCloseTo(1, 12);
  });

  test("complexity(employment) is unchanged by scaling all employment, and depends on it only through M", () => {
    const { employment, places, industries } = randomEmployment(30, 20, 3);
    const before = complexity(employment, places, industries);
    const all = complexity(
      employment.map((value) => value * 3.25),
      places,
      industries,
    );
    expectClose(all.rca, Array.from(before.rca), 12);
    expectClose(all.eci, Array.from(before.eci), 12);
    expectClose(all.cog!, Array.from(before.cog!), 12);
    // Scaling one place's employment leaves its own shares alone but moves the national
    // totals a little, so other places' RCA move; here no presence changes, and nor does ECI.
    const scaled = employment.slice();
    for (let industry = 0; industry < industries; industry++)
      scaled[4 * industries + industry]! *= 1.2;
    const after = complexity(scaled, places, industries);
    expect(Array.from(after.presence)).toEqual(Array.from(before.presence));
    expectClose(after.eci, Array.from(before.eci), 10);
    expectClose(after.pci, Array.from(before.pci), 10);
  });

  test("complexity(employment) orients ECI to correlate positively with diversity", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { employment, places, industries } = randomEmployment(40, 30, seed);
      const result = complexity(employment, places, industries);
      expect(correlation(result.eci, result.diversity)).toBeGreaterThan(0);
    }
  });

  test("complexity(employment) keeps density within 0 and 1", () => {
    const { employment, places, industries } = randomEmployment(60, 40, 9);
    const { density } = complexity(employment, places, industries);
    for (const value of density!) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1 + 1e-15);
    }
  });

  test("complexity(employment) gives COG 0 for industries a place already has", () => {
    const { employment, places, industries } = randomEmployment(30, 20, 4);
    const result = complexity(employment, places, industries);
    result.presence.forEach((present, at) => {
      if (present === 1) expect(result.cog![at]).toBe(0);
    });
  });
});

describe("complexity equals a naive reference implementation", () => {
  const { employment, places, industries } = randomEmployment(60, 40, 2024);
  const naive = naiveComplexity(employment, places, industries);
  for (const useWebAssembly of [true, false]) {
    test(`complexity(employment, { useWebAssembly: ${useWebAssembly} }) matches it to 1e-9 on a seeded 60 x 40 matrix`, () => {
      const fast = complexity(employment, places, industries, { useWebAssembly });
      expectAllClose(fast.rca, naive.rca);
      expect(Array.from(fast.presence)).toEqual(Array.from(naive.presence));
      expectAllClose(fast.diversity, naive.diversity);
      expectAllClose(fast.ubiquity, naive.ubiquity);
      expectAllClose(fast.eci, naive.eci);
      expectAllClose(fast.pci, naive.pci);
      expectAllClose(fast.proximity!, naive.proximity);
      expectAllClose(fast.density!, naive.density);
      expectAllClose(fast.coi!, naive.coi);
      expectAllClose(fast.cog!, naive.cog);
      const atlas = complexity(employment, places, industries, {
        useWebAssembly,
        cogDefinition: "atlas",
      });
      expectAllClose(atlas.cog!, naive.cogAtlas);
    });
  }

  test("complexity(employment) matches it on a larger matrix with a threshold of 1.5 and empty rows and columns", () => {
    // 700 places (more than one pass of the sweep), 37 industries (not a multiple of 8).
    const large = randomEmployment(700, 37, 77);
    for (let industry = 0; industry < 37; industry++) large.employment[13 * 37 + industry] = 0;
    for (let place = 0; place < 700; place++) large.employment[place * 37 + 20] = 0;
    const reference = naiveComplexity(large.employment, 700, 37, 1.5);
    for (const useWebAssembly of [true, false]) {
      const fast = complexity(large.employment, 700, 37, { threshold: 1.5, useWebAssembly });
      expect(fast.emptyPlaces).toEqual(reference.emptyPlaces);
      expect(fast.emptyIndustries).toEqual(reference.emptyIndustries);
      expectAllClose(fast.eci, reference.eci);
      expectAllClose(fast.pci, reference.pci);
      expectAllClose(fast.density!, reference.density);
      expectAllClose(fast.coi!, reference.coi);
      expectAllClose(fast.cog!, reference.cog);
    }
  });
});

describe("complexity edge cases", () => {
  test("complexity(employment) reports an industry present nowhere and a place with no presence, with NaN", () => {
    // Industry 3 employs nobody; place 4 employs nobody.
    const employment = new Float64Array([
      ...[10, 5, 0, 0],
      ...[5, 10, 5, 0],
      ...[0, 5, 10, 0],
      ...[20, 0, 5, 0],
      ...[0, 0, 0, 0],
    ]);
    const result = complexity(employment, 5, 4);
    expect(result.emptyIndustries).toEqual([3]);
    expect(result.emptyPlaces).toEqual([4]);
    expect(result.pci[3]).toBeNaN();
    expect(result.eci[4]).toBeNaN();
    expect(result.coi![4]).toBeNaN();
    for (let industry = 0; industry < 4; industry++) {
      expect(result.rca[4 * 4 + industry]).toBeNaN();
      expect(result.density![4 * 4 + industry]).toBeNaN();
      expect(result.cog![4 * 4 + industry]).toBeNaN();
    }
    for (let place = 0; place < 4; place++) {
      expect(result.rca[place * 4 + 3]).toBeNaN();
      expect(result.density![place * 4 + 3]).toBeNaN();
      expect(result.cog![place * 4 + 3]).toBeNaN();
      expect(Number.isFinite(result.eci[place])).toBe(true);
    }
    for (let industry = 0; industry < 3; industry++) {
      expect(Number.isFinite(result.pci[industry])).toBe(true);
    }
    // The rest is what the four places and three industries alone give.
    const alone = complexity(new Float64Array([10, 5, 0, 5, 10, 5, 0, 5, 10, 20, 0, 5]), 4, 3);
    expectClose(result.eci.subarray(0, 4), Array.from(alone.eci), 10);
    expectClose(result.pci.subarray(0, 3), Array.from(alone.pci), 10);
  });

  test("complexity(employment, { threshold }) reports a place whose employment is all below the threshold", () => {
    // With a threshold of 2, place 0 (spread like the whole) has no industry present.
    const employment = new Float64Array([10, 10, 10, 30, 2, 1, 1, 30, 3, 1, 2, 25]);
    const result = complexity(employment, 4, 3, { threshold: 2 });
    expect(result.emptyPlaces).toContain(0);
    expect(result.eci[0]).toBeNaN();
    expect(Number.isFinite(result.rca[0])).toBe(true);
  });

  test("complexity(employment) handles a place with one industry", () => {
    // Place 2 employs people in industry 0 only, which place 0 also has, beside industry 1.
    const employment = new Float64Array([
      ...[30, 25, 10, 5],
      ...[5, 20, 20, 10],
      ...[50, 0, 0, 0],
      ...[5, 5, 30, 30],
      ...[10, 30, 5, 20],
    ]);
    const result = complexity(employment, 5, 4);
    expect(result.diversity[2]).toBe(1);
    expect(Array.from(result.presence.subarray(8, 12))).toEqual([1, 0, 0, 0]);
    // Its ECI is the PCI of its one industry.
    expect(result.eci[2]).toBeCloseTo(result.pci[0]!, 12);
    expect(result.density![8]).toBe(0);
  });

  test("complexity(employment) treats NaN as 0", () => {
    const withNaN = worked.slice();
    withNaN[5] = Number.NaN;
    const result = complexity(withNaN, 4, 3);
    const expected = complexity(worked, 4, 3);
    expectClose(result.eci, Array.from(expected.eci), 12);
    expectClose(result.cog!, Array.from(expected.cog!), 12);
  });

  test("complexity(employment) gives NaN ECI and PCI, not 0, when there is nothing to rank", () => {
    // All zeros: nothing present.
    const zeros = complexity(new Float64Array(12), 4, 3);
    expect(zeros.emptyPlaces).toEqual([0, 1, 2, 3]);
    expect(zeros.emptyIndustries).toEqual([0, 1, 2]);
    expect(Array.from(zeros.eci).every(Number.isNaN)).toBe(true);
    expect(Array.from(zeros.pci).every(Number.isNaN)).toBe(true);
    expect(Array.from(zeros.rca).every(Number.isNaN)).toBe(true);
    // One place: no second place to compare with.
    const one = complexity(new Float64Array([1, 2, 3]), 1, 3);
    expect(Array.from(one.eci).every(Number.isNaN)).toBe(true);
    // Every place alike: Mtilde has rank 1 and the second eigenvalue is 0.
    const alike = complexity(new Float64Array([1, 2, 1, 2, 1, 2]), 3, 2);
    expect(alike.eigenvalue).toBeNaN();
    expect(Array.from(alike.eci).every(Number.isNaN)).toBe(true);
    expect(Array.from(alike.cog!).every(Number.isNaN)).toBe(true);
  });

  test("complexity(employment) accepts empty matrices", () => {
    const none = complexity(new Float64Array(0), 0, 0);
    expect(none.eci.length).toBe(0);
    expect(none.density!.length).toBe(0);
    const noIndustries = complexity(new Float64Array(0), 3, 0);
    expect(noIndustries.emptyPlaces).toEqual([0, 1, 2]);
  });

  test("complexity(employment, { density: false }) stops after ECI and PCI", () => {
    const result = complexity(worked, 4, 3, { density: false });
    expect(result.density).toBeUndefined();
    expect(result.cog).toBeUndefined();
    expect(result.coi).toBeUndefined();
    expectClose(result.eci, [0.40161, -0.292286, -1.423475, 1.314152], 5);
  });

  test("complexity(employment) still orients ECI when neither diversity nor ubiquity can", () => {
    // A path A - B - C, symmetric under swapping A with C: P1 {A, B}, P2 {B, C}, P3 {A}, P4 {C}.
    // ECI is uncorrelated with diversity and PCI with ubiquity (all 2), so the eigenvector's
    // first non-zero entry (A's) is made positive; B sits halfway between A and C.
    const employment = new Float64Array([10, 10, 0, 0, 10, 10, 10, 0, 0, 0, 0, 10]);
    const result = complexity(employment, 4, 3);
    expect(result.eci.every(Number.isFinite)).toBe(true);
    expect(result.pci[0]!).toBeGreaterThan(result.pci[2]!);
    expect(result.pci[0]! + result.pci[2]!).toBeCloseTo(2 * result.pci[1]!, 10);
    expect(result.eci[0]).toBeCloseTo(-result.eci[1]!, 10);
  });

  test("complexity(employment) rejects bad input", () => {
    expect(() => complexity(new Float64Array(5), 2, 3)).toThrow(RangeError);
    expect(() => complexity(new Float64Array([1, -1, 2, 3]), 2, 2)).toThrow(/non-negative/);
    expect(() => complexity(new Float64Array([1, Infinity, 2, 3]), 2, 2)).toThrow(RangeError);
    expect(() => complexity(worked, 4, 3, { threshold: 0 })).toThrow(/threshold/);
    expect(() =>
      complexity(worked, 4, 3, { cogDefinition: "other" as unknown as "atlas" }),
    ).toThrow(/cogDefinition/);
  });
});

// ---------------------------------------------------------------------------------------------
// A seeded heavy-tailed matrix, and a naive reference implementation written straight from the
// formulas, with dense matrices and the Jacobi eigenvalue method instead of Lanczos.

function randomEmployment(places: number, industries: number, seed: number) {
  const next = uniformStream(seed);
  const normal = (): number =>
    Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const size = Array.from({ length: places }, () => Math.exp(2 + normal()));
  const capability = Array.from({ length: places }, () => next());
  const share = Array.from({ length: industries }, () => Math.exp(normal()));
  const sophistication = Array.from({ length: industries }, () => next());
  const employment = new Float64Array(places * industries);
  for (let place = 0; place < places; place++) {
    for (let industry = 0; industry < industries; industry++) {
      const zero = 0.7 / (1 + Math.exp(-8 * (sophistication[industry]! - capability[place]!)));
      employment[place * industries + industry] =
        next() < zero ? 0 : Math.round(size[place]! * share[industry]! * Math.exp(normal()) * 10);
    }
  }
  return { employment, places, industries };
}

/** Every entry within 1e-9 (relative above 1), NaN where NaN; one assertion for the lot. */
function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  const mismatches: string[] = [];
  for (let at = 0; at < expected.length; at++) {
    const want = expected[at]!;
    const got = actual[at]!;
    const ok = Number.isNaN(want)
      ? Number.isNaN(got)
      : Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
    if (!ok && mismatches.length < 5) mismatches.push(`entry ${at}: ${got} vs ${want}`);
  }
  expect(mismatches).toEqual([]);
}

function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]! / n;
    my += y[i]! / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

type Naive = Pick<
  ComplexityResult,
  "rca" | "presence" | "diversity" | "ubiquity" | "eci" | "pci"
> & {
  proximity: Float64Array;
  density: Float64Array;
  coi: Float64Array;
  cog: Float64Array;
  cogAtlas: Float64Array;
  emptyPlaces: number[];
  emptyIndustries: number[];
};

function naiveComplexity(x: Float64Array, P: number, N: number, threshold = 1): Naive {
  const at = (p: number, i: number): number => p * N + i;
  const rowSum = new Array<number>(P).fill(0);
  const colSum = new Array<number>(N).fill(0);
  let total = 0;
  for (let p = 0; p < P; p++) {
    for (let i = 0; i < N; i++) {
      rowSum[p]! += x[at(p, i)]!;
      colSum[i]! += x[at(p, i)]!;
      total += x[at(p, i)]!;
    }
  }
  const rca = new Float64Array(P * N);
  const presence = new Uint8Array(P * N);
  for (let p = 0; p < P; p++) {
    for (let i = 0; i < N; i++) {
      rca[at(p, i)] = x[at(p, i)]! / rowSum[p]! / (colSum[i]! / total);
      presence[at(p, i)] = rca[at(p, i)]! >= threshold ? 1 : 0;
    }
  }
  const M = (p: number, i: number): number => presence[at(p, i)]!;
  const kp = new Float64Array(P);
  const ki = new Float64Array(N);
  for (let p = 0; p < P; p++) for (let i = 0; i < N; i++) kp[p]! += M(p, i);
  for (let i = 0; i < N; i++) for (let p = 0; p < P; p++) ki[i]! += M(p, i);
  const places = [...Array(P).keys()].filter((p) => kp[p]! > 0);
  const inds = [...Array(N).keys()].filter((i) => ki[i]! > 0);

  // S_ij = sum_p M_pi M_pj / (k_p sqrt(k_i k_j)) over present industries, then Jacobi.
  const n = inds.length;
  const S = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let sum = 0;
      for (const p of places) sum += (M(p, inds[a]!) * M(p, inds[b]!)) / kp[p]!;
      S[a]![b] = sum / Math.sqrt(ki[inds[a]!]! * ki[inds[b]!]!);
    }
  }
  const { values, vectors } = jacobi(S);
  const order = [...values.keys()].sort((a, b) => values[b]! - values[a]!);
  const second = order[1]!;
  const v = new Float64Array(N).fill(Number.NaN);
  inds.forEach((i, a) => (v[i] = vectors[a]![second]! / Math.sqrt(ki[i]!)));
  const raw = new Float64Array(P).fill(Number.NaN);
  for (const p of places) {
    let sum = 0;
    for (const i of inds) sum += M(p, i) * v[i]!;
    raw[p] = sum / kp[p]!;
  }
  const sign = Math.sign(
    correlation(
      places.map((p) => kp[p]!),
      places.map((p) => raw[p]!),
    ),
  );
  const mean = places.reduce((s, p) => s + sign * raw[p]!, 0) / places.length;
  const sd = Math.sqrt(
    places.reduce((s, p) => s + (sign * raw[p]! - mean) ** 2, 0) / places.length,
  );
  const eci = new Float64Array(P).fill(Number.NaN);
  for (const p of places) eci[p] = (sign * raw[p]! - mean) / sd;
  const pci = new Float64Array(N).fill(Number.NaN);
  const pciOutlook = new Float64Array(N).fill(Number.NaN);
  for (const i of inds) {
    pci[i] = (sign * v[i]! - mean) / sd;
    pciOutlook[i] = (sign * v[i]!) / sd;
  }

  const proximity = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      if (i === j) continue;
      let both = 0;
      for (let p = 0; p < P; p++) both += M(p, i) * M(p, j);
      proximity[i * N + j] = both === 0 ? 0 : both / Math.max(ki[i]!, ki[j]!);
    }
  }
  const phiSum = new Float64Array(N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) phiSum[i]! += proximity[i * N + j]!;
  const density = new Float64Array(P * N);
  const cog = new Float64Array(P * N);
  const cogAtlas = new Float64Array(P * N);
  const coiRaw = new Float64Array(P).fill(Number.NaN);
  for (let p = 0; p < P; p++) {
    for (let i = 0; i < N; i++) {
      let sum = 0;
      for (let j = 0; j < N; j++) sum += M(p, j) * proximity[i * N + j]!;
      density[at(p, i)] = kp[p] === 0 ? Number.NaN : sum / phiSum[i]!;
    }
  }
  for (let p = 0; p < P; p++) {
    if (kp[p] === 0) {
      for (let i = 0; i < N; i++) cog[at(p, i)] = cogAtlas[at(p, i)] = Number.NaN;
      continue;
    }
    let coi = 0;
    for (let i = 0; i < N; i++) {
      const d = density[at(p, i)]!;
      if (Number.isNaN(d)) {
        cog[at(p, i)] = cogAtlas[at(p, i)] = Number.NaN;
        continue;
      }
      if (M(p, i) === 0) coi += d * pciOutlook[i]!;
      let gain = 0;
      for (let j = 0; j < N; j++) {
        if (M(p, j) === 1 || phiSum[j] === 0) continue;
        gain += (proximity[i * N + j]! * pciOutlook[j]!) / phiSum[j]!;
      }
      cog[at(p, i)] = (1 - M(p, i)) * gain;
      cogAtlas[at(p, i)] = (1 - M(p, i)) * (gain - (1 - d) * pciOutlook[i]!);
    }
    coiRaw[p] = coi;
  }
  const finite = [...coiRaw].filter(Number.isFinite);
  const coiMean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const coiSd = Math.sqrt(finite.reduce((a, b) => a + (b - coiMean) ** 2, 0) / finite.length);
  const coi = coiRaw.map((value) => (value - coiMean) / coiSd);
  return {
    rca,
    presence,
    diversity: kp,
    ubiquity: ki,
    eci,
    pci,
    proximity,
    density,
    coi,
    cog,
    cogAtlas,
    emptyPlaces: [...Array(P).keys()].filter((p) => kp[p] === 0),
    emptyIndustries: [...Array(N).keys()].filter((i) => ki[i] === 0),
  };
}

/**
 * All eigenvalues and eigenvectors (as columns) of a symmetric matrix by the cyclic Jacobi
 * method (Golub and Van Loan, Matrix Computations, 4th ed., 8.5): rotate away each off-diagonal
 * entry in turn until they are all negligible.
 */
function jacobi(input: number[][]): { values: number[]; vectors: number[][] } {
  const n = input.length;
  const a = input.map((row) => row.slice());
  const v: number[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i]![j]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p]![q]!) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * a[p]![q]!);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]!), vectors: v };
}
