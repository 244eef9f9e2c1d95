import { complexityKernels, KernelLayout } from "./complexityKernels.js";
import type { KernelRunner } from "./complexityKernels.js";
import { density as densitySweep } from "./density.js";
import { eigenvector } from "./eigenvector.js";
import { proximity as proximityMatrix } from "./proximity.js";
import { rca } from "./rca.js";

/** How to compute economic complexity. */
export interface ComplexityOptions {
  /**
   * The RCA at or above which a place counts as having an industry (`M_pi = 1`): a positive
   * number, default 1 (py-ecomplexity's `rca_mcp_threshold`).
   */
  threshold?: number;
  /**
   * Whether to compute the proximity between industries, each place's density around each
   * industry, the complexity outlook index (COI) and the complexity outlook gain (COG). Default
   * true; false stops after ECI and PCI, which is much faster on large matrices.
   */
  density?: boolean;
  /**
   * Which complexity outlook gain to compute:
   * - "reference" (default): `COG_pi = (1 - M_pi) sum_j [phi_ij / sum_k phi_kj] (1 - M_pj) PCI_j`,
   *   as py-ecomplexity (`calc_coi_cog`) and economiccomplexity (`complexity_outlook`) compute it;
   * - "atlas": the same minus `(1 - M_pi) (1 - d_pi) PCI_i`, as the Atlas of Economic Complexity
   *   (Hausmann et al. 2014) writes it: moving into a complex industry far from what the place
   *   has costs part of the gain.
   * See docs/methods/economic-complexity.md for which PCI enters the sums.
   */
  cogDefinition?: "reference" | "atlas";
  /**
   * Residual tolerance of the eigenvector behind PCI and ECI (see `eigenvector`); default 1e-12.
   * The eigenvalues of the matrix lie between 0 and 1, so this is close to a relative accuracy.
   */
  tolerance?: number;
  /** The most applications of the (never formed) matrix to a vector; default 2000. */
  maxIterations?: number;
  /**
   * Whether to run the co-occurrence count and the density sweep in WebAssembly where the engine
   * has it; default true. False uses JavaScript loops, which give the same numbers more slowly.
   */
  useWebAssembly?: boolean;
  /**
   * A second thread for the density sweep (see `density`); the I/O side gives one
   * (`kernelRunner` in src/profile/kernelWorker.ts). Default none: one thread.
   */
  parallel?: KernelRunner;
}

/** Economic complexity of a set of places. Matrices are places x industries, row-major. */
export interface ComplexityResult {
  /** The number of places (rows). */
  placeCount: number;
  /** The number of industries (columns). */
  industryCount: number;
  /** Revealed comparative advantage; NaN where the place's or the industry's total is 0. */
  rca: Float64Array;
  /** `M_pi`: 1 where RCA is at or above the threshold, else 0. */
  presence: Uint8Array;
  /** `k_p`: how many industries each place has. */
  diversity: Float64Array;
  /** `k_i`: how many places have each industry. */
  ubiquity: Float64Array;
  /**
   * The economic complexity index of each place, standardised over the places with at least one
   * industry (mean 0, population standard deviation 1, as numpy's default `std` in
   * py-ecomplexity); NaN for places with none, and for every place when it is undefined (fewer
   * than two such places or industries, or no structure: the second eigenvalue is 0).
   */
  eci: Float64Array;
  /**
   * The product (here industry) complexity index: the eigenvector's values shifted and scaled
   * by ECI's mean and standard deviation before ECI is standardised, so that each place's ECI
   * is exactly the mean PCI of its industries. NaN for industries present nowhere.
   */
  pci: Float64Array;
  /** `phi_ij`, industries x industries, symmetric with a zero diagonal (with `density`). */
  proximity?: Float64Array;
  /**
   * `d_pi`, between 0 and 1 (with `density`); NaN for places with no industry and for
   * industries that share no place with any other.
   */
  density?: Float64Array;
  /**
   * The complexity outlook index of each place, standardised over the places with an industry
   * (mean 0, population standard deviation 1), as py-ecomplexity reports it (with `density`);
   * NaN for places with none and when ECI is undefined.
   */
  coi?: Float64Array;
  /**
   * The complexity outlook gain of each place in each industry (with `density`), in units of
   * ECI's standard deviation; 0 where the place has the industry ("reference"), NaN where
   * density is NaN and when ECI is undefined.
   */
  cog?: Float64Array;
  /** Places with no industry at or above the threshold: kept, with NaN for ECI and the rest. */
  emptyPlaces: number[];
  /** Industries no place has at or above the threshold: kept, with NaN for PCI. */
  emptyIndustries: number[];
  /**
   * The second-largest eigenvalue of `Mtilde`, between 0 and 1 (NaN when undefined). The gap
   * between it and the next decides how well PCI is determined.
   */
  eigenvalue: number;
  /** How the eigenvector search went: operator applications, final residual, convergence. */
  eigenvectorSearch: { iterations: number; residual: number; converged: boolean };
}

