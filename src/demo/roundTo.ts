/**
 * The value rounded to a number of decimal places, half away from zero, so that the demo's
 * numbers print the same everywhere. Dividing the rounded integer by a power of ten gives the
 * double nearest to the decimal, which prints without trailing noise.
 *
 * @param value the number to round.
 * @param decimals how many decimal places to keep, from 0.
 */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const rounded = Math.sign(value) * Math.round(Math.abs(value) * scale);
  // Avoid -0, which JSON prints as 0 but Object.is tells apart.
  return rounded === 0 ? 0 : rounded / scale;
}
