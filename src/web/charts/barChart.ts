import { escapeXml } from "./escapeXml.js";
import { formatValue } from "./formatValue.js";
import { textWidth } from "./textWidth.js";

/** One bar of a {@link barChart}. */
export interface BarChartBar {
  /** The category, such as an industry's name; cut short with an ellipsis when too long. */
  label: string;
  /** The value; bars grow right from zero, or left for negative values. */
  value: number;
  /** Whether to pick this bar out (GOV.UK blue and a bold label); others are grey. Default false. */
  highlight?: boolean;
}

/** Options for {@link barChart}. */
export interface BarChartOptions {
  /** What the chart shows, such as "Employment by industry, Demo Town, 2023". */
  title: string;
  /** The bars, drawn top to bottom in the order given (sort them first). */
  bars: readonly BarChartBar[];
  /** The unit of the values, such as "jobs", "£" or "%". Default none. */
  unit?: string | null;
  /** The width of the chart in viewBox units (pixels at natural size). Default 480. */
  width?: number;
  /**
   * Formats a value at the end of its bar and in the text alternative. Default
   * {@link formatValue}, with thousands separators and the unit when it is "£" or "%" (a unit
   * in words is left to the text alternative and the caption, to keep the bars uncluttered).
   */
  format?: (value: number) => string;
}

const fontSize = 14;
const rowHeight = 28;
const barHeight = 18;
const gap = 8;
const padding = 4;
const greyBar = "#505a5f";
const blueBar = "#1d70b8";

/**
 * Renders horizontal bars, one per category, with the category's name on the left and the value
 * at the end of each bar. Bars are proportional to their values from a zero baseline (a zero
 * value draws a bar of zero width). Long names are cut short with an ellipsis; each bar is a
 * group whose `<title>` gives the full name and value. The SVG has `role="img"`, an
 * `aria-label` with the title and the values, and scales to its container's width.
 *
 * @param options The title, bars, unit and width.
 * @returns A standalone `<svg>` element as a string.
 */
export function barChart(options: BarChartOptions): string {
  const { title, bars, unit = null, width = 480 } = options;
  const symbolUnit = unit !== null && (unit.trim().startsWith("£") || unit.trim() === "%");
  const format =
    options.format ?? ((value: number) => formatValue(value, symbolUnit ? unit : null));
  const spoken = options.format ?? ((value: number) => formatValue(value, unit));

  const finite = bars.map((bar) => (Number.isFinite(bar.value) ? bar.value : 0));
  const low = Math.min(0, ...finite);
  const high = Math.max(0, ...finite);
  const valueTexts = bars.map((bar) => format(bar.value));
  const valueWidth = Math.max(0, ...valueTexts.map((text) => textWidth(text, fontSize))) + gap;
  const labelWidth = Math.round(width * 0.38);
  // Room for values on the right of positive bars and on the left of negative ones.
  const plotLeft = labelWidth + gap + (low < 0 ? valueWidth : 0);
  const plotRight = width - padding - (high > 0 || low === 0 ? valueWidth : 0);
  const span = high - low;
  const scale = (value: number): number =>
    span === 0 ? plotLeft : plotLeft + ((value - low) / span) * Math.max(0, plotRight - plotLeft);
  const zero = scale(0);
  const height = bars.length * rowHeight + 2 * padding;

  const label = `${title}: ${describe(bars, spoken)}`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="placefirst-bar-chart" role="img"`,
    ` aria-label="${escapeXml(label)}" width="100%" viewBox="0 0 ${width} ${height}"`,
    ` font-size="${fontSize}" font-family="&quot;GDS Transport&quot;, arial, sans-serif"`,
    ` fill="#0b0c0c">`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(label)}</desc>`,
  ];
  bars.forEach((bar, index) => {
    const top = padding + index * rowHeight;
    const middle = top + rowHeight / 2;
    const value = finite[index]!;
    const end = scale(value);
    const x = Math.min(zero, end);
    const barWidth = Math.abs(end - zero);
    const name = truncate(bar.label, labelWidth - padding, fontSize, bar.highlight === true);
    const valueText = valueTexts[index]!;
    const valueX = value < 0 ? end - gap / 2 : end + gap / 2;
    parts.push(
      `<g class="placefirst-bar-chart__bar">`,
      `<title>${escapeXml(`${bar.label}: ${spoken(bar.value)}`)}</title>`,
      `<text x="${padding}" y="${round(middle)}" dy="0.35em"`,
      bar.highlight === true ? ` font-weight="bold"` : "",
      `>${escapeXml(name)}</text>`,
      `<rect x="${round(x)}" y="${round(middle - barHeight / 2)}" width="${round(barWidth)}"`,
      ` height="${barHeight}" fill="${bar.highlight === true ? blueBar : greyBar}"/>`,
      `<text x="${round(valueX)}" y="${round(middle)}" dy="0.35em"`,
      ` text-anchor="${value < 0 ? "end" : "start"}">${escapeXml(valueText)}</text>`,
      `</g>`,
    );
  });
  if (low < 0) {
    parts.push(
      `<line x1="${round(zero)}" x2="${round(zero)}" y1="${padding}" y2="${height - padding}"`,
      ` stroke="#0b0c0c"/>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}

// A sentence listing every bar when there are few, or the largest and smallest when many.
function describe(bars: readonly BarChartBar[], format: (value: number) => string): string {
  if (bars.length === 0) return "no data.";
  if (bars.length <= 10)
    return `${bars.map((bar) => `${bar.label} ${format(bar.value)}`).join("; ")}.`;
  const finite = bars.filter((bar) => Number.isFinite(bar.value));
  const sorted = [...finite].sort((a, b) => b.value - a.value);
  const largest = sorted[0];
  const smallest = sorted[sorted.length - 1];
  if (largest === undefined || smallest === undefined) return `${bars.length} categories, no data.`;
  return (
    `${bars.length} categories, from ${largest.label} ${format(largest.value)}` +
    ` to ${smallest.label} ${format(smallest.value)}.`
  );
}

function truncate(text: string, width: number, size: number, bold: boolean): string {
  // Bold text is about a tenth wider.
  const measure = (candidate: string): number => textWidth(candidate, size) * (bold ? 1.1 : 1);
  if (measure(text) <= width) return text;
  let cut = text;
  while (cut.length > 0 && measure(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
