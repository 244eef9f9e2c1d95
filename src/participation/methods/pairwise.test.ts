import { describe, expect, test } from "vitest";
import { ballot, randomBallots } from "../../../test/helpers/ballots.js";
import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/random.js";
import type { RankedBallot } from "./ballots.js";
import { RankingReader, pairwiseCounts, pairwiseMatrix } from "./pairwise.js";

/** The pairwise matrix straight from the definition: each ballot's rank of each option. */
function naivePairwise(ballots: readonly RankedBallot[], options: readonly string[]): number[][] {
  const d = options.map(() => options.map(() => 0));
  for (const { count, ranking } of ballots) {
    // Unnamed options share the rank after the last group.
    const rank = (option: string) => {
      const group = ranking.findIndex((members) => members.includes(option));
      return group === -1 ? ranking.length : group;
    };
    for (const [i, a] of options.entries()) {
      for (const [j, b] of options.entries()) {
        if (rank(a) < rank(b)) d[i]![j]! += count;
      }
    }
  }
  return d;
}

describe("pairwiseMatrix", () => {
  test("pairwiseMatrix(ballots, options) counts strict preferences on complete ballots", () => {
    // 2 × A>B>C and 1 × C>A>B: A over B on all 3, A over C on 2, B over C on 2, C over A and B
    // on 1.
    expect(pairwiseMatrix([ballot(2, "A>B>C"), ballot(1, "C>A>B")], ["A", "B", "C"])).toEqual([
      [0, 3, 2],
      [0, 0, 2],
      [1, 1, 0],
    ]);
  });

  test("pairwiseMatrix(ballots, options) ranks unnamed options last and equal, and equal options give nothing", () => {
    // 3 × "A": A over B and C; B and C unnamed, so equal. 2 × "B=C>A": B and C over A, not over
    // each other. 2 × "C": C over A and B.
    const ballots = [ballot(3, "A"), ballot(2, "B=C>A"), ballot(2, "C")];
    expect(pairwiseMatrix(ballots, ["A", "B", "C"])).toEqual([
      [0, 3, 3],
      [2, 0, 0],
      [4, 2, 0],
    ]);
  });

  test("pairwiseMatrix(ballots, options) gives nothing for an empty ballot or one with every option equal", () => {
    expect(pairwiseMatrix([ballot(4, ""), ballot(2, "A=B=C")], ["A", "B", "C"])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  test("pairwiseMatrix(no ballots, options) is all zeros; pairwiseMatrix(ballots, no options) is empty", () => {
    expect(pairwiseMatrix([], ["A", "B"])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(pairwiseMatrix([ballot(1, "")], [])).toEqual([]);
  });

  test("pairwiseMatrix(ballots, options) follows the order of options, not of the ballots", () => {
    expect(pairwiseMatrix([ballot(1, "A>B")], ["B", "A"])).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });

  test("pairwiseMatrix(ballots, options) matches the definition on random truncated and tied ballots", () => {
    // Twelve options so that both ways of adding a row (below, and whole row minus at-or-above)
    // are used on the same ballots.
    const random = new Random(7);
    for (const size of [1, 2, 3, 5, 12]) {
      const options = Array.from({ length: size }, (_, index) => `option ${index}`);
      const ballots = randomBallots(random, options, 300);
      expect(pairwiseMatrix(ballots, options)).toEqual(naivePairwise(ballots, options));
    }
  });

  test("pairwiseMatrix(ballots, options) keeps a cell no ballot adds to at exactly 0 with fractional counts", () => {
    // A is never ranked below B, so d[B][A] must be exactly 0 although B's row is built as a
    // whole-row total minus its at-or-above counts.
    const options = ["A", "B", "C", "D", "E", "F"];
    const ballots = [ballot(0.1, "A>B"), ballot(0.7, "A=B>C"), ballot(0.3, "A"), ballot(0.2, "C")];
    const d = pairwiseMatrix(ballots, options);
    expect(d[1]![0]).toBe(0);
    expect(d[0]![1]).toBeCloseTo(0.4, 15);
    // B is named on the first two ballots, above C to F on both, and above C on neither else.
    expect(d[1]![5]).toBeCloseTo(0.8, 15);
    expect(d[1]![2]).toBeCloseTo(0.8, 15);
    for (let i = 0; i < options.length; i += 1) expect(d[i]![i]).toBe(0);
  });

  test("pairwiseMatrix(ballots, options) throws an InputError naming an unknown option and the options expected", () => {
    const call = () => pairwiseMatrix([ballot(1, "A>B"), ballot(1, "A>Z")], ["A", "B", "C"]);
    expect(call).toThrow(InputError);
    expect(call).toThrow(/ballot 2 ranks "Z", which is not an option; expected one of A, B, C/);
    try {
      call();
    } catch (error) {
      expect((error as InputError).location).toEqual({ field: "ranking", value: "Z" });
    }
  });

  test("pairwiseMatrix(ballots, options) throws an InputError when a ballot names an option twice", () => {
    expect(() => pairwiseMatrix([ballot(1, "A>B>A")], ["A", "B"])).toThrow(/ranks "A" twice/);
    expect(() => pairwiseMatrix([ballot(1, "A=A")], ["A", "B"])).toThrow(/ranks "A" twice/);
  });

  test("pairwiseMatrix(ballots, options) throws an InputError unless every count is positive and finite", () => {
    for (const count of [0, -1, Number.NaN, Infinity]) {
      expect(() => pairwiseMatrix([ballot(count, "A")], ["A"])).toThrow(
        /must be positive and finite/,
      );
    }
  });

  test("pairwiseMatrix(ballots, options) throws an InputError when an option is listed twice", () => {
    expect(() => pairwiseMatrix([], ["A", "B", "A"])).toThrow(/option "A" is listed twice/);
  });
});

describe("pairwiseCounts", () => {
  test("pairwiseCounts(ballots, options) is the matrix flattened by rows", () => {
    const ballots = [ballot(2, "B>A=C")];
    expect(Array.from(pairwiseCounts(ballots, ["A", "B", "C"]))).toEqual(
      pairwiseMatrix(ballots, ["A", "B", "C"]).flat(),
    );
  });
});

describe("RankingReader", () => {
  test("RankingReader.read puts named options first by group, then the unnamed as a last group", () => {
    const reader = new RankingReader(["A", "B", "C", "D", "E"]);
    expect(reader.read(ballot(1, "D>B=A"), 0)).toBe(3);
    expect(Array.from(reader.order)).toEqual([3, 1, 0, 2, 4]);
    expect(Array.from(reader.groupEnds)).toEqual([1, 3, 3, 5, 5]);
    // The arrays are reused; the next ballot overwrites them.
    expect(reader.read(ballot(1, "E"), 1)).toBe(1);
    expect(Array.from(reader.order)).toEqual([4, 0, 1, 2, 3]);
    expect(Array.from(reader.groupEnds)).toEqual([1, 5, 5, 5, 5]);
  });

  test("RankingReader(options) accepts ids that are names of Object.prototype properties", () => {
    const reader = new RankingReader(["constructor", "__proto__", "toString"]);
    expect(reader.read(ballot(1, "toString>__proto__"), 0)).toBe(2);
    expect(Array.from(reader.order)).toEqual([2, 1, 0]);
    expect(() => reader.read(ballot(1, "hasOwnProperty"), 1)).toThrow(/not an option/);
  });
});