/**
 * Economic complexity on a place x industry employment matrix, with the conventions of the
 * Growth Lab's py-ecomplexity (Hidalgo and Hausmann 2009, "The building blocks of economic
 * complexity", PNAS 106(26); Hausmann, Hidalgo et al. 2014, "The Atlas of Economic Complexity",
 * MIT Press) so that results compare with it: RCA, presence, diversity and ubiquity, ECI and
 * PCI, proximity, density, the complexity outlook index and gain. Every formula, and where this
 * differs from the reference packages (only in handling empty rows and columns), is in
 * docs/methods/economic-complexity.md.
 *
 * ECI and PCI come from the eigenvector of the second-largest eigenvalue of
 * `Mtilde_ij = sum_p M_pi M_pj / (k_p k_i)` on the industry side. `Mtilde` is similar to the
 * symmetric `S = K^(1/2) Mtilde K^(-1/2) = A'A` with `A_pi = M_pi / sqrt(k_p k_i)`, whose top
 * eigenvector is known (`sqrt(k_i)`, eigenvalue 1), so the second is the top one of `S` with that
 * direction deflated, found by the Lanczos method; `S` is only ever applied to vectors, through
 * each place's list of industries, and no place x place or industry x industry matrix is formed
 * for it.
 *
 * @param employment employment by place and industry, row-major
 *   (`employment[place * industryCount + industry]`); NaN counts as 0. Throws RangeError for a
 *   negative or infinite value or a length other than `placeCount * industryCount`.
 * @param placeCount the number of places.
 * @param industryCount the number of industries.
 * @param options threshold, whether to compute density, COI and COG, and solver settings.
 */
