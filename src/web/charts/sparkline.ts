import { escapeXml } from "./escapeXml.js";

/** Options for {@link sparkline}. */
export interface SparklineOptions {
  /**
   * The text alternative, read out in place of the line, such as
   * "Employment rate, 2015 to 2024: from 71% to 74%". Required.
   */
  label: string;
  /** The width in pixels, also the viewBox width. Default 100. */
  width?: number;
  /** The height in pixels, also the viewBox height. Default 24. */
  height?: number;
  /** The stroke colour of the line and its last point. Default GOV.UK blue, #1d70b8. */
  colour?: string;
}

const strokeWidth = 1.5;
const dotRadius = 2;

/**
 * Renders a sparkline: a tiny line of values in order, with no axes, to sit inline in a table
 * cell or a sentence. Missing values (`null`, `NaN`) leave a gap; a point with no neighbours and
 * the last value are drawn as dots. A constant series is a flat line at mid height, and a series
 * with no values draws nothing but keeps its label. The SVG has `role="img"` and an
 * `aria-label`, and a fixed size in pixels.
 *
 * @param values The values in time order.
 * @param options The label (required) and size.
 * @returns A standalone `<svg>` element as a string.
 */
export function sparkline(values: readonly (number | null)[], options: SparklineOptions): string {
  const { label, width = 100, height = 24, colour = "#1d70b8" } = options;
  const padding = dotRadius + strokeWidth / 2;
  let minimum = Infinity;
  let maximum = -Infinity;
  for (const value of values) {
    if (value === null || !Number.isFinite(value)) continue;
    if (value < minimum) minimum = value;
    if (value > maximum) maximum = value;
  }
  const innerWidth = Math.max(0, width - 2 * padding);
  const innerHeight = Math.max(0, height - 2 * padding);
  const x = (index: number): number =>
    values.length === 1 ? width / 2 : padding + (index * innerWidth) / (values.length - 1);
  // A constant series sits at mid height rather than on the bottom edge.
  const y = (value: number): number =>
    maximum === minimum
      ? height / 2
      : padding + ((maximum - value) * innerHeight) / (maximum - minimum);

  const commands: string[] = [];
  const dots: [number, number][] = [];
  let lastIndex = -1;
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    if (value === null || value === undefined || !Number.isFinite(value)) continue;
    const point = `${round(x(index))},${round(y(value))}`;
    const joined = lastIndex === index - 1 && index > 0;
    commands.push(`${joined ? "L" : "M"}${point}`);
    const next = values[index + 1];
    const isolated = !joined && (next === null || next === undefined || !Number.isFinite(next));
    if (isolated) dots.push([x(index), y(value)]);
    lastIndex = index;
  }
  if (lastIndex >= 0) {
    const last = values[lastIndex]!;
    const alreadyDotted = dots.some(([dotX]) => dotX === x(lastIndex));
    if (!alreadyDotted) dots.push([x(lastIndex), y(last)]);
  }

  const text = escapeXml(label);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="placefirst-sparkline" role="img"`,
    ` aria-label="${text}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${text}</title>`,
  ];
  if (commands.length > 0) {
    parts.push(
      `<path d="${commands.join("")}" fill="none" stroke="${escapeXml(colour)}"`,
      ` stroke-width="${strokeWidth}" stroke-linejoin="round" stroke-linecap="round"/>`,
    );
  }
  for (const [dotX, dotY] of dots) {
    parts.push(
      `<circle cx="${round(dotX)}" cy="${round(dotY)}" r="${dotRadius}" fill="${escapeXml(colour)}"/>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
