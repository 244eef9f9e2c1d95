import { InputError } from "../../core/errors.js";
import type { GradeBallot, TallyResult, TieBreakOrder } from "./ballots.js";
import { rankByRelation, tieBreakPlaces } from "./tieBreak.js";

// The grid, 2^40 steps per unit share, on which balances are compared.
const grid = 2 ** 40;

/** The grade scale used when a consultation does not set its own, worst first. */
export const defaultGrades: readonly string[] = [
  "Reject",
  "Poor",
  "Acceptable",
  "Good",
  "Very good",
  "Excellent",
];

/** How one option was graded. */
export interface MajorityJudgementOption {
  /** The option's majority grade: the lower median of its grades, by name. */
  majorityGrade: string;
  /** The total count of the ballots giving each grade, worst grade first. */
  distribution: number[];
  /** p: the share of the total count that gives a grade strictly above the majority grade. */
  above: number;
  /** q: the share of the total count that gives a grade strictly below the majority grade. */
  below: number;
}

/** The working of a majority judgement tally. */
export interface MajorityJudgementDetails {
  /** The grade scale, worst first; grade g of a ballot is `grades[g]`. */
  grades: string[];
  /** Each option's majority grade and grades; empty when there are no ballots. */
  options: Record<string, MajorityJudgementOption>;
}

/**
 * Tallies grade ballots by Balinski and Laraki's majority judgement (Balinski and Laraki 2011,
 * "Majority Judgment: Measuring, Ranking, and Electing", MIT Press; 2007, "A theory of measuring,
 * electing, and ranking", PNAS 104(21)). Each voter grades each option on a common scale of
 * grades 0 (worst) to G - 1 (best); an option a ballot does not grade gets grade 0, the worst.
 *
 * With W the total count and C(g) the count of grades g or below, an option's majority grade is
 * the lower median α = the lowest g with C(g) >= W / 2, which is also the highest g such that
 * more than half the count gives g or better. With whole-number counts this is Balinski and
 * Laraki's "lower middlemost" grade (of n sorted grades, the ⌈n/2⌉-th). The shares strictly above
 * and below it are p = (W - C(α)) / W and q = C(α - 1) / W.
 *
 * Options rank by majority grade, higher first. Options with the same majority grade are
 * compared by Balinski and Laraki's majority gauge: an option whose p > q ranks by +p, one whose
 * q >= p by -q, higher first; so of two options with more support above than below the median,
 * the one with more above wins, of two with more below, the one with less below wins, and one
 * of the first kind beats one of the second. When the gauges are equal too,
 * the comparison goes on as Balinski and Laraki's majority ranking does, by repeatedly removing a
 * median grade: for whole-number counts this is exactly their rule (compare the sequences of
 * lower medians got by removing one median grade at a time), and for weighted counts it is its
 * continuous form, in which the mass around the median is removed continuously and the lower and
 * upper grades reached are compared at the first point they differ (see
 * {@link compareMajorityValues}). Only options with the same distribution of grades (compared as
 * shares on a grid of 2^-40, so that rounding does not decide) remain tied; they are ordered by
 * the tie-break order and reported in `ties`. See docs/methods/majority-judgement.md.
 *
 * With no options the ranking is empty; with no ballots the winner is null, `details.options` is
 * empty, and every option is in one tie, in the tie-break order.
 *
 * @param ballots the grade ballots, aggregated with counts.
 * @param options the option ids.
 * @param tieBreak the tie-break order; default the options in alphabetical order.
 * @param grades the names of the grades, worst first; default {@link defaultGrades}.
 * @throws InputError when an option is listed twice, the grade scale is empty or repeats a name,
 *   a count is not positive and finite, a ballot grades an unknown option, or a grade is not a
 *   whole number from 0 to G - 1, or when the tie-break order is not a permutation of the
 *   options.
 */