export function complexity(
  employment: Float64Array,
  placeCount: number,
  industryCount: number,
  options: ComplexityOptions = {},
): ComplexityResult {
  const threshold = options.threshold ?? 1;
  if (!(Number.isFinite(threshold) && threshold > 0)) {
    throw new RangeError(`complexity: threshold must be a positive number, got ${threshold}`);
  }
  const cogDefinition = options.cogDefinition ?? "reference";
  if (cogDefinition !== "reference" && cogDefinition !== "atlas") {
    throw new RangeError(
      `complexity: cogDefinition must be "reference" or "atlas", got ${String(cogDefinition)}`,
    );
  }
  const width = industryCount;

  const { rca: rcaValues, presence } = rca(employment, placeCount, industryCount, { threshold });
  const diversity = new Float64Array(placeCount);
  const ubiquity = new Float64Array(industryCount);
  const offsets = new Int32Array(placeCount + 1);
  let presentCount = 0;
  for (let index = 0; index < presence.length; index++) presentCount += presence[index]!;
  // Each place's present industries, listed without a branch on the (near random) pattern:
  // every industry is written and only present ones advance the position; one slot spare.
  const listed = new Int32Array(presentCount + 1);
  for (let place = 0, at = 0; place < placeCount; place++) {
    offsets[place] = at;
    const row = place * width;
    for (let industry = 0; industry < width; industry++) {
      const present = presence[row + industry]!;
      listed[at] = industry;
      at += present;
      ubiquity[industry]! += present;
    }
    diversity[place] = at - offsets[place]!;
    offsets[place + 1] = at;
  }
  const industries = listed.subarray(0, presentCount);
  const emptyPlaces: number[] = [];
  for (let place = 0; place < placeCount; place++) {
    if (diversity[place] === 0) emptyPlaces.push(place);
  }
  const emptyIndustries: number[] = [];
  for (let industry = 0; industry < industryCount; industry++) {
    if (ubiquity[industry] === 0) emptyIndustries.push(industry);
  }

  const indices = complexityIndices(diversity, ubiquity, offsets, industries, options);
  const result: ComplexityResult = {
    placeCount,
    industryCount,
    rca: rcaValues,
    presence,
    diversity,
    ubiquity,
    eci: indices.eci,
    pci: indices.pci,
    emptyPlaces,
    emptyIndustries,
    eigenvalue: indices.eigenvalue,
    eigenvectorSearch: indices.search,
  };
  if (options.density === false) return result;

  const proximity = proximityMatrix(presence, placeCount, industryCount, {
    useWebAssembly: options.useWebAssembly,
  });
  // COI and COG weigh each industry by PCI before centring (see `complexityIndices`), and COG by
  // its proximities' sum as well: w_j = PCI°_j / sum_k phi_kj. Industries without a PCI or with
  // no proximity weigh 0; every proximity to them is 0 anyway.
  const weights = new Float64Array(industryCount);
  for (let j = 0; j < industryCount; j++) {
    let sum = 0;
    for (let k = 0; k < industryCount; k++) sum += proximity[j * industryCount + k]!;
    const outlookPci = indices.outlookPci[j]!;
    weights[j] = sum > 0 && Number.isFinite(outlookPci) ? outlookPci / sum : 0;
  }
  const swept = densitySweep(presence, placeCount, industryCount, proximity, {
    weights,
    useWebAssembly: options.useWebAssembly,
    ...(options.parallel === undefined ? {} : { parallel: options.parallel }),
  });
  const densities = swept.density;
  // The absent-industry sums become COG in place, saving a places x industries array.
  const cog = swept.absentWeighted!;
  const coiRaw = new Float64Array(placeCount).fill(Number.NaN);
  const defined = Number.isFinite(indices.eigenvalue);
  // PCI° with 0 for industries without one; their density is NaN, so they never count.
  const outlookPci = indices.outlookPci.map((value) => (Number.isFinite(value) ? value : 0));
  const atlas = cogDefinition === "atlas" ? 1 : 0;
  for (let place = 0; place < placeCount; place++) {
    const row = place * width;
    if (diversity[place] === 0 || !defined) {
      if (diversity[place] === 0) densities.fill(Number.NaN, row, row + width);
      cog.fill(Number.NaN, row, row + width);
      continue;
    }
    let outlook = 0;
    for (let industry = 0; industry < width; industry++) {
      const at = row + industry;
      const value = densities[at]!;
      const absent = 1 - presence[at]!;
      const pci = outlookPci[industry]!;
      // COG_pi = (1 - M_pi) [sum_j (1 - M_pj) phi_ij PCI°_j / sum_k phi_kj - atlas (1 - d_pi) PCI°_i]
      // and COI_p = sum_i (1 - M_pi) d_pi PCI°_i, as products rather than branches on M; adding
      // 0 turns the -0 of 0 times a negative number into 0.
      cog[at] = absent * (cog[at]! - atlas * (1 - value) * pci) + 0;
      if (Number.isNaN(value)) cog[at] = Number.NaN;
      else outlook += absent * value * pci;
    }
    coiRaw[place] = outlook;
  }
  result.proximity = proximity;
  result.density = densities;
  result.coi = standardise(coiRaw);
  result.cog = cog;
  return result;
}

