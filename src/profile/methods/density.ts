import { complexityKernels, KernelLayout, type KernelRunner } from "./complexityKernels.js";

/** What to compute besides density, and how. */
export interface DensityOptions {
  /**
   * A finite weight for each industry, `w_j`. When given, the same sweep also returns
   * `absentWeighted`, the proximity-weighted sum of the weights of the industries each place
   * does not have, from which the complexity outlook gain is made. Default none.
   */
  weights?: Float64Array;
  /**
   * Whether to sweep with the WebAssembly SIMD kernel where the engine has WebAssembly; default
   * true. False uses plain JavaScript loops, which give the same numbers to rounding and are
   * kept for engines without WebAssembly and for testing.
   */
  useWebAssembly?: boolean;
  /**
   * A second thread for the WebAssembly sweep: a large matrix's places are then shared between
   * the two threads, each running the same kernel in the same order, so the numbers are the
   * same. Default none.
   */
  parallel?: KernelRunner;
}

/** Density, and the weighted sum over absent industries when weights were given. */
export interface DensityResult {
  /**
   * `d_pi = sum_j M_pj phi_ij / sum_j phi_ij`, places x industries row-major, between 0 and 1;
   * NaN where the industry's proximities sum to 0 (it shares no place with any other industry).
   */
  density: Float64Array;
  /**
   * With weights, `sum_j (1 - M_pj) phi_ij w_j`, places x industries row-major; 0 where the
   * industry's proximities are all 0.
   */
  absentWeighted?: Float64Array;
}

// Places per pass of the WebAssembly sweep, which goes over one 8-column block of the proximity
// rows at a time: that slice (industries x 64 bytes, 64 KB for 1,000 industries) stays in the
// processor's fastest caches while 512 places pass over it. Measured on the benchmark, this
// beats wider tiles and fewer places by about 15%.
const placesPerPass = 512;

/**
 * The density of each place around each industry (Hidalgo, Klinger, Barabási and Hausmann 2007,
 * "The product space conditions the development of nations", Science 317(5837)): the share of
 * the industry's proximities that lead to industries the place already has,
 *
 * `d_pi = sum_j M_pj phi_ij / sum_j phi_ij`,
 *
 * with `phi_ii = 0`, as py-ecomplexity's `calc_density` computes it. A place with no industry
 * present has density 0 everywhere.
 *
 * Both products with `M` are made in one sweep over each place's present industries: a place
 * adds the proximity rows of the industries it has (about a third of them), never the rest, and
 * the weighted sum over absent industries comes from the total minus the sum over present ones,
 * `sum_j (1 - M_pj) phi_ij w_j = sum_j phi_ij w_j - sum_j M_pj phi_ij w_j`. With WebAssembly the
 * sweep adds two columns at a time, eight columns held in registers, over tiles of the
 * proximity matrix that stay in cache.
 *
 * @param presence `M`, places x industries row-major, 0 or 1.
 * @param placeCount the number of places.
 * @param industryCount the number of industries.
 * @param proximity `phi`, industries x industries, symmetric with a zero diagonal (from
 *   `proximity`).
 * @param options weights for the absent-industry sum; whether to use WebAssembly.
 */
export function density(
  presence: Uint8Array,
  placeCount: number,
  industryCount: number,
  proximity: Float64Array,
  options: DensityOptions = {},
): DensityResult {
  if (presence.length !== placeCount * industryCount) {
    throw new RangeError(
      `density: presence has ${presence.length} values, expected ${placeCount * industryCount}`,
    );
  }
  if (proximity.length !== industryCount * industryCount) {
    throw new RangeError(
      `density: proximity has ${proximity.length} values, expected ${industryCount * industryCount}`,
    );
  }
  const weights = options.weights;
  if (weights !== undefined) {
    if (weights.length !== industryCount) {
      throw new RangeError(
        `density: weights has ${weights.length} values, expected one per industry (${industryCount})`,
      );
    }
    if (!weights.every(Number.isFinite)) throw new RangeError("density: weights must be finite");
  }

  const proximitySums = new Float64Array(industryCount);
  const weightedTotals = new Float64Array(industryCount);
  for (let i = 0; i < industryCount; i++) {
    const row = i * industryCount;
    let sum = 0;
    let weighted = 0;
    for (let j = 0; j < industryCount; j++) sum += proximity[row + j]!;
    if (weights !== undefined) {
      for (let j = 0; j < industryCount; j++) weighted += proximity[row + j]! * weights[j]!;
    }
    proximitySums[i] = sum;
    weightedTotals[i] = weighted;
  }

  const output: SweepOutput = {
    industryCount,
    proximitySums,
    weightedTotals,
    density: new Float64Array(placeCount * industryCount),
    absentWeighted:
      weights === undefined ? undefined : new Float64Array(placeCount * industryCount),
  };
  const lists = presentLists(presence, placeCount, industryCount);
  const swept =
    options.useWebAssembly !== false &&
    industryCount > 0 &&
    placeCount > 0 &&
    sweepWasm(lists, placeCount, industryCount, proximity, weights, output, options.parallel);
  if (!swept) sweepLoops(lists, placeCount, industryCount, proximity, weights, output);
  return output.absentWeighted === undefined
    ? { density: output.density }
    : { density: output.density, absentWeighted: output.absentWeighted };
}

