import { describe, expect, test } from "vitest";
import { uniformStream } from "../../../test/helpers/random.js";
import {
  appraisalCriteria,
  appraisalDefaults,
  appraiseProjects,
  distributionalWeight,
} from "./appraisal.js";
import type { AppraisalOptions, AppraisalProject, AppraisedProject } from "./appraisal.js";

/** The result for one project id. */
function byId(results: readonly AppraisedProject[], id: string): AppraisedProject {
  const found = results.find((result) => result.id === id);
  if (found === undefined) throw new Error(`no result for ${id}`);
  return found;
}

/** A random pipeline with every input, some missing. */
function randomProjects(seed: number, count: number): AppraisalProject[] {
  const next = uniformStream(seed);
  const maybe = (value: number): number | null => (next() < 0.15 ? null : value);
  return Array.from({ length: count }, (_, index) => {
    const jobs = Math.round(next() * 200);
    return {
      id: `P${String(index).padStart(3, "0")}`,
      amount: 100_000 + next() * 10_000_000,
      jobs,
      jobsSafeguarded: maybe(Math.round(next() * 50)),
      jobsNoDegree: maybe(Math.round(next() * jobs)),
      pay: maybe(20_000 + next() * 40_000),
      localMedianPay: 30_000,
      co2Change: maybe(next() * 2000 - 1500),
      localSpendShare: maybe(next()),
      opportunityScore: maybe(next() * 100),
      deprivation: maybe(next() * 80),
      income: maybe(15_000 + next() * 40_000),
      risk: maybe(next() * 0.6),
    };
  });
}