interface ComplexityIndices {
  eci: Float64Array;
  pci: Float64Array;
  /** PCI before centring: the eigenvector over ECI's standard deviation (see below). */
  outlookPci: Float64Array;
  eigenvalue: number;
  search: { iterations: number; residual: number; converged: boolean };
}

/**
 * ECI and PCI from the presence lists. With `v` the eigenvector of `Mtilde` for its
 * second-largest eigenvalue, `ECI°_p = mean of v_i over p's industries` (py-ecomplexity's
 * `kc = mcp1 @ kp`), the sign is chosen so ECI° correlates positively with diversity, and with
 * `mu` and `sigma` the mean and population standard deviation of ECI° over the places with an
 * industry:
 *
 * `ECI_p = (ECI°_p - mu) / sigma`, `PCI_i = (v_i - mu) / sigma`, `PCI°_i = v_i / sigma`.
 *
 * py-ecomplexity computes COI and COG from the eigenvector before this normalisation and then
 * divides COG by `sigma` (and standardises COI), which is the same as using `PCI°`. Because
 * `v` is orthogonal to the left eigenvector `k` of `Mtilde`, `PCI°` is PCI re-centred so that
 * its ubiquity-weighted mean is 0; it does not depend on how the eigenvector was scaled.
 */
function complexityIndices(
  diversity: Float64Array,
  ubiquity: Float64Array,
  offsets: Int32Array,
  industries: Int32Array,
  options: ComplexityOptions,
): ComplexityIndices {
  const placeCount = diversity.length;
  const industryCount = ubiquity.length;
  const eci = new Float64Array(placeCount).fill(Number.NaN);
  const pci = new Float64Array(industryCount).fill(Number.NaN);
  const outlookPci = new Float64Array(industryCount).fill(Number.NaN);
  const undefinedIndices: ComplexityIndices = {
    eci,
    pci,
    outlookPci,
    eigenvalue: Number.NaN,
    search: { iterations: 0, residual: Number.NaN, converged: false },
  };
  let places = 0;
  for (let place = 0; place < placeCount; place++) if (diversity[place]! > 0) places++;
  let presentIndustries = 0;
  let ubiquityTotal = 0;
  for (let industry = 0; industry < industryCount; industry++) {
    if (ubiquity[industry]! > 0) presentIndustries++;
    ubiquityTotal += ubiquity[industry]!;
  }
  if (places < 2 || presentIndustries < 2) return undefinedIndices;

  // The eigenproblem lives on the industries present somewhere, renumbered 0..n-1 so that the
  // empty ones (whose rows and columns of Mtilde are 0) do not enter the search at all.
  const compact = new Int32Array(industryCount).fill(-1);
  const present: number[] = [];
  for (let industry = 0; industry < industryCount; industry++) {
    if (ubiquity[industry]! > 0) {
      compact[industry] = present.length;
      present.push(industry);
    }
  }
  const size = present.length;
  const compactIndustries =
    size === industryCount ? industries : industries.map((industry) => compact[industry]!);
  // S = K_i^(-1/2) M' K_p^(-1) M K_i^(-1/2), applied through each place's list of industries.
  const scale = new Float64Array(size);
  const top = new Float64Array(size);
  for (let at = 0; at < size; at++) {
    const k = ubiquity[present[at]!]!;
    scale[at] = 1 / Math.sqrt(k);
    top[at] = Math.sqrt(k / ubiquityTotal);
  }
  const apply = sparseProduct(offsets, compactIndustries, diversity, scale, options.useWebAssembly);
  const found = eigenvector(apply, size, {
    deflate: [top],
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
  });
  const search = {
    iterations: found.iterations,
    residual: found.residual,
    converged: found.converged,
  };
  // With a second eigenvalue of 0 every place has the same industries' mix as far as the method
  // can see (Mtilde has rank 1), and the eigenvector is arbitrary.
  if (!(found.value > 1e-10)) return { ...undefinedIndices, search };

  // v = K_i^(-1/2) u is the eigenvector of Mtilde itself (0 for industries present nowhere).
  const v = new Float64Array(industryCount);
  for (let at = 0; at < size; at++) v[present[at]!] = found.vector[at]! * scale[at]!;
  const raw = new Float64Array(placeCount);
  for (let place = 0; place < placeCount; place++) {
    const start = offsets[place]!;
    const end = offsets[place + 1]!;
    let sum = 0;
    for (let at = start; at < end; at++) sum += v[industries[at]!]!;
    raw[place] = end > start ? sum / (end - start) : Number.NaN;
  }
  const sign = orientation(raw, diversity, v, ubiquity);
  let mean = 0;
  for (let place = 0; place < placeCount; place++) {
    if (diversity[place]! > 0) mean += sign * raw[place]!;
  }
  mean /= places;
  let sumOfSquares = 0;
  for (let place = 0; place < placeCount; place++) {
    if (diversity[place]! > 0) sumOfSquares += (sign * raw[place]! - mean) ** 2;
  }
  const deviation = Math.sqrt(sumOfSquares / places);
  // ECI° cannot be constant when the eigenvalue is positive (Mtilde v = lambda v would make v
  // constant, yet v is orthogonal to the ubiquities); this guards against rounding all the same.
  if (!(deviation > 0)) return { ...undefinedIndices, search };
  for (let place = 0; place < placeCount; place++) {
    if (diversity[place]! > 0) eci[place] = (sign * raw[place]! - mean) / deviation;
  }
  for (let industry = 0; industry < industryCount; industry++) {
    if (ubiquity[industry]! > 0) {
      pci[industry] = (sign * v[industry]! - mean) / deviation;
      outlookPci[industry] = (sign * v[industry]!) / deviation;
    }
  }
  return { eci, pci, outlookPci, eigenvalue: found.value, search };
}