/** Where the sweeps put their results, and what they divide and subtract by. */
interface SweepOutput {
  industryCount: number;
  /** `sum_j phi_ij` for each industry i. */
  proximitySums: Float64Array;
  /** `sum_j phi_ij w_j` for each industry i (zeros without weights). */
  weightedTotals: Float64Array;
  density: Float64Array;
  absentWeighted: Float64Array | undefined;
}

/**
 * Turns one place's sums over its present industries, `sums[at + i]` and `weightedSums[at + i]`,
 * into its density and absent-industry sums.
 */
function finishPlace(
  output: SweepOutput,
  place: number,
  sums: Float64Array,
  weightedSums: Float64Array,
  at: number,
): void {
  const { industryCount, proximitySums, weightedTotals, density, absentWeighted } = output;
  const row = place * industryCount;
  for (let i = 0; i < industryCount; i++) {
    // 0/0 is NaN: an industry with no proximity has no density.
    density[row + i] = sums[at + i]! / proximitySums[i]!;
  }
  if (absentWeighted !== undefined) {
    for (let i = 0; i < industryCount; i++) {
      absentWeighted[row + i] = weightedTotals[i]! - weightedSums[at + i]!;
    }
  }
}

interface PresentLists {
  /** Place p's present industries are `industries[offsets[p]..offsets[p + 1]]`. */
  offsets: Int32Array;
  industries: Int32Array;
}

function presentLists(
  presence: Uint8Array,
  placeCount: number,
  industryCount: number,
): PresentLists {
  let count = 0;
  for (let index = 0; index < presence.length; index++) count += presence[index]!;
  const offsets = new Int32Array(placeCount + 1);
  // One slot spare: every industry is written, and only present ones advance the position, so
  // the loop has no branch to mispredict on a random pattern.
  const industries = new Int32Array(count + 1);
  let at = 0;
  for (let place = 0; place < placeCount; place++) {
    offsets[place] = at;
    const row = place * industryCount;
    for (let industry = 0; industry < industryCount; industry++) {
      industries[at] = industry;
      at += presence[row + industry]!;
    }
  }
  offsets[placeCount] = at;
  return { offsets, industries: industries.subarray(0, count) };
}

// Below this many place-industry cells a second thread costs more than it saves.
const parallelCells = 1_000_000;

