import { compensatedSum } from "../../scorecard/methods/index.js";

/** A place's and a benchmark's employment by industry at the start and the end of a span. */
export interface ShiftShareInput {
  /** The place's employment by industry at the start; null, undefined, NaN or ±Infinity where missing. */
  localStart: ArrayLike<number | null | undefined>;
  /** The place's employment by industry at the end, in the same order; missing as above. */
  localEnd: ArrayLike<number | null | undefined>;
  /**
   * The benchmark's (usually the nation's) employment by industry at the start, in the same
   * order; missing as above.
   */
  benchmarkStart: ArrayLike<number | null | undefined>;
  /** The benchmark's employment by industry at the end, in the same order; missing as above. */
  benchmarkEnd: ArrayLike<number | null | undefined>;
}

/** Which decomposition to compute. */
export interface ShiftShareOptions {
  /**
   * "classic" (default): national share, industry mix and local share (Dunn 1960).
   * "estebanMarquillas": the same, with the local share also split into a homothetic
   * competitive effect and an allocation effect (Esteban-Marquillas 1972).
   */
  variant?: "classic" | "estebanMarquillas";
}

/** The components summed over the industries decomposed. */
export interface ShiftShareTotals {
  /** The change in the place's employment over the industries decomposed; NaN when none is. */
  change: number;
  /** The sum of the national shares. */
  nationalShare: number;
  /** The sum of the industry-mix effects. */
  industryMix: number;
  /** The sum of the local shares. */
  localShare: number;
  /**
   * With the Esteban-Marquillas variant, the sum of the homothetic competitive effects over
   * the industries that have one (not those new in the place).
   */
  homotheticCompetitive?: number;
  /** With the Esteban-Marquillas variant, the sum of the allocation effects, likewise. */
  allocation?: number;
}

/**
 * A shift-share decomposition, per industry in the order given and in total. Every array has
 * one entry per industry, in jobs (the unit of the input), and NaN for an industry left out
 * (see `excluded`). For every industry decomposed,
 * `nationalShare + industryMix + localShare = change`, and with the Esteban-Marquillas variant
 * `homotheticCompetitive + allocation = localShare` where both are defined.
 */
export interface ShiftShareResult {
  /** The actual change in the place's employment, `end - start`. */
  change: Float64Array;
  /** `e_i0 G`: the change had the industry grown at the benchmark's overall rate G. */
  nationalShare: Float64Array;
  /** `e_i0 (g_i - G)`: the extra change from the industry's own benchmark rate g_i. */
  industryMix: Float64Array;
  /** `e_i0 (r_i - g_i)`: the change from the place growing the industry faster or slower than the benchmark (the competitive or regional shift). */
  localShare: Float64Array;
  /** The totals of the components over the industries decomposed. */
  totals: ShiftShareTotals;
  /** G, the benchmark's overall growth rate over the span (a fraction); NaN when undefined. */
  benchmarkGrowth: number;
  /**
   * With the Esteban-Marquillas variant: `e*_i0 (r_i - g_i)`, the competitive effect the place
   * would have with the benchmark's industrial structure (its homothetic employment
   * `e*_i0 = E_0 n_i0 / N_0`). NaN for industries new in the place.
   */
  homotheticCompetitive?: Float64Array;
  /**
   * With the Esteban-Marquillas variant: `(e_i0 - e*_i0)(r_i - g_i)`, positive where the place
   * is specialised in an industry it grows faster than the benchmark (or under-represented in
   * one it grows more slowly). NaN for industries new in the place.
   */
  allocation?: Float64Array;
  /** The industries (indices) with no employment in the place at the start but some at the end. */
  newInPlace: number[];
  /** The industries (indices) left out of the decomposition and the totals. */
  excluded: number[];
  /** What was suspicious in the data, once per kind, counted, and how to fix it. */
  warnings: string[];
}

/**
 * A classic shift-share decomposition of a place's employment change between two periods
 * (Dunn 1960, "A statistical and analytical technique for regional analysis", Papers of the
 * Regional Science Association 6; the notation of Stevens and Moore 1980, Journal of Regional
 * Science 20(4)). For each industry i, with e the place's employment, n the benchmark's and N
 * the benchmark's total, at the start (0) and the end (1):
 *
 *     G = (N_1 - N_0) / N_0,   g_i = (n_i1 - n_i0) / n_i0,   r_i = (e_i1 - e_i0) / e_i0
 *     national share  NS_i = e_i0 G
 *     industry mix    IM_i = e_i0 (g_i - G)
 *     local share     LS_i = e_i0 (r_i - g_i)
 *
 * and NS_i + IM_i + LS_i = e_i1 - e_i0. The local share is computed as the change less
 * `e_i0 g_i`, which is the same thing and keeps the sum exact to rounding, and which also
 * covers an industry new in the place (e_i0 = 0): its whole change is local share.
 *
 * The Esteban-Marquillas (1972, "A reinterpretation of shift-share analysis", Regional and
 * Urban Economics 2(3)) variant splits the local share with the homothetic employment
 * `e*_i0 = E_0 (n_i0 / N_0)`, what the place would employ in i with the benchmark's structure:
 * homothetic competitive effect `e*_i0 (r_i - g_i)` and allocation effect
 * `(e_i0 - e*_i0)(r_i - g_i)`.
 *
 * Missing data: an industry missing a local value at either end is left out; G is taken over
 * the industries with both benchmark values; an industry with local employment at the start but
 * no benchmark value or no benchmark employment at the start (so no g_i) is left out. Left-out
 * industries are NaN in every array, listed in `excluded`, not counted in the totals, and
 * warned about. See docs/methods/shift-share.md.
 *
 * @param input the place's and the benchmark's employment by industry at both ends.
 * @param options the variant.
 * @returns the components per industry and in total, with warnings.
 * @throws RangeError when the lengths differ, a value is negative, or the variant is unknown.
 */
