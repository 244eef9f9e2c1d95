/**
 * Estimates the rendered width of a line of text in a proportional sans-serif font (Arial, the
 * GOV.UK fallback, and GDS Transport have similar metrics), without a browser. Charts rendered on
 * the server cannot measure text, so they size margins and truncate labels with this estimate;
 * it errs on the wide side so that text is cut short rather than overflowing.
 *
 * @param text The text, on one line.
 * @param fontSize The font size in the same units as the result (pixels or viewBox units).
 * @returns The estimated width.
 */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const character of text) ems += characterWidth(character);
  return ems * fontSize;
}

// Advance widths in ems, rounded up from Arial's metrics, by class of character.
function characterWidth(character: string): number {
  if (/[ilIjt.,;:'|!()[\]\s]/.test(character)) return 0.3;
  if (/[fr-]/.test(character)) return 0.38;
  if (/[mwMW%@]/.test(character)) return 0.88;
  if (/[A-Z£&]/.test(character)) return 0.68;
  return 0.57;
}