function sweepWasm(
  lists: PresentLists,
  placeCount: number,
  industryCount: number,
  proximity: Float64Array,
  weights: Float64Array | undefined,
  output: SweepOutput,
  parallel: KernelRunner | undefined,
): boolean {
  // Rows padded with zeros to whole 8-column blocks (64 bytes, one cache line).
  const blocks = Math.ceil(industryCount / 8);
  const paddedColumns = blocks * 8;
  const rowStride = paddedColumns * 8;
  const entryCount = lists.industries.length;
  const shared = parallel !== undefined && placeCount * industryCount >= parallelCells;
  // With a second thread, it takes the later half of the places, in passes of its own.
  const split = shared ? Math.ceil(placeCount / 2) : placeCount;
  const layout = new KernelLayout();
  const matrix = layout.reserve(industryCount * rowStride);
  const weightsAt = layout.reserve(industryCount * 8);
  const offsets = layout.reserve((placeCount + 1) * 4);
  const entries = layout.reserve(entryCount * 4);
  const passPlaces = Math.min(placesPerPass, split);
  const sums = layout.reserve(passPlaces * rowStride);
  const weightedSums = layout.reserve(passPlaces * rowStride);
  const otherPlaces = placeCount - split;
  const otherSums = layout.reserve(otherPlaces * rowStride);
  const otherWeightedSums = layout.reserve(otherPlaces * rowStride);
  const instance = shared
    ? (parallel!.sharedKernels(layout.bytes) ?? complexityKernels(layout.bytes))
    : complexityKernels(layout.bytes);
  if (instance === undefined) return false;
  const buffer = instance.memory.buffer;
  const rows = new Float64Array(buffer, matrix, industryCount * paddedColumns);
  for (let j = 0; j < industryCount; j++) {
    rows.set(proximity.subarray(j * industryCount, (j + 1) * industryCount), j * paddedColumns);
  }
  if (weights !== undefined) new Float64Array(buffer, weightsAt, industryCount).set(weights);
  new Int32Array(buffer, offsets, placeCount + 1).set(lists.offsets);
  new Int32Array(buffer, entries, entryCount).set(lists.industries);
  // One call per pass of places and 8-column block: many short calls rather than one long one,
  // since engines switch to optimised code between a WebAssembly function's calls, not inside.
  const calls = (from: number, to: number, out: number, weightedOut: number, keep: boolean) => {
    const list: [string, ...number[]][] = [];
    for (let start = from; start < to; start += passPlaces) {
      const end = Math.min(to, start + passPlaces);
      const at = keep ? (start - from) * rowStride : 0;
      for (let block = 0; block < blocks; block++) {
        list.push([
          "densitySweep",
          matrix,
          rowStride,
          weightsAt,
          offsets,
          entries,
          start,
          end,
          block,
          block + 1,
          out + at,
          weightedOut + at,
          rowStride,
        ]);
      }
    }
    return list;
  };
  const run = (list: readonly [string, ...number[]][]): void => {
    const sweep = instance.kernels.densitySweep as (...values: number[]) => void;
    for (const [, ...args] of list) sweep(...args);
  };
  const otherCalls =
    otherPlaces > 0 ? calls(split, placeCount, otherSums, otherWeightedSums, true) : [];
  const other =
    otherCalls.length > 0 && instance.memory.buffer instanceof SharedArrayBuffer
      ? parallel!.start(otherCalls)
      : undefined;
  const sumsView = new Float64Array(buffer, sums, passPlaces * paddedColumns);
  const weightedView = new Float64Array(buffer, weightedSums, passPlaces * paddedColumns);
  for (let start = 0; start < split; start += passPlaces) {
    const end = Math.min(split, start + passPlaces);
    run(calls(start, end, sums, weightedSums, false));
    for (let place = start; place < end; place++) {
      finishPlace(output, place, sumsView, weightedView, (place - start) * paddedColumns);
    }
  }
  if (otherCalls.length > 0) {
    if (other?.wait() !== true) run(otherCalls);
    const otherView = new Float64Array(buffer, otherSums, otherPlaces * paddedColumns);
    const otherWeighted = new Float64Array(buffer, otherWeightedSums, otherPlaces * paddedColumns);
    for (let place = split; place < placeCount; place++) {
      finishPlace(output, place, otherView, otherWeighted, (place - split) * paddedColumns);
    }
  }
  return true;
}

function sweepLoops(
  lists: PresentLists,
  placeCount: number,
  industryCount: number,
  proximity: Float64Array,
  weights: Float64Array | undefined,
  output: SweepOutput,
): void {
  const sums = new Float64Array(industryCount);
  const weightedSums = new Float64Array(industryCount);
  for (let place = 0; place < placeCount; place++) {
    sums.fill(0);
    weightedSums.fill(0);
    for (let at = lists.offsets[place]!; at < lists.offsets[place + 1]!; at++) {
      const j = lists.industries[at]!;
      const row = j * industryCount;
      const weight = weights === undefined ? 0 : weights[j]!;
      for (let i = 0; i < industryCount; i++) {
        const value = proximity[row + i]!;
        sums[i]! += value;
        weightedSums[i]! += weight * value;
      }
    }
    finishPlace(output, place, sums, weightedSums, 0);
  }
}