export function shiftShare(
  input: ShiftShareInput,
  options: ShiftShareOptions = {},
): ShiftShareResult {
  const { variant = "classic" } = options;
  if (variant !== "classic" && variant !== "estebanMarquillas") {
    throw new RangeError(`shiftShare: unknown variant ${JSON.stringify(variant)}`);
  }
  const count = input.localStart.length;
  const localStart = toValues(input.localStart, "localStart", count);
  const localEnd = toValues(input.localEnd, "localEnd", count);
  const benchmarkStart = toValues(input.benchmarkStart, "benchmarkStart", count);
  const benchmarkEnd = toValues(input.benchmarkEnd, "benchmarkEnd", count);

  // The benchmark's overall growth, over the industries it has at both ends, so that an
  // industry published in one year only does not pass for growth or decline.
  const benchmarkBoth = (values: Float64Array): Float64Array =>
    values.map((value, industry) =>
      Number.isNaN(benchmarkStart[industry]!) || Number.isNaN(benchmarkEnd[industry]!)
        ? Number.NaN
        : value,
    );
  const benchmarkTotalStart = compensatedSum(benchmarkBoth(benchmarkStart));
  const benchmarkTotalEnd = compensatedSum(benchmarkBoth(benchmarkEnd));
  const benchmarkGrowth =
    benchmarkTotalStart > 0
      ? (benchmarkTotalEnd - benchmarkTotalStart) / benchmarkTotalStart
      : Number.NaN;

  const change = new Float64Array(count).fill(Number.NaN);
  const nationalShare = new Float64Array(count).fill(Number.NaN);
  const industryMix = new Float64Array(count).fill(Number.NaN);
  const localShare = new Float64Array(count).fill(Number.NaN);
  const newInPlace: number[] = [];
  const excluded: number[] = [];
  const missingLocal: number[] = [];
  const missingBenchmark: number[] = [];

  for (let industry = 0; industry < count; industry += 1) {
    const e0 = localStart[industry]!;
    const e1 = localEnd[industry]!;
    const n0 = benchmarkStart[industry]!;
    const n1 = benchmarkEnd[industry]!;
    if (Number.isNaN(e0) || Number.isNaN(e1)) {
      missingLocal.push(industry);
      excluded.push(industry);
      continue;
    }
    if (Number.isNaN(benchmarkGrowth)) {
      excluded.push(industry);
      continue;
    }
    const g = n0 > 0 && !Number.isNaN(n1) ? (n1 - n0) / n0 : Number.NaN;
    if (e0 > 0 && Number.isNaN(g)) {
      missingBenchmark.push(industry);
      excluded.push(industry);
      continue;
    }
    change[industry] = e1 - e0;
    if (e0 === 0) {
      // Nothing to grow at the benchmark's rates: the whole change (if any) is local.
      nationalShare[industry] = 0;
      industryMix[industry] = 0;
      localShare[industry] = e1 - e0;
      if (e1 > 0) newInPlace.push(industry);
      continue;
    }
    // Dunn (1960): NS = e0 G, IM = e0 (g - G), LS = e0 (r - g) = (e1 - e0) - e0 g.
    const expectedChange = e0 * g;
    nationalShare[industry] = e0 * benchmarkGrowth;
    industryMix[industry] = expectedChange - nationalShare[industry]!;
    localShare[industry] = e1 - e0 - expectedChange;
  }

  const decomposed = count - excluded.length;
  const total = (values: Float64Array): number =>
    decomposed > 0 ? compensatedSum(values) : Number.NaN;
  const result: ShiftShareResult = {
    change,
    nationalShare,
    industryMix,
    localShare,
    totals: {
      change: total(change),
      nationalShare: total(nationalShare),
      industryMix: total(industryMix),
      localShare: total(localShare),
    },
    benchmarkGrowth,
    newInPlace,
    excluded,
    warnings: [],
  };

  const warnings = result.warnings;
  if (count > 0 && Number.isNaN(benchmarkGrowth)) {
    warnings.push(
      "shiftShare: the benchmark has no employment at the start (over the industries it has " +
        "at both ends), so its growth rate is undefined and nothing is decomposed; supply the " +
        "benchmark's employment for both periods.",
    );
  }
  if (missingLocal.length > 0) {
    warnings.push(
      `shiftShare: ${describe(missingLocal)} no value for the place at the start or the end; ` +
        "the decomposition and its totals leave them out. Supply both periods' values (0 " +
        "where the place has no employment) to include them.",
    );
  }
  if (missingBenchmark.length > 0) {
    warnings.push(
      `shiftShare: ${describe(missingBenchmark)} employment in the place at the start but ` +
        "no benchmark employment at the start (or no benchmark value at one end), so the " +
        "benchmark's growth of the industry is undefined; the decomposition and its totals " +
        "leave them out. Check that the benchmark covers the same industries as the place.",
    );
  }
  if (newInPlace.length > 0) {
    warnings.push(
      `shiftShare: ${describe(newInPlace)} no employment in the place at the start: the ` +
        "whole change of each is local share, as there was nothing to grow at the " +
        "benchmark's rates" +
        (variant === "estebanMarquillas"
          ? ", and it is not split into homothetic competitive and allocation effects."
          : "."),
    );
  }

  if (variant === "estebanMarquillas") {
    addEstebanMarquillas(result, localStart, benchmarkStart, benchmarkTotalStart);
  }
  return result;
}

