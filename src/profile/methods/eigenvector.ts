/** How to look for the leading eigenvector of a symmetric operator. */
export interface EigenvectorOptions {
  /**
   * Orthonormal vectors (unit length, mutually orthogonal) whose span is left out: the result
   * is the leading eigenvector of the operator restricted to their orthogonal complement.
   * Pass the known top eigenvector to get the second. Default none.
   */
  deflate?: readonly Float64Array[];
  /**
   * Convergence tolerance on the residual `||A v - value v||` of the unit eigenvector, in the
   * units of the operator's eigenvalues. Default 1e-12. The angle between the vector returned and
   * the true eigenvector is at most about `tolerance / gap`, where `gap` is the distance from the
   * eigenvalue to the next one.
   */
  tolerance?: number;
  /** The most applications of the operator before giving up (`converged: false`). Default 2000. */
  maxIterations?: number;
  /**
   * The most Lanczos vectors kept before the search restarts from the best vector found so far.
   * Default 120 (or the size of the problem, if smaller). Memory is `basisSize * size` numbers.
   */
  basisSize?: number;
}

/** The leading eigenpair found. */
export interface EigenvectorResult {
  /** The eigenvector, of unit Euclidean length; its sign is arbitrary. */
  vector: Float64Array;
  /** Its eigenvalue, the largest of the operator on the space searched. */
  value: number;
  /** `||A vector - value vector||`, computed with one last application of the operator. */
  residual: number;
  /** How many times the operator was applied. */
  iterations: number;
  /** Whether the residual reached the tolerance within the iteration cap. */
  converged: boolean;
}

/**
 * The eigenvector of the largest eigenvalue of a symmetric linear operator, by the Lanczos
 * method with full reorthogonalisation and explicit restarts (Lanczos 1950, "An iteration
 * method for the solution of the eigenvalue problem of linear differential and integral
 * operators", J. Res. Nat. Bur. Standards 45(4); Golub and Van Loan 2013, "Matrix
 * Computations", 4th ed., sections 10.1-10.3). The operator is only ever applied to vectors, so
 * a large sparse matrix need never be formed.
 *
 * Each step orthogonalises the new Lanczos vector against the deflated vectors and every
 * earlier Lanczos vector (classical Gram-Schmidt, repeated once when the first pass loses more
 * than 30% of the norm, after Daniel, Gragg, Kaufman and Stewart 1976), which keeps the basis
 * orthogonal to machine precision. The largest eigenpair of the small tridiagonal matrix is
 * found by Sturm-sequence bisection and inverse iteration (Golub and Van Loan 8.4), and its
 * residual estimate `|beta_m s_m|` decides convergence; a last application of the operator
 * confirms it. The start vector is a fixed pseudo-random vector, so results are reproducible.
 *
 * @param apply writes `A input` into `output` (which arrives filled with zeros), both of length
 *   `size`; it must not keep either array.
 * @param size the dimension of the operator.
 * @param options deflation vectors, tolerance and iteration caps.
 * @returns the eigenpair, or for a size of 0 (or nothing left after deflation) an empty or zero
 *   vector with value NaN.
 */
