import type { Random } from "../../demo/random.js";

/**
 * A gamma deviate with the given shape and scale 1, by Marsaglia and Tsang's squeeze method
 * (Marsaglia and Tsang 2000, "A simple method for generating gamma variables", ACM Transactions
 * on Mathematical Software 26(3), 363-372). Shapes below 1 use the boost in the same paper:
 * Gamma(a) = Gamma(a + 1) * U^(1/a).
 *
 * @param random The seeded generator to draw from.
 * @param shape The shape, at least 0; a shape of 0 gives 0 (the degenerate limit).
 * @returns A non-negative number.
 * @throws RangeError for a negative or non-finite shape.
 */
export function gammaVariate(random: Random, shape: number): number {
  if (!Number.isFinite(shape) || shape < 0) {
    throw new RangeError(`gammaVariate: the shape must be non-negative, got ${shape}`);
  }
  if (shape === 0) return 0;
  if (shape < 1) {
    // 1 - next() lies in (0, 1], so the power is never of zero.
    return gammaVariate(random, shape + 1) * (1 - random.next()) ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = random.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random.next();
    const xSquared = x * x;
    // The squeeze accepts about 98% of candidates without a logarithm.
    if (u < 1 - 0.0331 * xSquared * xSquared) return d * v;
    if (Math.log(u) < 0.5 * xSquared + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A Dirichlet deviate: independent gamma deviates with shapes alpha_i, divided by their sum
 * (Devroye 1986, "Non-Uniform Random Variate Generation", chapter XI.4). Components with alpha 0
 * are 0. The deviates are combined through their logarithms, so that very small shapes, whose
 * gamma deviates underflow to 0, still give a deviate that sums to 1.
 *
 * @param random The seeded generator to draw from.
 * @param alphas The concentration parameters, non-negative, at least one positive.
 * @param into Receives the deviate (summing to 1); a new array when omitted.
 * @returns `into`.
 * @throws RangeError when no alpha is positive, or one is negative or not finite.
 */
export function dirichletVariate(
  random: Random,
  alphas: ArrayLike<number>,
  into: Float64Array = new Float64Array(alphas.length),
): Float64Array {
  let largest = -Infinity;
  for (let index = 0; index < alphas.length; index += 1) {
    const alpha = alphas[index]!;
    if (!Number.isFinite(alpha) || alpha < 0) {
      throw new RangeError(`dirichletVariate: alpha ${index} is ${alpha}; it must be non-negative`);
    }
    let logDraw: number;
    if (alpha === 0) logDraw = -Infinity;
    else if (alpha >= 1) logDraw = Math.log(gammaVariate(random, alpha));
    // The boost of gammaVariate, in logarithms: ln Gamma(a + 1) + ln(U) / a.
    else logDraw = Math.log(gammaVariate(random, alpha + 1)) + Math.log(1 - random.next()) / alpha;
    into[index] = logDraw;
    if (logDraw > largest) largest = logDraw;
  }
  if (largest === -Infinity) {
    throw new RangeError("dirichletVariate: at least one alpha must be positive");
  }
  let total = 0;
  for (let index = 0; index < alphas.length; index += 1) {
    const share = Math.exp(into[index]! - largest);
    into[index] = share;
    total += share;
  }
  for (let index = 0; index < alphas.length; index += 1) into[index] = into[index]! / total;
  return into;
}