describe("appraiseProjects", () => {
  // The worked example of docs/methods/appraisal.md: four projects, weights jobs per £1m 2,
  // CO2 reduced per £1m 1, deprivation 1 (normalised 0.5, 0.25, 0.25), elasticity 1.3.
  //
  //   id  amount      jobs (+safeguarded)  co2Change  deprivation  income  risk
  //   A   2,000,000   40                   -200       40           20,000  0.1
  //   B   1,000,000   10                   -300       10           40,000  0.2
  //   C   4,000,000   40                   +400       25           —       0.5
  //   D     500,000   10 (+5)              —          30           30,000  —
  //
  // Raw values and min-max scales over the pipeline:
  //   jobs per £1m: A 20, B 10, C 10, D 15 / 0.5 = 30; 10..30: A 50, B 0, C 0, D 100
  //   CO2 reduced per £1m: A 100, B 300, C -100, D missing; -100..300: A 50, B 100, C 0
  //   deprivation 10..40: A 100, B 0, C 50, D 66.667
  // Base scores:
  //   A = 0.5 x 50 + 0.25 x 50 + 0.25 x 100 = 62.5
  //   B = 0.5 x 0 + 0.25 x 100 + 0.25 x 0 = 25
  //   C = 0.5 x 0 + 0.25 x 0 + 0.25 x 50 = 12.5
  //   D: CO2 missing, so jobs 2/3 and deprivation 1/3: 2/3 x 100 + 1/3 x 66.667 = 88.889
  // Distributional weights, reference = median income of A, B, D = 30,000:
  //   A (30,000 / 20,000)^1.3 = 1.5^1.3 = exp(1.3 x 0.405465) = 1.694020
  //   B (30,000 / 40,000)^1.3 = 0.75^1.3 = exp(1.3 x -0.287682) = 0.687986
  //   D (30,000 / 30,000)^1.3 = 1
  //   C (deprivation only): 25 is second of 10, 25, 30, 40, percentile rank p = 1/3;
  //     1.96^(1.3 x (2/3 - 1)) = exp(-0.433333 x 0.672944) = 0.747060
  // Risk factors: A 0.9, B 0.8, C 0.5, D 1 (unknown).
  // Scores: A 62.5 x 1.694020 x 0.9 = 95.2886; B 25 x 0.687986 x 0.8 = 13.7597;
  //   C 12.5 x 0.747060 x 0.5 = 4.6691; D 88.889. Ranks: A 1, D 2, B 3, C 4.
  // Cost per job: A 50,000; B 100,000; C 100,000; D 500,000 / 15 = 33,333.33.
  // Cost per tonne over 10 years: A 2,000,000 / 2,000 = 1,000; B 1,000,000 / 3,000 = 333.33;
  //   C (an increase) and D (unknown) null.
  const example: AppraisalProject[] = [
    {
      id: "A",
      amount: 2_000_000,
      jobs: 40,
      co2Change: -200,
      deprivation: 40,
      income: 20_000,
      risk: 0.1,
    },
    {
      id: "B",
      amount: 1_000_000,
      jobs: 10,
      co2Change: -300,
      deprivation: 10,
      income: 40_000,
      risk: 0.2,
    },
    { id: "C", amount: 4_000_000, jobs: 40, co2Change: 400, deprivation: 25, risk: 0.5 },
    { id: "D", amount: 500_000, jobs: 10, jobsSafeguarded: 5, deprivation: 30, income: 30_000 },
  ];
  const exampleWeights: AppraisalOptions["weights"] = {
    jobsPerPound: 2,
    co2PerPound: 1,
    deprivation: 1,
  };

  test("appraiseProjects(projects, { weights }) works the four-project example by hand", () => {
    const results = appraiseProjects(example, { weights: exampleWeights });
    expect(results.map((result) => result.id)).toEqual(["A", "D", "B", "C"]);
    expect(results.map((result) => result.rank)).toEqual([1, 2, 3, 4]);
    const expected: Record<string, [number, number, number, number]> = {
      A: [62.5, 1.69402, 0.9, 95.2886],
      B: [25, 0.687986, 0.8, 13.7597],
      C: [12.5, 0.74706, 0.5, 4.66913],
      D: [800 / 9, 1, 1, 800 / 9],
    };
    for (const [id, [baseScore, weight, riskFactor, score]] of Object.entries(expected)) {
      const result = byId(results, id);
      expect(result.baseScore).toBeCloseTo(baseScore, 10);
      expect(result.distributionalWeight).toBeCloseTo(weight, 5);
      expect(result.riskFactor).toBeCloseTo(riskFactor, 12);
      expect(result.score).toBeCloseTo(score, 3);
    }
    expect(byId(results, "A").distributionalWeight).toBeCloseTo(1.5 ** 1.3, 12);
    expect(results.map((result) => result.distributionalBasis)).toEqual([
      "income",
      "income",
      "income",
      "deprivation",
    ]);
    expect(results.map((result) => result.costPerJob)).toEqual([
      50_000,
      500_000 / 15,
      100_000,
      100_000,
    ]);
    expect(byId(results, "A").costPerTonne).toBe(1000);
    expect(byId(results, "B").costPerTonne).toBeCloseTo(1_000_000 / 3000, 10);
    expect(byId(results, "C").costPerTonne).toBeNull();
    expect(byId(results, "D").costPerTonne).toBeNull();

    const d = byId(results, "D");
    expect(d.contributions.map((entry) => entry.criterion)).toEqual([
      "jobsPerPound",
      "co2PerPound",
      "deprivation",
    ]);
    const [jobs, co2, deprivation] = d.contributions;
    expect(jobs).toMatchObject({ value: 30, scaled: 100, priorityWeight: 2 });
    expect(jobs!.weight).toBeCloseTo(2 / 3, 12);
    expect(jobs!.contribution).toBeCloseTo(200 / 3, 10);
    expect(co2).toEqual({
      criterion: "co2PerPound",
      value: null,
      scaled: null,
      priorityWeight: 1,
      weight: 0,
      contribution: 0,
    });
    expect(deprivation).toMatchObject({ value: 30, priorityWeight: 1 });
    expect(deprivation!.scaled).toBeCloseTo(200 / 3, 10);
    expect(deprivation!.weight).toBeCloseTo(1 / 3, 12);
    expect(deprivation!.contribution).toBeCloseTo(200 / 9, 10);

    const c = byId(results, "C");
    expect(c.contributions.map((entry) => [entry.value, entry.scaled, entry.weight])).toEqual([
      [10, 0, 0.5],
      [-100, 0, 0.25],
      [25, 50, 0.25],
    ]);
  });

  test("appraiseProjects(projects, options) gives contributions that sum to the base score", () => {
    const projects = randomProjects(7, 60);
    for (const options of [
      {},
      { weights: { jobsPerPound: 3, payAboveMedian: 1, localSpend: 2 } },
    ] satisfies AppraisalOptions[]) {
      for (const result of appraiseProjects(projects, options)) {
        const sum = result.contributions.reduce((total, entry) => total + entry.contribution, 0);
        expect(sum).toBeCloseTo(result.baseScore, 10);
        expect(result.baseScore).toBeGreaterThanOrEqual(0);
        expect(result.baseScore).toBeLessThanOrEqual(100);
        const weights = result.contributions.reduce((total, entry) => total + entry.weight, 0);
        expect(weights).toBeCloseTo(1, 12);
        expect(result.score).toBeCloseTo(
          result.baseScore * result.distributionalWeight * result.riskFactor,
          10,
        );
      }
    }
  });

  test("appraiseProjects(projects) weighs every criterion equally by default", () => {
    const results = appraiseProjects(randomProjects(3, 10));
    for (const result of results) {
      expect(result.contributions.map((entry) => entry.criterion)).toEqual([...appraisalCriteria]);
      expect(result.contributions.every((entry) => entry.priorityWeight === 1)).toBe(true);
    }
  });

  // Directions: two projects alike but for one input; the better one must score higher.
  const base: AppraisalProject = {
    id: "base",
    amount: 1_000_000,
    jobs: 20,
    jobsNoDegree: 10,
    pay: 30_000,
    localMedianPay: 28_000,
    co2Change: -100,
    localSpendShare: 0.5,
    opportunityScore: 50,
    deprivation: 30,
    risk: 0.2,
  };
  const middle: AppraisalProject = {
    id: "middle",
    amount: 2_000_000,
    jobs: 30,
    jobsNoDegree: 20,
    pay: 32_000,
    localMedianPay: 28_000,
    co2Change: -150,
    localSpendShare: 0.6,
    opportunityScore: 60,
    deprivation: 25,
    risk: 0.3,
  };
  /** The score of `better` minus that of `worse`, each appraised with `middle` in the pipeline. */
  function lead(
    better: Partial<AppraisalProject>,
    worse: Partial<AppraisalProject>,
    options: AppraisalOptions = {},
  ): number {
    const results = appraiseProjects(
      [{ ...base, ...better, id: "better" }, { ...base, ...worse, id: "worse" }, middle],
      options,
    );
    return byId(results, "better").score - byId(results, "worse").score;
  }

  test("appraiseProjects(projects) scores more jobs per pound higher", () => {
    expect(lead({ jobs: 40 }, { jobs: 20 })).toBeGreaterThan(0);
    expect(lead({ amount: 500_000 }, { amount: 1_000_000 })).toBeGreaterThan(0);
    expect(lead({ jobsSafeguarded: 10 }, {})).toBeGreaterThan(0);
  });

  test("appraiseProjects(projects) scores more CO2 reduced higher, and an increase lowest", () => {
    expect(lead({ co2Change: -300 }, { co2Change: -100 })).toBeGreaterThan(0);
    expect(lead({ co2Change: 0 }, { co2Change: 200 })).toBeGreaterThan(0);
  });

  test("appraiseProjects(projects) scores higher deprivation higher, in the criterion and the weight", () => {
    expect(lead({ deprivation: 50 }, { deprivation: 10 })).toBeGreaterThan(0);
    expect(
      lead({ deprivation: 50 }, { deprivation: 10 }, { distributional: false }),
    ).toBeGreaterThan(0);
    expect(
      lead({ deprivation: 50 }, { deprivation: 10 }, { weights: { jobsPerPound: 1 } }),
    ).toBeGreaterThan(0);
  });

  test("appraiseProjects(projects) scores more jobs without a degree, higher pay, more local spend and better alignment higher", () => {
    expect(lead({ jobsNoDegree: 18 }, { jobsNoDegree: 2 })).toBeGreaterThan(0);
    expect(lead({ pay: 36_000 }, { pay: 26_000 })).toBeGreaterThan(0);
    expect(lead({ localMedianPay: 25_000 }, { localMedianPay: 32_000 })).toBeGreaterThan(0);
    expect(lead({ localSpendShare: 0.9 }, { localSpendShare: 0.1 })).toBeGreaterThan(0);
    expect(lead({ opportunityScore: 90 }, { opportunityScore: 10 })).toBeGreaterThan(0);
  });

  test("appraiseProjects(projects) scores higher risk lower, unless riskAdjust is false", () => {
    expect(lead({ risk: 0.1 }, { risk: 0.5 })).toBeGreaterThan(0);
    expect(lead({ risk: 0.1 }, { risk: 0.5 }, { riskAdjust: false })).toBe(0);
    const [certain] = appraiseProjects([{ ...base, risk: 1 }]);
    expect(certain!.score).toBe(0);
  });

  test("appraiseProjects(projects) gives lower income a higher distributional weight", () => {
    const results = appraiseProjects([
      { ...base, id: "poorer", income: 18_000 },
      { ...base, id: "richer", income: 45_000 },
      { ...middle, income: 30_000 },
    ]);
    const poorer = byId(results, "poorer");
    const richer = byId(results, "richer");
    expect(poorer.distributionalWeight).toBeGreaterThan(1);
    expect(richer.distributionalWeight).toBeLessThan(1);
    expect(poorer.baseScore).toBe(richer.baseScore);
    expect(poorer.score).toBeGreaterThan(richer.score);
    expect(poorer.distributionalWeight / richer.distributionalWeight).toBeCloseTo(2.5 ** 1.3, 12);
  });

  test("appraiseProjects(projects) leaves scores unchanged when every amount is multiplied by a constant", () => {
    const projects = randomProjects(11, 40);
    const before = appraiseProjects(projects);
    const after = appraiseProjects(
      projects.map((project) => ({ ...project, amount: project.amount * 37.5 })),
    );
    expect(after.map((result) => result.id)).toEqual(before.map((result) => result.id));
    after.forEach((result, index) => {
      expect(result.score).toBeCloseTo(before[index]!.score, 9);
      expect(result.rank).toBe(before[index]!.rank);
      if (result.costPerJob !== null) {
        expect(result.costPerJob).toBeCloseTo(before[index]!.costPerJob! * 37.5, 6);
      }
    });
  });

  test("appraiseProjects(projects, { elasticity: 0 }) gives every project a distributional weight of 1", () => {
    const results = appraiseProjects(randomProjects(5, 30), { elasticity: 0 });
    expect(results.some((result) => result.distributionalBasis === "income")).toBe(true);
    expect(results.some((result) => result.distributionalBasis === "deprivation")).toBe(true);
    for (const result of results) expect(result.distributionalWeight).toBe(1);
  });

  test("appraiseProjects(projects, { distributional: false }) gives weight 1 and no basis", () => {
    const results = appraiseProjects(example, { distributional: false, riskAdjust: false });
    for (const result of results) {
      expect(result.distributionalWeight).toBe(1);
      expect(result.distributionalBasis).toBeNull();
      expect(result.riskFactor).toBe(1);
      expect(result.score).toBe(result.baseScore);
    }
  });

  test("appraiseProjects(projects, { referenceIncome, elasticity }) weighs incomes against the reference given", () => {
    const results = appraiseProjects(example, { referenceIncome: 40_000, elasticity: 1 });
    expect(byId(results, "A").distributionalWeight).toBeCloseTo(2, 12);
    expect(byId(results, "B").distributionalWeight).toBeCloseTo(1, 12);
    expect(byId(results, "D").distributionalWeight).toBeCloseTo(4 / 3, 12);
  });

  test("appraiseProjects(projects) weighs by deprivation rank when income is unknown", () => {
    // Percentile ranks of 10, 20, 20, 40: 0, 0.5, 0.5 (tied mid-rank), 1.
    const results = appraiseProjects([
      { id: "a", amount: 1, jobs: 1, deprivation: 10 },
      { id: "b", amount: 1, jobs: 1, deprivation: 20 },
      { id: "c", amount: 1, jobs: 1, deprivation: 20 },
      { id: "d", amount: 1, jobs: 1, deprivation: 40 },
      { id: "e", amount: 1, jobs: 1 },
    ]);
    const R = appraisalDefaults.deprivationIncomeRatio;
    expect(byId(results, "a").distributionalWeight).toBeCloseTo(R ** -1.3, 12);
    expect(byId(results, "b").distributionalWeight).toBe(1);
    expect(byId(results, "c").distributionalWeight).toBe(1);
    expect(byId(results, "d").distributionalWeight).toBeCloseTo(R ** 1.3, 12);
    expect(byId(results, "d").distributionalWeight).toBeCloseTo(2.4, 2);
    expect(byId(results, "e")).toMatchObject({
      distributionalWeight: 1,
      distributionalBasis: null,
    });
    const flat = appraiseProjects(
      [
        { id: "x", amount: 1, jobs: 1, deprivation: 10 },
        { id: "y", amount: 1, jobs: 1, deprivation: 40 },
      ],
      {
        deprivationIncomeRatio: 1,
      },
    );
    for (const result of flat) expect(result.distributionalWeight).toBe(1);
  });

  test("appraiseProjects(projects, { lifetimeYears }) uses the project's lifetime, else the option's", () => {
    const results = appraiseProjects(
      [
        { id: "own", amount: 1_000_000, jobs: 0, co2Change: -100, lifetimeYears: 20 },
        { id: "default", amount: 1_000_000, jobs: 0, co2Change: -100 },
      ],
      { lifetimeYears: 5 },
    );
    expect(byId(results, "own").costPerTonne).toBe(500);
    expect(byId(results, "default").costPerTonne).toBe(2000);
  });

  test("appraiseProjects(projects) with no jobs leaves the cost per job and the no-degree share null", () => {
    const results = appraiseProjects([
      { id: "none", amount: 1_000_000, jobs: 0, jobsNoDegree: 0 },
      { id: "some", amount: 1_000_000, jobs: 10, jobsNoDegree: 5 },
    ]);
    const none = byId(results, "none");
    expect(none.costPerJob).toBeNull();
    expect(none.contributions.find((entry) => entry.criterion === "jobsNoDegree")).toMatchObject({
      value: null,
      scaled: null,
      weight: 0,
    });
    expect(none.contributions.find((entry) => entry.criterion === "jobsPerPound")).toMatchObject({
      value: 0,
      scaled: 0,
    });
  });

  test("appraiseProjects(one project) scales every known criterion to 50", () => {
    const [only] = appraiseProjects([{ ...base, income: 25_000 }]);
    expect(only!.baseScore).toBeCloseTo(50, 12);
    expect(only!.distributionalWeight).toBe(1);
    expect(only!.rank).toBe(1);
    expect(only!.score).toBeCloseTo(50 * 0.8, 12);
  });

  test("appraiseProjects(projects) with no value for any weighted criterion leaves a project unranked, last", () => {
    const results = appraiseProjects(
      [
        { id: "a", amount: 1, jobs: 1, localSpendShare: null },
        { id: "b", amount: 1, jobs: 1, localSpendShare: 0.4 },
      ],
      { weights: { localSpend: 1 } },
    );
    expect(results.map((result) => [result.id, result.rank])).toEqual([
      ["b", 1],
      ["a", null],
    ]);
    expect(results[1]!.baseScore).toBeNaN();
    expect(results[1]!.score).toBeNaN();
  });

  test("appraiseProjects(projects) gives tied projects the same rank, skips the next, and orders them by id", () => {
    const results = appraiseProjects([
      { id: "c", amount: 1, jobs: 1 },
      { id: "b", amount: 1, jobs: 3 },
      { id: "a", amount: 1, jobs: 3 },
    ]);
    expect(results.map((result) => [result.id, result.rank])).toEqual([
      ["a", 1],
      ["b", 1],
      ["c", 3],
    ]);
  });

  test("appraiseProjects(projects) treats null, undefined, NaN and infinite values as missing", () => {
    const results = appraiseProjects([
      { id: "a", amount: 1, jobs: 1, localSpendShare: Number.NaN, income: Infinity, risk: null },
      { id: "b", amount: 1, jobs: 1, localSpendShare: undefined, co2Change: -Infinity },
    ]);
    for (const result of results) {
      expect(
        result.contributions.find((entry) => entry.criterion === "localSpend")!.value,
      ).toBeNull();
      expect(
        result.contributions.find((entry) => entry.criterion === "co2PerPound")!.value,
      ).toBeNull();
      expect(result.distributionalBasis).toBeNull();
      expect(result.riskFactor).toBe(1);
      expect(result.costPerTonne).toBeNull();
    }
  });

  test("appraiseProjects([]) is empty", () => {
    expect(appraiseProjects([])).toEqual([]);
  });

  test("appraiseProjects(projects, options) throws a RangeError naming the project and field for bad input", () => {
    const ok: AppraisalProject = { id: "p1", amount: 1000, jobs: 2 };
    const bad: [Partial<AppraisalProject>, RegExp][] = [
      [{ amount: -5 }, /project "p1": amount must be a number of pounds above 0, got -5/],
      [{ amount: 0 }, /amount/],
      [{ amount: Number.NaN }, /amount/],
      [{ jobs: -1 }, /jobs must be a number of 0 or more/],
      [{ jobsNoDegree: 3 }, /jobsNoDegree must be from 0 to the project's 2 jobs, got 3/],
      [{ jobsSafeguarded: -1 }, /jobsSafeguarded/],
      [{ localSpendShare: 1.5 }, /localSpendShare must be a share from 0 to 1, got 1.5/],
      [{ localSpendShare: -0.1 }, /localSpendShare/],
      [{ risk: 2 }, /risk must be a probability from 0 to 1/],
      [{ opportunityScore: 101 }, /opportunityScore must be a score from 0 to 100/],
      [{ income: 0 }, /income must be a number of pounds above 0/],
      [{ pay: -1 }, /pay/],
      [{ localMedianPay: 0 }, /localMedianPay/],
      [{ lifetimeYears: 0 }, /lifetimeYears/],
      [{ id: "" }, /non-empty string/],
    ];
    for (const [change, message] of bad) {
      expect(() => appraiseProjects([{ ...ok, ...change }])).toThrow(RangeError);
      expect(() => appraiseProjects([{ ...ok, ...change }])).toThrow(message);
    }
    expect(() => appraiseProjects([ok, ok])).toThrow(/the project id "p1" is repeated/);
  });

  test("appraiseProjects(projects, options) throws a RangeError for bad weights and options", () => {
    const projects = [{ id: "p1", amount: 1000, jobs: 2 }];
    const bad: [AppraisalOptions, RegExp][] = [
      [
        { weights: { jobs: 1 } as AppraisalOptions["weights"] },
        /"jobs" is not a criterion \(jobsPerPound, /,
      ],
      [
        { weights: { jobsPerPound: -1 } },
        /the weight of "jobsPerPound" is -1; weights must be non-negative/,
      ],
      [{ weights: { jobsPerPound: Number.NaN } }, /non-negative/],
      [{ weights: {} }, /no criterion a weight above 0/],
      [{ weights: { jobsPerPound: 0 } }, /no criterion a weight above 0/],
      [{ elasticity: -1 }, /elasticity must be a number of 0 or more/],
      [{ referenceIncome: 0 }, /referenceIncome must be a number above 0/],
      [{ deprivationIncomeRatio: 0.5 }, /deprivationIncomeRatio must be a number of 1 or more/],
      [{ lifetimeYears: -2 }, /lifetimeYears must be a number above 0/],
    ];
    for (const [options, message] of bad) {
      expect(() => appraiseProjects(projects, options)).toThrow(RangeError);
      expect(() => appraiseProjects(projects, options)).toThrow(message);
    }
  });
});

describe("distributionalWeight", () => {
  test("distributionalWeight(income, reference, elasticity) is (reference / income)^elasticity", () => {
    // Green Book 2022, Annex A3, para A3.13: with elasticity 1, £1 to someone on £20,000 is
    // worth twice £1 to someone on £40,000.
    expect(distributionalWeight(20_000, 40_000, 1)).toBe(2);
    expect(distributionalWeight(20_000, 30_000)).toBeCloseTo(1.5 ** 1.3, 12);
    expect(distributionalWeight(20_000, 30_000, 0)).toBe(1);
    expect(distributionalWeight(30_000, 30_000)).toBe(1);
    expect(distributionalWeight(60_000, 30_000)).toBeLessThan(1);
  });

  test("distributionalWeight(income, reference, elasticity) throws a RangeError for bad arguments", () => {
    expect(() => distributionalWeight(0, 30_000)).toThrow(/income must be a number above 0/);
    expect(() => distributionalWeight(20_000, -1)).toThrow(/referenceIncome/);
    expect(() => distributionalWeight(20_000, 30_000, -0.5)).toThrow(/elasticity/);
  });
});