/**
 * `output = S input` for `S = K_i^(-1/2) M' K_p^(-1) M K_i^(-1/2)`: each place takes the mean of
 * the scaled input over its industries and adds it back to each of them. With WebAssembly the
 * gathers and scatters run in the kernel `gatherScatter`; otherwise in the same loops here.
 */
function sparseProduct(
  offsets: Int32Array,
  industries: Int32Array,
  diversity: Float64Array,
  scale: Float64Array,
  useWebAssembly: boolean | undefined,
): (input: Float64Array, output: Float64Array) => void {
  const placeCount = diversity.length;
  const industryCount = scale.length;
  const inverseDiversity = new Float64Array(placeCount);
  for (let place = 0; place < placeCount; place++) {
    inverseDiversity[place] = diversity[place]! > 0 ? 1 / diversity[place]! : 0;
  }
  const layout = new KernelLayout();
  const offsetsAt = layout.reserve((placeCount + 1) * 4);
  const entriesAt = layout.reserve(industries.length * 4);
  const scalesAt = layout.reserve(placeCount * 8);
  const inputAt = layout.reserve(industryCount * 8);
  const outputAt = layout.reserve(industryCount * 8);
  const instance = useWebAssembly === false ? undefined : complexityKernels(layout.bytes);
  if (instance !== undefined) {
    const buffer = instance.memory.buffer;
    new Int32Array(buffer, offsetsAt, placeCount + 1).set(offsets);
    const entries = new Int32Array(buffer, entriesAt, industries.length);
    for (let at = 0; at < industries.length; at++) entries[at] = industries[at]! * 8;
    new Float64Array(buffer, scalesAt, placeCount).set(inverseDiversity);
    const input = new Float64Array(buffer, inputAt, industryCount);
    const output = new Float64Array(buffer, outputAt, industryCount);
    // A few calls per product, so the engine's optimised code takes over early (see density).
    const placesPerCall = Math.max(1, Math.ceil(placeCount / 4));
    return (x, y) => {
      for (let industry = 0; industry < industryCount; industry++) {
        input[industry] = x[industry]! * scale[industry]!;
      }
      output.fill(0);
      for (let start = 0; start < placeCount; start += placesPerCall) {
        const end = Math.min(placeCount, start + placesPerCall);
        instance.kernels.gatherScatter(
          offsetsAt,
          entriesAt,
          scalesAt,
          inputAt,
          outputAt,
          start,
          end,
        );
      }
      for (let industry = 0; industry < industryCount; industry++) {
        y[industry] = output[industry]! * scale[industry]!;
      }
    };
  }
  const scaled = new Float64Array(industryCount);
  return (x, y) => {
    for (let industry = 0; industry < industryCount; industry++) {
      scaled[industry] = x[industry]! * scale[industry]!;
    }
    for (let place = 0; place < placeCount; place++) {
      const start = offsets[place]!;
      const end = offsets[place + 1]!;
      let sum = 0;
      for (let at = start; at < end; at++) sum += scaled[industries[at]!]!;
      sum *= inverseDiversity[place]!;
      for (let at = start; at < end; at++) y[industries[at]!]! += sum;
    }
    for (let industry = 0; industry < industryCount; industry++) y[industry]! *= scale[industry]!;
  };
}

