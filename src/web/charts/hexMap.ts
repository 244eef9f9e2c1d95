import { contrastingText } from "./contrastingText.js";
import { escapeXml } from "./escapeXml.js";
import { hexJsonCentres } from "./hexJsonCentres.js";
import type { HexJson } from "./hexJsonCentres.js";
import { textWidth } from "./textWidth.js";

/** Options for {@link hexMap}. */
export interface HexMapOptions {
  /** The HexJSON layout to draw; every hex in it is drawn. */
  layout: HexJson;
  /** The map's accessible name, such as "Employment rate by local authority, 2024". */
  title: string;
  /**
   * A longer text alternative, such as the range of values and where the highest and lowest
   * are; rendered as the SVG's `<desc>`. Default none.
   */
  description?: string;
  /**
   * The fill colour of a hex, given its code. Default a neutral GOV.UK light blue (#d2e2f1).
   * {@link colourScale} makes one from values.
   */
  fill?: (code: string) => string;
  /**
   * Whether a hex has a value. Hexes without one are marked with a diagonal stroke as well as
   * their (grey) fill, so that "no data" does not rest on colour alone. Default: every hex has a
   * value. {@link colourScale} returns one.
   */
  hasValue?: (code: string) => boolean;
  /**
   * The link of a hex, given its code, or undefined for none. A hex with a link becomes an
   * `<a href>` that is focusable with the keyboard and named by the hex's name. Default none.
   */
  href?: (code: string) => string | undefined;
  /**
   * The tooltip of a hex (its `<title>`), such as "Leeds: 72.3%". Default the hex's name
   * (`n`), or its code when it has no name.
   */
  label?: (code: string) => string;
  /**
   * Whether to write a short label inside each hex. Default true when there are 30 hexes or
   * fewer, false otherwise.
   */
  showLabels?: boolean;
  /**
   * The short label written inside a hex when labels are shown. Default the first three letters
   * of the hex's name. Labels too wide for the hex are cut short.
   */
  shortLabel?: (code: string) => string;
  /** Whether a hex is outlined in black to stand out, such as the place being viewed. Default none. */
  highlight?: (code: string) => boolean;
  /** The circumradius of a hex (centre to corner) in viewBox units. Default 10. */
  hexSize?: number;
}

const defaultFill = "#d2e2f1";
const missingMark = "#505a5f";

/**
 * Renders a hex cartogram from a HexJSON layout as an SVG string sized by its viewBox, which
 * fits every hex with a margin and scales to the width of its container (`width="100%"`).
 * Each hex is one `<path>` with a `<title>` tooltip; with `href` it is wrapped in a link named
 * by the hex's name, and the SVG is a `role="group"` named by the title so that the links stay
 * reachable; without links it is a single `role="img"`. Text inside hexes is black or white,
 * whichever contrasts more with the fill. All text is escaped.
 *
 * The page should give a list or table alternative beside the map.
 *
 * @param options The layout, title, colours, links and labels.
 * @returns A standalone `<svg>` element as a string.
 */
