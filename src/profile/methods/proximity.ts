import { complexityKernels, KernelLayout } from "./complexityKernels.js";

/** How to compute co-occurrences and proximities. */
export interface ProximityOptions {
  /**
   * Whether to count with the WebAssembly kernel (bitwise AND and population count) where the
   * engine has WebAssembly; default true. False uses plain JavaScript loops, which give the same
   * counts and are kept for engines without WebAssembly and for testing.
   */
  useWebAssembly?: boolean;
}

/**
 * Hidalgo, Klinger, Barabási and Hausmann's proximity between industries (2007, "The product
 * space conditions the development of nations", Science 317(5837)): the smaller of the two
 * conditional probabilities that a place has one industry given it has the other,
 *
 * `phi_ij = sum_p M_pi M_pj / max(k_i, k_j)` for i != j, and `phi_ii = 0`,
 *
 * where `k_i = sum_p M_pi` is the industry's ubiquity. The diagonal is 0 and a pair of
 * industries present nowhere is 0, as in py-ecomplexity's `calc_discrete_proximity` (symmetric
 * variant) and economiccomplexity's `proximity`.
 *
 * @param presence `M`, 1 where the place has the industry (RCA at or above the threshold), else
 *   0; places x industries, row-major.
 * @param placeCount the number of places.
 * @param industryCount the number of industries.
 * @param options whether to use WebAssembly.
 * @returns industries x industries, row-major and symmetric.
 */
export function proximity(
  presence: Uint8Array,
  placeCount: number,
  industryCount: number,
  options: ProximityOptions = {},
): Float64Array {
  const counts = cooccurrence(presence, placeCount, industryCount, options);
  return proximityFromCounts(counts, industryCount);
}

/**
 * Proximities from co-occurrence counts (whose diagonal holds the ubiquities), as
 * {@link proximity} defines them.
 *
 * @param counts industries x industries co-occurrence counts from {@link cooccurrence}.
 * @param industryCount the number of industries.
 */
export function proximityFromCounts(counts: Int32Array, industryCount: number): Float64Array {
  const values = new Float64Array(industryCount * industryCount);
  for (let i = 0; i < industryCount; i++) {
    const ubiquityI = counts[i * industryCount + i]!;
    for (let j = i + 1; j < industryCount; j++) {
      const both = counts[i * industryCount + j]!;
      if (both === 0) continue;
      const value = both / Math.max(ubiquityI, counts[j * industryCount + j]!);
      values[i * industryCount + j] = value;
      values[j * industryCount + i] = value;
    }
  }
  return values;
}

/**
 * How many places have each pair of industries: `C_ij = sum_p M_pi M_pj`, the matrix `M'M`. The
 * diagonal holds each industry's ubiquity. With WebAssembly, each industry's column of `M` is
 * packed into a bit set over the places and a pair costs one AND and one population count per
 * 64 places; without it, each place adds 1 to every pair of its present industries.
 *
 * @param presence `M`, places x industries, row-major, 0 or 1.
 * @param placeCount the number of places.
 * @param industryCount the number of industries.
 * @param options whether to use WebAssembly.
 * @returns industries x industries counts, row-major and symmetric.
 */
export function cooccurrence(
  presence: Uint8Array,
  placeCount: number,
  industryCount: number,
  options: ProximityOptions = {},
): Int32Array {
  if (presence.length !== placeCount * industryCount) {
    throw new RangeError(
      `cooccurrence: presence has ${presence.length} values, expected ${placeCount * industryCount}`,
    );
  }
  if (options.useWebAssembly !== false && industryCount > 0) {
    const counts = cooccurrenceWasm(presence, placeCount, industryCount);
    if (counts !== undefined) return counts;
  }
  return cooccurrenceLoops(presence, placeCount, industryCount);
}

function cooccurrenceWasm(
  presence: Uint8Array,
  placeCount: number,
  industryCount: number,
): Int32Array | undefined {
  const words = Math.max(1, Math.ceil(placeCount / 64));
  const layout = new KernelLayout();
  const bits = layout.reserve(industryCount * words * 8);
  const out = layout.reserve(industryCount * industryCount * 4);
  const instance = complexityKernels(layout.bytes);
  if (instance === undefined) return undefined;
  // Pack industry i's column into 32-bit halves of its 64-bit words (little-endian, so the
  // half holding places 32w..32w+31 of word w sits at 32-bit index 2w).
  const bitWords = new Uint32Array(instance.memory.buffer, bits, industryCount * words * 2);
  const stride = words * 2;
  for (let place = 0; place < placeCount; place++) {
    const row = place * industryCount;
    const word = place >>> 5;
    const shift = place & 31;
    // Presence is 0 or 1, so shifting it sets the bit or leaves the word alone, without a
    // branch on the (near random) pattern.
    for (let industry = 0, at = word; industry < industryCount; industry++, at += stride) {
      bitWords[at]! |= presence[row + industry]! << shift;
    }
  }
  // Many short calls rather than one long one: engines run a WebAssembly function's first calls
  // in a baseline compiler and switch to optimised code between calls, never inside one.
  const rowsPerCall = Math.max(1, Math.ceil(industryCount / 128));
  for (let start = 0; start < industryCount; start += rowsPerCall) {
    const end = Math.min(industryCount, start + rowsPerCall);
    instance.kernels.cooccurrence(bits, words, industryCount, out, start, end);
  }
  return new Int32Array(instance.memory.buffer, out, industryCount * industryCount).slice();
}

function cooccurrenceLoops(
  presence: Uint8Array,
  placeCount: number,
  industryCount: number,
): Int32Array {
  const counts = new Int32Array(industryCount * industryCount);
  const present = new Int32Array(industryCount);
  for (let place = 0; place < placeCount; place++) {
    const row = place * industryCount;
    let count = 0;
    for (let industry = 0; industry < industryCount; industry++) {
      if (presence[row + industry] !== 0) present[count++] = industry;
    }
    // The upper triangle (i <= j) only; the lower is copied below.
    for (let a = 0; a < count; a++) {
      const base = present[a]! * industryCount;
      for (let b = a; b < count; b++) counts[base + present[b]!]!++;
    }
  }
  for (let i = 0; i < industryCount; i++) {
    for (let j = i + 1; j < industryCount; j++) {
      counts[j * industryCount + i] = counts[i * industryCount + j]!;
    }
  }
  return counts;
}
