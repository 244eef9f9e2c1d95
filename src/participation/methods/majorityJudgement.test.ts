import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/random.js";
import type { GradeBallot } from "./ballots.js";
import { compareMajorityValues, defaultGrades, majorityJudgement } from "./majorityJudgement.js";

// Grades on the default scale.
const reject = 0;
const poor = 1;
const acceptable = 2;
const good = 3;
const veryGood = 4;
const excellent = 5;

/**
 * Balinski and Laraki's majority value for whole-number counts, straight from the definition:
 * the sequence of lower medians (the ⌈n/2⌉-th of n sorted grades) met by removing one median
 * grade at a time.
 */
function majorityValue(grades: readonly number[]): number[] {
  const sorted = [...grades].sort((a, b) => a - b);
  const sequence: number[] = [];
  while (sorted.length > 0) {
    const median = Math.ceil(sorted.length / 2) - 1;
    sequence.push(sorted[median]!);
    sorted.splice(median, 1);
  }
  return sequence;
}

function compareSequences(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < a.length; index += 1) {
    if (a[index] !== b[index]) return a[index]! > b[index]! ? 1 : -1;
  }
  return 0;
}

describe("majorityJudgement", () => {
  test("majorityJudgement(ballots, options) elects Nashville in the Tennessee capital example", () => {
    // Wikipedia's illustration of voting methods: Tennessee's voters live around Memphis (42%),
    // Nashville (26%), Chattanooga (15%) and Knoxville (17%), and each wants the capital near
    // home. The grades are assumed here, falling with distance on the default scale
    // (0 Reject .. 5 Excellent):
    //
    //                 Memphis  Nashville  Chattanooga  Knoxville
    //   Memphis 42       5         3           1           0
    //   Nashville 26     1         5           3           2
    //   Chattanooga 15   0         3           5           4
    //   Knoxville 17     0         2           4           5
    //
    // The majority grade is the lowest grade g with at least 50 of the 100 at g or below:
    //   Memphis:     Reject 32, Poor 26 (58), ..., Excellent 42    -> Poor,  p 0.42, q 0.32
    //   Nashville:   Acceptable 17, Good 57 (74), Excellent 26      -> Good,  p 0.26, q 0.17
    //   Chattanooga: Poor 42, Good 26 (68), Very good 17, Exc. 15   -> Good,  p 0.32, q 0.42
    //   Knoxville:   Reject 42, Acceptable 26 (68), V. good 15, Exc. 17 -> Acceptable,
    //                p 0.32, q 0.42
    // Nashville and Chattanooga share Good; Nashville's gauge is +0.26 (p > q), Chattanooga's
    // -0.42 (q > p), so Nashville wins. Plurality would elect Memphis, which 58% grade Poor or
    // worse.
    const ballots: GradeBallot[] = [
      { count: 42, grades: { Memphis: 5, Nashville: 3, Chattanooga: 1, Knoxville: 0 } },
      { count: 26, grades: { Memphis: 1, Nashville: 5, Chattanooga: 3, Knoxville: 2 } },
      { count: 15, grades: { Memphis: 0, Nashville: 3, Chattanooga: 5, Knoxville: 4 } },
      { count: 17, grades: { Memphis: 0, Nashville: 2, Chattanooga: 4, Knoxville: 5 } },
    ];
    const result = majorityJudgement(ballots, ["Memphis", "Nashville", "Chattanooga", "Knoxville"]);
    expect(result.method).toBe("majority-judgement");
    expect(result.winner).toBe("Nashville");
    expect(result.ranking).toEqual(["Nashville", "Chattanooga", "Knoxville", "Memphis"]);
    expect(result.ties).toEqual([]);
    expect(result.details.grades).toEqual([...defaultGrades]);
    const { options } = result.details;
    expect(options.Memphis).toEqual({
      majorityGrade: "Poor",
      distribution: [32, 26, 0, 0, 0, 42],
      above: 0.42,
      below: 0.32,
    });
    expect(options.Nashville).toMatchObject({ majorityGrade: "Good", above: 0.26, below: 0.17 });
    expect(options.Chattanooga).toMatchObject({ majorityGrade: "Good", above: 0.32, below: 0.42 });
    expect(options.Knoxville).toMatchObject({
      majorityGrade: "Acceptable",
      distribution: [42, 0, 26, 0, 15, 17],
    });
  });

  test("majorityJudgement(ballots) takes the lower median when the count splits evenly", () => {
    // Four voters: 1, 2, 3, 4 (Poor, Acceptable, Good, Very good). Half give Acceptable or below,
    // so the lower median is Acceptable, not Good; p = 2/4 above, q = 1/4 below.
    const result = majorityJudgement(
      [
        { count: 1, grades: { A: poor } },
        { count: 1, grades: { A: acceptable } },
        { count: 1, grades: { A: good } },
        { count: 1, grades: { A: veryGood } },
      ],
      ["A"],
    );
    expect(result.details.options.A).toMatchObject({
      majorityGrade: "Acceptable",
      above: 0.5,
      below: 0.25,
    });
  });

  test("majorityJudgement(ballots) keeps the lower median at an exact half split of fractional counts", () => {
    // Counts 9 at Poor and 4 + 5 at Good split exactly in half, so the lower median is Poor. Scaled
    // by 0.3 they no longer balance in floating point (9 × 0.3 is 2.6999999999999997, while
    // 4 × 0.3 + 5 × 0.3 is 2.7), which would move the median to Good if balances were compared
    // exactly rather than on a grid.
    for (const scale of [1, 0.3]) {
      const result = majorityJudgement(
        [
          { count: 9 * scale, grades: { A: poor } },
          { count: 4 * scale, grades: { A: good } },
          { count: 5 * scale, grades: { A: good } },
        ],
        ["A"],
      );
      expect(result.details.options.A!.majorityGrade).toBe("Poor");
      expect(result.details.options.A!.above).toBeCloseTo(0.5, 14);
    }
  });

  test("majorityJudgement(ballots) breaks a shared majority grade by the majority gauge", () => {
    // All three have majority grade Good (10 voters, lower median the 5th grade).
    // A: 4 Excellent, 6 Good: p = 0.4, q = 0 -> +0.4.
    // B: 2 Excellent, 8 Good: p = 0.2, q = 0 -> +0.2.
    // C: 3 Excellent, 5 Good, 2 Poor: p = 0.3, q = 0.2 -> +0.3.
    // D: 6 Good, 4 Poor: p = 0, q = 0.4 -> -0.4.
    // E: 7 Good, 3 Poor: p = 0, q = 0.3 -> -0.3.
    // Gauges, highest first: A +0.4, C +0.3, B +0.2, E -0.3, D -0.4.
    const result = majorityJudgement(
      [
        { count: 2, grades: { A: excellent, B: excellent, C: excellent, D: good, E: good } },
        { count: 1, grades: { A: excellent, B: good, C: excellent, D: good, E: good } },
        { count: 1, grades: { A: excellent, B: good, C: good, D: good, E: good } },
        { count: 2, grades: { A: good, B: good, C: good, D: good, E: good } },
        { count: 1, grades: { A: good, B: good, C: good, D: poor, E: good } },
        { count: 1, grades: { A: good, B: good, C: good, D: poor, E: poor } },
        { count: 2, grades: { A: good, B: good, C: poor, D: poor, E: poor } },
      ],
      ["A", "B", "C", "D", "E"],
    );
    for (const option of ["A", "B", "C", "D", "E"]) {
      expect(result.details.options[option]!.majorityGrade).toBe("Good");
    }
    expect(result.ranking).toEqual(["A", "C", "B", "E", "D"]);
    expect(result.ties).toEqual([]);
  });

  test("majorityJudgement(ballots) goes on past an equal gauge as Balinski and Laraki's majority ranking does", () => {
    // A: grades 1, 2, 2, 3, 3; B: 1, 2, 2, 4, 4. Both have majority grade 2 with p = 0.4 and
    // q = 0.2, so equal gauges. Removing median grades one at a time gives A: 2, 2, 3, 1, 3 and
    // B: 2, 2, 4, 1, 4; they first differ at the third, where B's 4 beats A's 3.
    const grades = { A: [1, 2, 2, 3, 3], B: [1, 2, 2, 4, 4] };
    expect(majorityValue(grades.A)).toEqual([2, 2, 3, 1, 3]);
    expect(majorityValue(grades.B)).toEqual([2, 2, 4, 1, 4]);
    const ballots = grades.A.map((grade, voter) => ({
      count: 1,
      grades: { A: grade, B: grades.B[voter]! },
    }));
    const result = majorityJudgement(ballots, ["A", "B"]);
    expect(result.details.options.A).toMatchObject({ above: 0.4, below: 0.2 });
    expect(result.details.options.B).toMatchObject({ above: 0.4, below: 0.2 });
    expect(result.ranking).toEqual(["B", "A"]);
    expect(result.ties).toEqual([]);
  });

  test("majorityJudgement(ballots) agrees with the majority value got by removing one median at a time", () => {
    // Random electorates with whole-number counts: the ranking must be the options sorted by
    // their majority values, highest first, ties in alphabetical order.
    const random = new Random(31415);
    const options = ["a", "b", "c", "d"];
    const scale = ["0", "1", "2", "3"];
    for (let trial = 0; trial < 400; trial += 1) {
      const ballots: GradeBallot[] = [];
      const voterGrades: Record<string, number[]> = { a: [], b: [], c: [], d: [] };
      const ballotCount = random.integer(1, 6);
      for (let ballot = 0; ballot < ballotCount; ballot += 1) {
        const count = random.integer(1, 3);
        const grades: Record<string, number> = {};
        for (const option of options) {
          // Some options are left ungraded, which is the worst grade.
          if (random.next() < 0.85) grades[option] = random.integer(0, 3);
          for (let voter = 0; voter < count; voter += 1) {
            voterGrades[option]!.push(grades[option] ?? 0);
          }
        }
        ballots.push({ count, grades });
      }
      const values = Object.fromEntries(
        options.map((option) => [option, majorityValue(voterGrades[option]!)]),
      );
      const expected = [...options].sort(
        (x, y) => compareSequences(values[y]!, values[x]!) || (x < y ? -1 : 1),
      );
      const result = majorityJudgement(ballots, options, undefined, scale);
      expect(result.ranking).toEqual(expected);
      for (const group of result.ties) {
        for (const option of group) expect(values[option]).toEqual(values[group[0]!]);
      }
    }
  });

  test("majorityJudgement(ballots) does not change when every count is scaled, even by a fraction", () => {
    const random = new Random(99);
    const options = ["p", "q", "r", "s", "t"];
    const ballots: GradeBallot[] = [];
    for (let index = 0; index < 60; index += 1) {
      const grades: Record<string, number> = {};
      for (const option of options) grades[option] = random.integer(0, 5);
      ballots.push({ count: random.integer(1, 50), grades });
    }
    const base = majorityJudgement(ballots, options);
    const scaled = majorityJudgement(
      ballots.map((ballot) => ({ ...ballot, count: ballot.count * 0.37 })),
      options,
    );
    expect(scaled.ranking).toEqual(base.ranking);
    for (const option of options) {
      const before = base.details.options[option]!;
      const after = scaled.details.options[option]!;
      expect(after.majorityGrade).toBe(before.majorityGrade);
      expect(after.above).toBeCloseTo(before.above, 12);
      expect(after.below).toBeCloseTo(before.below, 12);
    }
  });

  test("majorityJudgement(ballots) gives an option left ungraded the worst grade", () => {
    // Three of five grade B Excellent; two leave it out, which counts as Reject. The lower median
    // of 0, 0, 5, 5, 5 is 5, so B's majority grade is still Excellent, q = 0.4.
    const result = majorityJudgement(
      [
        { count: 3, grades: { A: good, B: excellent } },
        { count: 2, grades: { A: good } },
      ],
      ["A", "B"],
    );
    expect(result.details.options.B).toEqual({
      majorityGrade: "Excellent",
      distribution: [2, 0, 0, 0, 0, 3],
      above: 0,
      below: 0.4,
    });
    expect(result.winner).toBe("B");
  });

  test("majorityJudgement(ballots, options, tieBreak, grades) uses a consultation's own scale", () => {
    const result = majorityJudgement(
      [
        { count: 2, grades: { A: 2, B: 1 } },
        { count: 1, grades: { A: 0, B: 2 } },
      ],
      ["A", "B"],
      undefined,
      ["Oppose", "Neutral", "Support"],
    );
    expect(result.details.grades).toEqual(["Oppose", "Neutral", "Support"]);
    expect(result.details.options.A!.majorityGrade).toBe("Support");
    expect(result.details.options.B!.majorityGrade).toBe("Neutral");
    expect(result.ranking).toEqual(["A", "B"]);
  });

  test("majorityJudgement(ballots, options, tieBreak) orders identical distributions by the tie-break order", () => {
    const ballots: GradeBallot[] = [
      { count: 2, grades: { A: good, B: poor, C: poor } },
      { count: 2, grades: { A: good, B: veryGood, C: veryGood } },
      { count: 1, grades: { A: reject, B: acceptable, C: acceptable } },
    ];
    const result = majorityJudgement(ballots, ["A", "B", "C"], ["C", "A", "B"]);
    // B and C: 1, 1, 2, 4, 4 -> Acceptable; A: 0, 3, 3, 3, 3 -> Good.
    expect(result.ranking).toEqual(["A", "C", "B"]);
    expect(result.ties).toEqual([["C", "B"]]);
  });

  test("majorityJudgement(one ballot) ranks by its grades", () => {
    const result = majorityJudgement([{ count: 1, grades: { A: poor, B: good } }], ["A", "B"]);
    expect(result.ranking).toEqual(["B", "A"]);
    expect(result.details.options.B).toMatchObject({ majorityGrade: "Good", above: 0, below: 0 });
  });

  test("majorityJudgement(no ballots) has no winner, no option details and every option in one tie", () => {
    const result = majorityJudgement([], ["b", "a"]);
    expect(result.winner).toBeNull();
    expect(result.ranking).toEqual(["a", "b"]);
    expect(result.ties).toEqual([["a", "b"]]);
    expect(result.details.options).toEqual({});
    expect(majorityJudgement([], [])).toMatchObject({ winner: null, ranking: [], ties: [] });
  });

  test("majorityJudgement(ballots) throws an InputError for an unknown option, a bad grade or count, or a bad scale", () => {
    expect(() => majorityJudgement([{ count: 1, grades: { Z: 1 } }], ["A"])).toThrow(
      /"Z", which is not an option; expected one of A/,
    );
    for (const grade of [-1, 6, 2.5, Number.NaN]) {
      expect(() => majorityJudgement([{ count: 1, grades: { A: grade } }], ["A"])).toThrow(
        InputError,
      );
    }
    expect(() => majorityJudgement([{ count: 1, grades: { A: 6 } }], ["A"])).toThrow(
      /grades are whole numbers from 0 to 5/,
    );
    expect(() => majorityJudgement([{ count: -2, grades: {} }], ["A"])).toThrow(InputError);
    expect(() => majorityJudgement([], ["A"], undefined, [])).toThrow(/grade scale is empty/);
    expect(() => majorityJudgement([], ["A"], undefined, ["Low", "Low"])).toThrow(/"Low" twice/);
  });
});

describe("compareMajorityValues", () => {
  test("compareMajorityValues(a, b) compares balances 2C(g) - W, majority grade first", () => {
    // Grades 0, 1, 1 (W 3): C = 1, 3 so balances -1, 3; grades 0, 0, 1: C = 2, 3, balances 1, 3.
    expect(compareMajorityValues([-1, 3], [1, 3])).toBe(1);
    expect(compareMajorityValues([1, 3], [-1, 3])).toBe(-1);
    expect(compareMajorityValues([-1, 3], [-1, 3])).toBe(0);
  });
});
