import { escapeXml } from "./escapeXml.js";
import { formatValue } from "./formatValue.js";
import { textWidth } from "./textWidth.js";

/** One step of a {@link waterfallChart}. */
export interface WaterfallStep {
  label: string;
  /** The step's change, positive or negative; for a total, the total itself. */
  value: number;
  /** Draw as a total from zero rather than a step from the running total. */
  total?: boolean;
}

/** Options for {@link waterfallChart}. */
export interface WaterfallChartOptions {
  /** What the chart shows, the start of its text alternative. */
  title: string;
  steps: readonly WaterfallStep[];
  /** The unit of the values, such as "jobs". Default none. */
  unit?: string | null;
  /** Width in viewBox units. Default 560. */
  width?: number;
}

const rowHeight = 30;
const barHeight = 18;
const fontSize = 14;

/**
 * Draws a horizontal waterfall: each step starts where the previous ended, rises in blue or falls
 * in red (with a + or − sign, so colour is not the only cue), and totals are drawn from zero in
 * grey. For a shift-share: the national share, the industry mix and the local share adding up to
 * the change.
 */
export function waterfallChart(options: WaterfallChartOptions): string {
  const { title, steps, unit = null, width = 560 } = options;
  const spans: { start: number; end: number }[] = [];
  let running = 0;
  for (const step of steps) {
    if (step.total === true) {
      spans.push({ start: 0, end: step.value });
      running = step.value;
    } else {
      spans.push({ start: running, end: running + step.value });
      running += step.value;
    }
  }
  const minimum = Math.min(0, ...spans.flatMap((span) => [span.start, span.end]));
  const maximum = Math.max(0, ...spans.flatMap((span) => [span.start, span.end]));
  const labelWidth = Math.min(
    width * 0.4,
    Math.max(...steps.map((step) => textWidth(step.label, fontSize)), 40) + 12,
  );
  const valueWidth = 90;
  const left = labelWidth;
  const right = width - valueWidth;
  const range = maximum - minimum || 1;
  const x = (value: number): number => left + ((value - minimum) / range) * (right - left);
  const round = (value: number): number => Math.round(value * 10) / 10;
  const height = steps.length * rowHeight + 8;
  const describe = (step: WaterfallStep): string =>
    `${step.label}: ${step.total === true ? "" : step.value >= 0 ? "+" : "−"}${formatValue(Math.abs(step.value), unit)}`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img"`,
    ` aria-label="${escapeXml(title)}" font-family="&quot;GDS Transport&quot;, arial, sans-serif" font-size="${fontSize}" color="#0b0c0c">`,
    `<title>${escapeXml(title)}</title><desc>${escapeXml(steps.map(describe).join("; "))}</desc><g aria-hidden="true">`,
    `<line x1="${round(x(0))}" x2="${round(x(0))}" y1="0" y2="${height}" stroke="#505a5f"/>`,
  ];
  steps.forEach((step, index) => {
    const span = spans[index]!;
    const y = 4 + index * rowHeight;
    const from = x(Math.min(span.start, span.end));
    const to = x(Math.max(span.start, span.end));
    const colour = step.total === true ? "#505a5f" : step.value >= 0 ? "#1d70b8" : "#d4351c";
    const text =
      step.total === true
        ? formatValue(step.value, unit)
        : `${step.value >= 0 ? "+" : "−"}${formatValue(Math.abs(step.value), unit)}`;
    parts.push(
      `<text x="${round(left - 8)}" y="${y + barHeight / 2}" dy="0.35em" text-anchor="end" fill="currentColor">${escapeXml(step.label)}</text>`,
      `<rect x="${round(from)}" y="${y}" width="${round(Math.max(1, to - from))}" height="${barHeight}" fill="${colour}"/>`,
      `<text x="${round(right + 8)}" y="${y + barHeight / 2}" dy="0.35em" fill="currentColor">${escapeXml(text)}</text>`,
    );
  });
  parts.push("</g></svg>");
  return parts.join("");
}