export function eigenvector(
  apply: (input: Float64Array, output: Float64Array) => void,
  size: number,
  options: EigenvectorOptions = {},
): EigenvectorResult {
  if (!(Number.isInteger(size) && size >= 0)) {
    throw new RangeError(`eigenvector: size must be a non-negative integer, got ${size}`);
  }
  const deflate = options.deflate ?? [];
  for (const vector of deflate) {
    if (vector.length !== size) {
      throw new RangeError(
        `eigenvector: every deflation vector must have length ${size}, got ${vector.length}`,
      );
    }
  }
  const tolerance = options.tolerance ?? 1e-12;
  if (!(tolerance > 0)) {
    throw new RangeError(`eigenvector: tolerance must be positive, got ${tolerance}`);
  }
  const maxIterations = options.maxIterations ?? 2000;
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) {
    throw new RangeError(
      `eigenvector: maxIterations must be a positive integer, got ${maxIterations}`,
    );
  }
  const basisSize = Math.min(options.basisSize ?? 120, Math.max(1, size - deflate.length));
  if (!(Number.isInteger(basisSize) && basisSize >= 1)) {
    throw new RangeError(`eigenvector: basisSize must be a positive integer, got ${basisSize}`);
  }

  const none: EigenvectorResult = {
    vector: new Float64Array(size),
    value: Number.NaN,
    residual: Number.NaN,
    iterations: 0,
    converged: false,
  };
  const start = startVector(size, deflate);
  if (start === undefined) return none;

  const basis = new Float64Array(basisSize * size);
  const work = new Float64Array(size);
  const alpha = new Float64Array(basisSize);
  const beta = new Float64Array(basisSize);
  let current = start;
  let iterations = 0;
  for (;;) {
    basis.set(current, 0);
    let steps = 0;
    let ritz: Ritz = { value: Number.NaN, vector: new Float64Array(0) };
    for (let step = 0; step < basisSize; step++) {
      const q = basis.subarray(step * size, (step + 1) * size);
      work.fill(0);
      apply(q, work);
      iterations++;
      steps = step + 1;
      alpha[step] = dot(q, work);
      axpy(-alpha[step]!, q, work);
      if (step > 0) axpy(-beta[step - 1]!, basis.subarray((step - 1) * size, step * size), work);
      const norm = reorthogonalise(work, basis, steps, size, deflate);
      beta[step] = norm;
      ritz = largestTridiagonal(alpha, beta, steps);
      const estimate = Math.abs(norm * ritz.vector[steps - 1]!);
      // A tiny norm means the Krylov space is invariant: the Ritz pairs are exact.
      const invariant = norm <= 1e-14 * Math.max(1, Math.abs(ritz.value));
      if (estimate <= tolerance || invariant || iterations >= maxIterations) break;
      if (step + 1 < basisSize) {
        const next = basis.subarray((step + 1) * size, (step + 2) * size);
        for (let index = 0; index < size; index++) next[index] = work[index]! / norm;
      }
    }
    // The Ritz vector: the basis combined with the tridiagonal matrix's eigenvector.
    const vector = new Float64Array(size);
    for (let step = 0; step < steps; step++) {
      axpy(ritz.vector[step]!, basis.subarray(step * size, (step + 1) * size), vector);
    }
    project(vector, deflate);
    normalise(vector);
    work.fill(0);
    apply(vector, work);
    iterations++;
    project(work, deflate);
    axpy(-ritz.value, vector, work);
    const residual = Math.sqrt(dot(work, work));
    // The true residual can sit a little above the estimate from rounding; allow for it.
    const converged = residual <= tolerance * 10;
    if (converged || iterations >= maxIterations) {
      return { vector, value: ritz.value, residual, iterations, converged };
    }
    current = vector;
  }
}

interface Ritz {
  value: number;
  vector: Float64Array;
}

/** A fixed pseudo-random unit vector orthogonal to the deflation vectors. */
function startVector(size: number, deflate: readonly Float64Array[]): Float64Array | undefined {
  if (size === 0) return undefined;
  const vector = new Float64Array(size);
  for (let attempt = 0; attempt < 3; attempt++) {
    for (let index = 0; index < size; index++) {
      // A multiplicative hash of the index (Knuth's 2654435761, The Art of Computer
      // Programming vol. 3, 6.4): uniform-looking values in [-0.5, 0.5), the same every run.
      const hash = Math.imul(index + 1 + attempt * size, 0x9e3779b1) >>> 0;
      vector[index] = hash / 4_294_967_296 - 0.5;
    }
    project(vector, deflate);
    project(vector, deflate);
    if (normalise(vector) > 1e-8) return vector;
  }
  return undefined;
}

/**
 * Removes from `work` its components along the deflation vectors and the first `count` basis
 * vectors, twice if the first pass cancelled most of it, and returns the norm left.
 */
function reorthogonalise(
  work: Float64Array,
  basis: Float64Array,
  count: number,
  size: number,
  deflate: readonly Float64Array[],
): number {
  let before = Math.sqrt(dot(work, work));
  for (let pass = 0; pass < 2; pass++) {
    project(work, deflate);
    for (let step = 0; step < count; step++) {
      const q = basis.subarray(step * size, (step + 1) * size);
      axpy(-dot(q, work), q, work);
    }
    const after = Math.sqrt(dot(work, work));
    // Daniel, Gragg, Kaufman and Stewart (1976): one more pass if more than 1 - 1/sqrt(2) of
    // the norm was lost, as cancellation then leaves components along the basis.
    if (after > 0.7071 * before) return after;
    before = after;
  }
  return before;
}

function project(vector: Float64Array, deflate: readonly Float64Array[]): void {
  for (const direction of deflate) axpy(-dot(direction, vector), direction, vector);
}

function normalise(vector: Float64Array): number {
  const norm = Math.sqrt(dot(vector, vector));
  if (norm > 0) for (let index = 0; index < vector.length; index++) vector[index]! /= norm;
  return norm;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += a[index]! * b[index]!;
  return sum;
}

function axpy(scale: number, x: Float64Array, y: Float64Array): void {
  for (let index = 0; index < x.length; index++) y[index]! += scale * x[index]!;
}

/**
 * The largest eigenvalue of the symmetric tridiagonal matrix with diagonal `alpha[0..m)` and
 * off-diagonal `beta[0..m-1)`, and its unit eigenvector.
 */