export function majorityJudgement(
  ballots: readonly GradeBallot[],
  options: readonly string[],
  tieBreak?: TieBreakOrder,
  grades: readonly string[] = defaultGrades,
): TallyResult<MajorityJudgementDetails> {
  const places = tieBreakPlaces(options, tieBreak);
  checkGrades(grades);
  const size = options.length;
  const gradeCount = grades.length;
  const distributions = gradeDistributions(ballots, options, gradeCount);
  // balances[option * G + g] = (2 C(g) - W) / W, the share at or below g less the share above
  // it, on a grid of 2^-40: sums of fractional counts carry rounding errors near 2^-52 of W, and
  // on the grid two options whose grades the arithmetic says are equally split compare equal,
  // and an exact half split keeps the lower grade as the median.
  const balances = new Float64Array(size * gradeCount);
  for (let option = 0; option < size; option += 1) {
    const row = option * gradeCount;
    let total = 0;
    for (let grade = 0; grade < gradeCount; grade += 1) total += distributions[row + grade]!;
    let cumulative = 0;
    for (let grade = 0; grade < gradeCount; grade += 1) {
      cumulative += distributions[row + grade]!;
      balances[row + grade] = total > 0 ? Math.round(((2 * cumulative - total) / total) * grid) : 0;
    }
  }
  const comparisons = new Int8Array(size * size);
  for (let i = 0; i < size; i += 1) {
    const rowI = balances.subarray(i * gradeCount, (i + 1) * gradeCount);
    for (let j = i + 1; j < size; j += 1) {
      const rowJ = balances.subarray(j * gradeCount, (j + 1) * gradeCount);
      const order = compareMajorityValues(rowI, rowJ);
      comparisons[i * size + j] = order;
      comparisons[j * size + i] = -order;
    }
  }
  const { ranking, ties } = rankByRelation(
    options,
    (i, j) => comparisons[i * size + j]! > 0,
    places,
  );
  const optionDetails: Record<string, MajorityJudgementOption> = {};
  if (ballots.length > 0) {
    for (const [option, id] of options.entries()) {
      const distribution = Array.from(
        distributions.subarray(option * gradeCount, (option + 1) * gradeCount),
      );
      const majority = balances
        .subarray(option * gradeCount, (option + 1) * gradeCount)
        .findIndex((balance) => balance >= 0);
      optionDetails[id] = gauge(distribution, majority, grades);
    }
  }
  return {
    method: "majority-judgement",
    winner: ballots.length === 0 ? null : (ranking[0] ?? null),
    ranking,
    ties,
    details: { grades: [...grades], options: optionDetails },
  };
}

/**
 * Compares two options by Balinski and Laraki's majority ranking, generalised to weighted counts.
 *
 * Each option is given by its balances b(g) = 2 C(g) - W for g = 0 .. G - 1 (C(g) the count of
 * grades g or below, W the total count, the same for both options), or by the balances over W,
 * as {@link majorityJudgement} passes them; any common scale will do. Removing a mass t of grades
 * on either side of the median leaves, as the lowest and highest grades reached,
 *
 *     lower(t) = min { g : b(g) >= -2t },   upper(t) = min { g : b(g) > 2t },
 *
 * (the lower quantile at 1/2 - t/W and the quantile just above 1/2 + t/W). At t = 0, lower(0) is
 * the majority grade. Both are step functions of t, changing only where 2t is some |b(g)|. The
 * options are compared at the first t where they differ, lower grade first: the option with the
 * higher lower(t) ranks higher, or, when those agree, the one with the higher upper(t).
 *
 * For n voters with whole-number counts, the grades met in order of increasing t, lower before
 * upper at each t, are exactly the lower medians met by repeatedly removing one median grade
 * (for grades r_1 <= ... <= r_5: r_3, r_2, r_4, r_1, r_5; for r_1 .. r_4: r_2, r_3, r_1, r_4),
 * so this is Balinski and Laraki's majority-value comparison. Its first step is the majority
 * gauge: with p > q the upper grade rises at 2t = W(1 - 2p), with q >= p the lower grade falls at
 * 2t = W(1 - 2q), and the earlier change decides.
 *
 * @param a the first option's balances, b(0) .. b(G - 1).
 * @param b the second option's balances, on the same scale and total.
 * @returns 1 when `a` ranks higher, -1 when `b` does, 0 when they are tied.
 */
export function compareMajorityValues(a: ArrayLike<number>, b: ArrayLike<number>): -1 | 0 | 1 {
  // The points where either option's lower or upper grade can change, as values of 2t.
  const points: number[] = [0];
  for (let grade = 0; grade < a.length; grade += 1) {
    points.push(Math.abs(a[grade]!), Math.abs(b[grade]!));
  }
  points.sort((x, y) => x - y);
  let previous = -1;
  for (const point of points) {
    if (point === previous) continue;
    previous = point;
    const lowerA = lowerGrade(a, point);
    const lowerB = lowerGrade(b, point);
    if (lowerA !== lowerB) return lowerA > lowerB ? 1 : -1;
    const upperA = upperGrade(a, point);
    const upperB = upperGrade(b, point);
    if (upperA !== upperB) return upperA > upperB ? 1 : -1;
  }
  return 0;
}