/**
 * +1 or -1: the sign that makes ECI correlate positively with diversity, as py-ecomplexity
 * chooses it (`np.sign(np.corrcoef(diversity, eci))`). Where that correlation is 0 or undefined
 * (every place equally diverse), the sign that makes PCI correlate negatively with ubiquity;
 * failing that, the sign that makes the first non-zero entry of the eigenvector positive.
 */
function orientation(
  raw: Float64Array,
  diversity: Float64Array,
  v: Float64Array,
  ubiquity: Float64Array,
): number {
  const byDiversity = covarianceSign(diversity, raw, (place) => diversity[place]! > 0);
  if (byDiversity !== 0) return byDiversity;
  const byUbiquity = covarianceSign(ubiquity, v, (industry) => ubiquity[industry]! > 0);
  if (byUbiquity !== 0) return -byUbiquity;
  for (let industry = 0; industry < v.length; industry++) {
    if (ubiquity[industry]! > 0 && v[industry] !== 0) return Math.sign(v[industry]!);
  }
  return 1;
}

/** The sign of the covariance of x and y over the included entries, 0 when negligible. */
function covarianceSign(
  x: Float64Array,
  y: Float64Array,
  include: (index: number) => boolean,
): number {
  let count = 0;
  let meanX = 0;
  let meanY = 0;
  for (let index = 0; index < x.length; index++) {
    if (!include(index)) continue;
    count++;
    meanX += x[index]!;
    meanY += y[index]!;
  }
  meanX /= count;
  meanY /= count;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let index = 0; index < x.length; index++) {
    if (!include(index)) continue;
    const dx = x[index]! - meanX;
    const dy = y[index]! - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  // A correlation within rounding of 0 is taken as 0.
  if (!(Math.abs(covariance) > 1e-12 * Math.sqrt(varianceX * varianceY))) return 0;
  return Math.sign(covariance);
}

/**
 * z-scores over the finite values (population standard deviation); NaN stays NaN, and a
 * constant set of values gives 0.
 */
function standardise(values: Float64Array): Float64Array {
  let count = 0;
  let mean = 0;
  for (const value of values) {
    if (Number.isFinite(value)) {
      count++;
      mean += value;
    }
  }
  const out = new Float64Array(values.length).fill(Number.NaN);
  if (count === 0) return out;
  mean /= count;
  let sumOfSquares = 0;
  for (const value of values) if (Number.isFinite(value)) sumOfSquares += (value - mean) ** 2;
  const deviation = Math.sqrt(sumOfSquares / count);
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (Number.isFinite(value)) out[index] = deviation > 0 ? (value - mean) / deviation : 0;
  }
  return out;
}
