import { escapeXml } from "./escapeXml.js";

/** One point of a {@link scatterChart}. */
export interface ScatterPoint {
  x: number;
  y: number;
  /** A short label drawn beside the point (the table beside the chart gives the full name). */
  label: string;
  /** Draw in the highlight colour and shape. */
  highlight?: boolean;
}

/** Options for {@link scatterChart}. */
export interface ScatterChartOptions {
  /** What the chart shows, the start of its text alternative. */
  title: string;
  points: readonly ScatterPoint[];
  xLabel: string;
  yLabel: string;
  /** The axis ranges; default the points' extent. */
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Dashed guide lines, such as the cut between feasible and not. */
  xGuide?: number;
  yGuide?: number;
  /** Width in viewBox units. Default 640; the height is three quarters of it. */
  width?: number;
}

/**
 * A scatter plot with a label beside each point, such as industries by feasibility against
 * attractiveness. Highlighted points are drawn as squares so colour is not the only cue.
 */
export function scatterChart(options: ScatterChartOptions): string {
  const { title, points, xLabel, yLabel, width = 640 } = options;
  const height = Math.round(width * 0.75);
  const margin = { left: 52, right: 16, top: 12, bottom: 44 };
  const finite = points.filter((point) => Number.isFinite(point.x) && Number.isFinite(point.y));
  const extent = (values: number[]): [number, number] =>
    values.length === 0 ? [0, 1] : [Math.min(...values), Math.max(...values)];
  const [x0, x1] = options.xDomain ?? extent(finite.map((point) => point.x));
  const [y0, y1] = options.yDomain ?? extent(finite.map((point) => point.y));
  const sx = (value: number): number =>
    margin.left + ((value - x0) / (x1 - x0 || 1)) * (width - margin.left - margin.right);
  const sy = (value: number): number =>
    height -
    margin.bottom -
    ((value - y0) / (y1 - y0 || 1)) * (height - margin.top - margin.bottom);
  const round = (value: number): number => Math.round(value * 10) / 10;
  const ticks = (from: number, to: number): number[] =>
    Array.from({ length: 5 }, (_, index) => from + ((to - from) * index) / 4);
  const format = (value: number): string =>
    Math.abs(value) >= 10 ? value.toFixed(0) : value.toFixed(2);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img"`,
    ` aria-label="${escapeXml(title)}" font-family="&quot;GDS Transport&quot;, arial, sans-serif" font-size="13" color="#0b0c0c">`,
    `<title>${escapeXml(title)}</title><desc>${escapeXml(
      finite.map((point) => `${point.label}: ${format(point.x)}, ${format(point.y)}`).join("; "),
    )}</desc><g aria-hidden="true">`,
  ];
  for (const tick of ticks(x0, x1)) {
    parts.push(
      `<line x1="${round(sx(tick))}" x2="${round(sx(tick))}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="#e5e6e7"/>`,
      `<text x="${round(sx(tick))}" y="${height - margin.bottom + 16}" text-anchor="middle" fill="currentColor">${format(tick)}</text>`,
    );
  }
  for (const tick of ticks(y0, y1)) {
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${round(sy(tick))}" y2="${round(sy(tick))}" stroke="#e5e6e7"/>`,
      `<text x="${margin.left - 6}" y="${round(sy(tick))}" dy="0.35em" text-anchor="end" fill="currentColor">${format(tick)}</text>`,
    );
  }
  if (options.xGuide !== undefined) {
    parts.push(
      `<line x1="${round(sx(options.xGuide))}" x2="${round(sx(options.xGuide))}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="#505a5f" stroke-dasharray="4 3"/>`,
    );
  }
  if (options.yGuide !== undefined) {
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${round(sy(options.yGuide))}" y2="${round(sy(options.yGuide))}" stroke="#505a5f" stroke-dasharray="4 3"/>`,
    );
  }
  parts.push(
    `<text x="${round((margin.left + width - margin.right) / 2)}" y="${height - 6}" text-anchor="middle" fill="currentColor">${escapeXml(xLabel)}</text>`,
    `<text transform="translate(14 ${round((margin.top + height - margin.bottom) / 2)}) rotate(-90)" text-anchor="middle" fill="currentColor">${escapeXml(yLabel)}</text>`,
  );
  for (const point of finite) {
    const x = round(sx(point.x));
    const y = round(sy(point.y));
    parts.push(
      point.highlight === true
        ? `<rect x="${x - 5}" y="${y - 5}" width="10" height="10" fill="#d4351c"/>`
        : `<circle cx="${x}" cy="${y}" r="5" fill="#1d70b8"/>`,
      `<text x="${x + 8}" y="${y}" dy="0.35em" fill="currentColor">${escapeXml(point.label)}</text>`,
    );
  }
  parts.push("</g></svg>");
  return parts.join("");
}