export function hexMap(options: HexMapOptions): string {
  const { layout, title, description, hexSize = 10 } = options;
  const centres = hexJsonCentres(layout, hexSize);
  const pointy = layout.layout === "odd-r" || layout.layout === "even-r";
  const halfAcross = (Math.sqrt(3) / 2) * hexSize;
  const halfWidth = pointy ? halfAcross : hexSize;
  const halfHeight = pointy ? hexSize : halfAcross;
  const margin = hexSize / 2;

  let minimumX = Infinity;
  let maximumX = -Infinity;
  let minimumY = Infinity;
  let maximumY = -Infinity;
  for (const { x, y } of centres) {
    if (x < minimumX) minimumX = x;
    if (x > maximumX) maximumX = x;
    if (y < minimumY) minimumY = y;
    if (y > maximumY) maximumY = y;
  }
  if (centres.length === 0) [minimumX, maximumX, minimumY, maximumY] = [0, 0, 0, 0];
  const left = minimumX - halfWidth - margin;
  const top = minimumY - halfHeight - margin;
  const viewWidth = maximumX - minimumX + 2 * (halfWidth + margin);
  const viewHeight = maximumY - minimumY + 2 * (halfHeight + margin);

  // The outline of a hex relative to its first corner, shared by every hex: pointy-top hexes
  // start at the top corner, flat-top hexes at the left corner, both going clockwise.
  const outline = hexOutline(pointy, hexSize);
  const showLabels = options.showLabels ?? centres.length <= 30;
  const fontSize = round(hexSize * 0.55);
  const links = options.href !== undefined;
  const nameOf = (code: string): string => {
    const name = layout.hexes[code]?.n;
    return typeof name === "string" && name.trim() !== "" ? name : code;
  };

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="placefirst-hexmap" role="${links ? "group" : "img"}"`,
    ` aria-label="${escapeXml(title)}" width="100%"`,
    ` viewBox="${round(left)} ${round(top)} ${round(viewWidth)} ${round(viewHeight)}">`,
    `<title>${escapeXml(title)}</title>`,
  ];
  if (description !== undefined && description !== "") {
    parts.push(`<desc>${escapeXml(description)}</desc>`);
  }
  parts.push(
    `<g stroke="#ffffff" stroke-width="${round(hexSize / 10)}" stroke-linejoin="round"`,
    ` font-size="${fontSize}" font-family="&quot;GDS Transport&quot;, arial, sans-serif"`,
    ` text-anchor="middle">`,
  );
  const highlighted: string[] = [];
  for (const { code, x, y } of centres) {
    const fill = options.fill?.(code) ?? defaultFill;
    const tooltip = options.label?.(code) ?? nameOf(code);
    const href = options.href?.(code);
    const start = pointy
      ? `M${round(x)},${round(y - hexSize)}`
      : `M${round(x - hexSize)},${round(y)}`;
    const shape = `${start}${outline}`;
    const open =
      href === undefined
        ? `<g class="placefirst-hexmap__area">`
        : // The link is named by its <title>, not an aria-label: an aria-label that does not
          // contain the abbreviation shown in the hex fails WCAG 2.5.3 (label in name).
          `<a class="placefirst-hexmap__area" href="${escapeXml(href)}">`;
    parts.push(
      open,
      `<title>${escapeXml(tooltip)}</title>`,
      `<path class="placefirst-hexmap__hex" d="${shape}" fill="${escapeXml(fill)}"/>`,
    );
    if (options.hasValue !== undefined && !options.hasValue(code)) {
      const reach = halfAcross * 0.6;
      parts.push(
        `<line x1="${round(x - reach)}" y1="${round(y + reach)}" x2="${round(x + reach)}"`,
        ` y2="${round(y - reach)}" stroke="${missingMark}" stroke-width="${round(hexSize / 8)}"/>`,
      );
    }
    if (showLabels) {
      const text = fitLabel(
        options.shortLabel?.(code) ?? nameOf(code).slice(0, 3),
        1.7 * halfAcross,
        fontSize,
      );
      if (text !== "") {
        parts.push(
          `<text x="${round(x)}" y="${round(y)}" dy="0.35em" stroke="none"`,
          ` fill="${contrastingText(fill)}" aria-hidden="true">${escapeXml(text)}</text>`,
        );
      }
    }
    parts.push(href === undefined ? "</g>" : "</a>");
    if (options.highlight?.(code) === true) highlighted.push(shape);
  }
  parts.push("</g>");
  if (highlighted.length > 0) {
    // Drawn last so that neighbouring hexes' white borders do not cover the outline.
    parts.push(
      `<path class="placefirst-hexmap__highlight" d="${highlighted.join("")}" fill="none"`,
      ` stroke="#0b0c0c" stroke-width="${round(hexSize / 4)}" stroke-linejoin="round"`,
      ` pointer-events="none" aria-hidden="true"/>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}

function hexOutline(pointy: boolean, size: number): string {
  const corners: [number, number][] = [];
  for (let corner = 0; corner < 6; corner += 1) {
    // Pointy-top corners start straight up (-90 degrees); flat-top corners start at the left.
    const angle = ((pointy ? -90 : 180) + 60 * corner) * (Math.PI / 180);
    corners.push([size * Math.cos(angle), size * Math.sin(angle)]);
  }
  let path = "";
  for (let corner = 1; corner < 6; corner += 1) {
    const [fromX, fromY] = corners[corner - 1]!;
    const [toX, toY] = corners[corner]!;
    path += `l${round(toX - fromX)},${round(toY - fromY)}`;
  }
  return `${path}z`;
}

function fitLabel(text: string, width: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= width) return text;
  let cut = text;
  while (cut.length > 0 && textWidth(`${cut}…`, fontSize) > width) cut = cut.slice(0, -1);
  return cut.length === 0 ? "" : `${cut.trimEnd()}…`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