// The lowest grade left after removing mass t below the median: min { g : b(g) >= -2t }.
function lowerGrade(balances: ArrayLike<number>, twiceRemoved: number): number {
  for (let grade = 0; grade < balances.length; grade += 1) {
    if (balances[grade]! >= -twiceRemoved) return grade;
  }
  return balances.length;
}

// The highest grade reached after removing mass t above the median: min { g : b(g) > 2t }, or
// G when every grade has been removed.
function upperGrade(balances: ArrayLike<number>, twiceRemoved: number): number {
  for (let grade = 0; grade < balances.length; grade += 1) {
    if (balances[grade]! > twiceRemoved) return grade;
  }
  return balances.length;
}

// The gauge of one option's distribution of grades (total count > 0) about its majority grade.
function gauge(
  distribution: number[],
  majority: number,
  grades: readonly string[],
): MajorityJudgementOption {
  let total = 0;
  let above = 0;
  let below = 0;
  for (const [grade, count] of distribution.entries()) {
    total += count;
    if (grade > majority) above += count;
    if (grade < majority) below += count;
  }
  return {
    majorityGrade: grades[majority]!,
    distribution,
    above: above / total,
    below: below / total,
  };
}

function checkGrades(grades: readonly string[]): void {
  if (grades.length === 0) {
    throw new InputError("the grade scale is empty; it needs at least one grade", {
      field: "grades",
    });
  }
  const seen = new Set<string>();
  for (const grade of grades) {
    if (seen.has(grade)) {
      throw new InputError(`the grade scale names "${grade}" twice`, {
        field: "grades",
        value: grade,
      });
    }
    seen.add(grade);
  }
}

/**
 * Each option's distribution of grades, as a flat row-major options × grades array of total
 * counts (Neumaier-compensated sums), with options a ballot leaves ungraded given grade 0.
 */
function gradeDistributions(
  ballots: readonly GradeBallot[],
  options: readonly string[],
  gradeCount: number,
): Float64Array {
  const indexes = new Map<string, number>();
  for (const [index, option] of options.entries()) indexes.set(option, index);
  const size = options.length;
  const sums = new Float64Array(size * gradeCount);
  const errors = new Float64Array(size * gradeCount);
  const add = (cell: number, count: number): void => {
    const sum = sums[cell]!;
    const next = sum + count;
    errors[cell] = errors[cell]! + (sum >= count ? sum - next + count : count - next + sum);
    sums[cell] = next;
  };
  // stamps[option] is the number of the ballot that last graded it, so the options a ballot
  // leaves out are found without clearing an array for every ballot.
  const stamps = new Float64Array(size).fill(-1);
  for (const [ballotIndex, ballot] of ballots.entries()) {
    const count = ballot.count;
    // Written so that NaN, a string or a missing count fail too.
    if (!(typeof count === "number" && count > 0 && count < Infinity)) {
      throw new InputError(
        `ballot ${ballotIndex + 1} has count ${String(count)}; it must be positive and finite`,
        { field: "count", value: String(count) },
      );
    }
    for (const [option, grade] of Object.entries(ballot.grades)) {
      const index = indexes.get(option);
      if (index === undefined) {
        throw new InputError(
          `ballot ${ballotIndex + 1} grades "${option}", which is not an option; expected one of ${listed(options)}`,
          { field: "grades", value: option },
        );
      }
      if (!(Number.isInteger(grade) && grade >= 0 && grade < gradeCount)) {
        throw new InputError(
          `ballot ${ballotIndex + 1} gives "${option}" grade ${String(grade)}; grades are whole numbers from 0 to ${gradeCount - 1}`,
          { field: `grades.${option}`, value: String(grade) },
        );
      }
      stamps[index] = ballotIndex;
      add(index * gradeCount + grade, count);
    }
    for (let index = 0; index < size; index += 1) {
      if (stamps[index] !== ballotIndex) add(index * gradeCount, count);
    }
  }
  const distributions = new Float64Array(size * gradeCount);
  for (let cell = 0; cell < distributions.length; cell += 1) {
    distributions[cell] = sums[cell]! + errors[cell]!;
  }
  return distributions;
}

// A long list of options is cut short in messages; the first few say what ids look like.
function listed(options: readonly string[]): string {
  const shown = 20;
  if (options.length <= shown) return options.join(", ");
  return `${options.slice(0, shown).join(", ")} and ${options.length - shown} more`;
}
