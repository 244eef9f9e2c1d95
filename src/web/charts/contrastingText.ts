/** The GOV.UK text colour, used on light fills. */
const black = "#0b0c0c";
/** White, used on dark fills. */
const white = "#ffffff";

/**
 * Picks the text colour, GOV.UK black (#0b0c0c) or white, with the higher contrast against a
 * fill, using the WCAG 2.2 relative luminance and contrast ratio
 * (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance). White is chosen on dark blue
 * (#1d70b8, 5.2:1 against 3.8:1 for black) and black on yellow (#ffdd00).
 *
 * @param fill The background colour as `#rgb`, `#rrggbb` or `rgb(r, g, b)`; anything else is
 *   taken to be light, so black text is returned.
 * @returns "#0b0c0c" or "#ffffff".
 */
export function contrastingText(fill: string): string {
  const rgb = parseColour(fill);
  if (rgb === undefined) return black;
  const luminance = relativeLuminance(rgb);
  const againstWhite = 1.05 / (luminance + 0.05);
  const againstBlack = (luminance + 0.05) / (relativeLuminance([11, 12, 12]) + 0.05);
  return againstWhite > againstBlack ? white : black;
}

function parseColour(colour: string): [number, number, number] | undefined {
  const text = colour.trim().toLowerCase();
  let match = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(text);
  if (match !== null) {
    return [hex(match[1]! + match[1]!), hex(match[2]! + match[2]!), hex(match[3]! + match[3]!)];
  }
  match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(text);
  if (match !== null) return [hex(match[1]!), hex(match[2]!), hex(match[3]!)];
  match = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*[,)]/.exec(text);
  if (match !== null) return [Number(match[1]), Number(match[2]), Number(match[3])];
  if (text === "white") return [255, 255, 255];
  if (text === "black") return [0, 0, 0];
  return undefined;
}

function hex(digits: string): number {
  return Number.parseInt(digits, 16);
}

// WCAG 2.2 relative luminance of an sRGB colour with 8-bit channels.
function relativeLuminance([red, green, blue]: [number, number, number]): number {
  const linear = (channel: number): number => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}