function largestTridiagonal(alpha: Float64Array, beta: Float64Array, m: number): Ritz {
  if (m === 1) return { value: alpha[0]!, vector: Float64Array.of(1) };
  // Gershgorin's discs bound the spectrum.
  let low = Infinity;
  let high = -Infinity;
  for (let k = 0; k < m; k++) {
    const radius = (k > 0 ? Math.abs(beta[k - 1]!) : 0) + (k < m - 1 ? Math.abs(beta[k]!) : 0);
    low = Math.min(low, alpha[k]! - radius);
    high = Math.max(high, alpha[k]! + radius);
  }
  const scale = Math.max(Math.abs(low), Math.abs(high), Number.MIN_VALUE);
  const tiny = Number.EPSILON * scale;
  // Sturm count: how many eigenvalues lie below x, from the signs of the LDL' pivots of T - xI.
  const below = (x: number): number => {
    let count = 0;
    let pivot = 1;
    for (let k = 0; k < m; k++) {
      const coupling = k > 0 ? beta[k - 1]! : 0;
      pivot = alpha[k]! - x - (k > 0 ? (coupling * coupling) / pivot : 0);
      if (pivot === 0) pivot = -tiny;
      if (pivot < 0) count++;
    }
    return count;
  };
  // Bisect for the largest eigenvalue: below(low) <= m - 1 and below(high) = m throughout.
  high += tiny;
  for (let step = 0; step < 200 && high - low > 2 * tiny; step++) {
    const middle = 0.5 * (low + high);
    if (below(middle) === m) high = middle;
    else low = middle;
  }
  const value = 0.5 * (low + high);
  return { value, vector: inverseIteration(alpha, beta, m, value, tiny) };
}

/**
 * The eigenvector of a symmetric tridiagonal matrix for an eigenvalue known to machine
 * precision, by inverse iteration: solving `(T - value I) y = b` twice, with Gaussian
 * elimination and partial pivoting on the tridiagonal band (as LAPACK's dgttrf and dgtts2 do).
 */
function inverseIteration(
  alpha: Float64Array,
  beta: Float64Array,
  m: number,
  value: number,
  tiny: number,
): Float64Array {
  const lower = new Float64Array(m - 1);
  const diagonal = new Float64Array(m);
  const upper = new Float64Array(m - 1);
  const upper2 = new Float64Array(Math.max(0, m - 2));
  const swapped = new Uint8Array(m - 1);
  for (let k = 0; k < m; k++) diagonal[k] = alpha[k]! - value;
  for (let k = 0; k < m - 1; k++) {
    lower[k] = beta[k]!;
    upper[k] = beta[k]!;
  }
  for (let k = 0; k < m - 1; k++) {
    if (Math.abs(diagonal[k]!) >= Math.abs(lower[k]!)) {
      if (diagonal[k] === 0) diagonal[k] = tiny;
      const factor = lower[k]! / diagonal[k]!;
      lower[k] = factor;
      diagonal[k + 1]! -= factor * upper[k]!;
    } else {
      // Swap rows k and k + 1 so the larger entry is the pivot.
      const factor = diagonal[k]! / lower[k]!;
      diagonal[k] = lower[k]!;
      lower[k] = factor;
      const previousUpper = upper[k]!;
      upper[k] = diagonal[k + 1]!;
      diagonal[k + 1] = previousUpper - factor * diagonal[k + 1]!;
      if (k < m - 2) {
        upper2[k] = upper[k + 1]!;
        upper[k + 1] = -factor * upper[k + 1]!;
      }
      swapped[k] = 1;
    }
  }
  if (diagonal[m - 1] === 0) diagonal[m - 1] = tiny;
  const vector = new Float64Array(m).fill(1);
  for (let round = 0; round < 3; round++) {
    for (let k = 0; k < m - 1; k++) {
      if (swapped[k] === 1) {
        const previous = vector[k]!;
        vector[k] = vector[k + 1]!;
        vector[k + 1] = previous - lower[k]! * vector[k]!;
      } else {
        vector[k + 1]! -= lower[k]! * vector[k]!;
      }
    }
    for (let k = m - 1; k >= 0; k--) {
      let sum = vector[k]!;
      if (k < m - 1) sum -= upper[k]! * vector[k + 1]!;
      if (k < m - 2) sum -= upper2[k]! * vector[k + 2]!;
      vector[k] = sum / diagonal[k]!;
    }
    let largest = 0;
    for (let k = 0; k < m; k++) largest = Math.max(largest, Math.abs(vector[k]!));
    for (let k = 0; k < m; k++) vector[k]! /= largest;
  }
  normalise(vector);
  return vector;
}