/**
 * Adds the Esteban-Marquillas (1972) split of the local share to a classic decomposition:
 * homothetic employment `e*_i0 = E_0 n_i0 / N_0`, with E_0 the place's employment at the start
 * over the industries decomposed and N_0 the benchmark's over the industries it has at both
 * ends; homothetic competitive effect `e*_i0 (r_i - g_i)`; allocation effect the rest of the
 * local share, `(e_i0 - e*_i0)(r_i - g_i)`.
 */
function addEstebanMarquillas(
  result: ShiftShareResult,
  localStart: Float64Array,
  benchmarkStart: Float64Array,
  benchmarkTotalStart: number,
): void {
  const count = localStart.length;
  const homotheticCompetitive = new Float64Array(count).fill(Number.NaN);
  const allocation = new Float64Array(count).fill(Number.NaN);
  const placeTotalStart = compensatedSum(
    localStart.map((value, industry) =>
      Number.isNaN(result.change[industry]!) ? Number.NaN : value,
    ),
  );
  let split = 0;
  for (let industry = 0; industry < count; industry += 1) {
    const localShare = result.localShare[industry]!;
    if (Number.isNaN(localShare)) continue;
    const e0 = localStart[industry]!;
    if (e0 === 0) {
      // An industry absent at both ends has nothing to split; one new in the place has an
      // infinite growth rate, and no finite split.
      if (localShare === 0) {
        homotheticCompetitive[industry] = 0;
        allocation[industry] = 0;
        split += 1;
      }
      continue;
    }
    const homotheticStart = (placeTotalStart * benchmarkStart[industry]!) / benchmarkTotalStart;
    // r_i - g_i = LS_i / e_i0, since LS_i = e_i0 (r_i - g_i).
    const relativeGrowth = localShare / e0;
    homotheticCompetitive[industry] = homotheticStart * relativeGrowth;
    allocation[industry] = localShare - homotheticCompetitive[industry]!;
    split += 1;
  }
  result.homotheticCompetitive = homotheticCompetitive;
  result.allocation = allocation;
  result.totals.homotheticCompetitive =
    split > 0 ? compensatedSum(homotheticCompetitive) : Number.NaN;
  result.totals.allocation = split > 0 ? compensatedSum(allocation) : Number.NaN;
}

/** Copies values into a Float64Array, NaN where missing, checking the length and the sign. */
function toValues(
  values: ArrayLike<number | null | undefined>,
  name: string,
  count: number,
): Float64Array {
  if (values.length !== count) {
    throw new RangeError(
      `shiftShare: ${name} has ${values.length} values but localStart has ${count}`,
    );
  }
  const result = new Float64Array(count);
  for (let index = 0; index < count; index += 1) {
    const value = values[index];
    if (value != null && value < 0) {
      throw new RangeError(`shiftShare: ${name}[${index}] is ${value}; employment must be >= 0`);
    }
    result[index] = value != null && Number.isFinite(value) ? value : Number.NaN;
  }
  return result;
}

/** "1 industry (3) has" or "12 industries (0, 1, ..., 9 and 2 more) have", for a warning. */
function describe(industries: number[]): string {
  const shown = industries.slice(0, 10).join(", ");
  const more = industries.length > 10 ? ` and ${industries.length - 10} more` : "";
  return industries.length === 1
    ? `1 industry (index ${shown}) has`
    : `${industries.length} industries (indices ${shown}${more}) have`;
}
