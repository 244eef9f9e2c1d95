import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { escapeXml } from "./escapeXml.js";
import { formatValue } from "./formatValue.js";
import { niceTicks } from "./niceTicks.js";
import { serializeSvg } from "./serializeSvg.js";
import { textWidth } from "./textWidth.js";

/** One observation of a {@link LineChartSeries}. */
export interface LineChartPoint {
  /** The period, such as "2015" or "2022-23"; periods are ordinal, in the order first seen. */
  period: string;
  /** The value, or null when missing (the line has a gap). */
  value: number | null;
  /** The lower bound of an uncertainty band, if any. */
  lower?: number | null;
  /** The upper bound of an uncertainty band, if any. */
  upper?: number | null;
}

/** One line of a {@link lineChart}: a place, or a comparison such as its region. */
export interface LineChartSeries {
  /** The name of the series, such as "Demo Town" or "North East". */
  label: string;
  /** The observations, in period order. */
  points: readonly LineChartPoint[];
}

/** Options for {@link lineChart}. */
export interface LineChartOptions {
  /** The indicator's name, such as "GVA per head"; it begins the text alternative. */
  title: string;
  /** The unit, such as "£", "%" or "tCO2e per person". Default none. */
  unit?: string | null;
  /**
   * The series: the place first, then comparisons. They are drawn in GOV.UK blue, orange and
   * grey with solid, dashed and dotted lines and circle, square and triangle points, so that
   * colour is not the only difference.
   */
  series: readonly LineChartSeries[];
  /** The width of the chart in viewBox units (pixels at natural size). Default 320. */
  width?: number;
  /** The height of the chart in viewBox units, before the key. Default 180. */
  height?: number;
  /** Formats a value in the text alternative and tooltips. Default {@link formatValue}. */
  format?: (value: number) => string;
}

const colours = ["#1d70b8", "#f47738", "#505a5f"] as const;
const dashes = [null, "6 3", "2 3", "8 3 2 3"] as const;
const symbols = ["circle", "square", "triangle", "diamond"] as const;
const fontSize = 12;
const fontFamily = '"GDS Transport", arial, sans-serif';
const keyRowHeight = 18;

/**
 * Renders a small multiple line chart of one indicator over time for one place, with optional
 * comparison series and lower-upper bands, using Observable Plot on the server (linkedom as the
 * DOM). Periods are ordinal, in the order they first appear. Missing values leave gaps. When
 * there is more than one series a key is drawn below the chart.
 *
 * The result is a standalone `<svg>` with `role="img"`, an `aria-label` and `<title>` holding a
 * one-sentence text alternative ("GVA per head, Demo Town, 2015 to 2024: from £21,300 to
 * £24,100"), a `<desc>` and `aria-description` with the range of values, a viewBox and
 * `width="100%"` so it scales to its container. Plot's own ARIA attributes (mark descriptions,
 * a label per point) are kept but hidden with `aria-hidden`, as the children of an image are
 * presentational and axe flags `aria-label` on `<g>`. It carries no `<style>` element or inline
 * styles, so it works under a strict content security policy. The page should give the data as
 * a table beside it.
 *
 * @param options The title, unit, series and size.
 * @returns A standalone `<svg>` element as a string.
 */
export function lineChart(options: LineChartOptions): string {
  const { title, unit = null, series, width = 320, height = 180 } = options;
  const format = options.format ?? ((value: number) => formatValue(value, unit));
  const label = describeSeries(title, series, format);
  const description = describeRange(series, format);

  const periods: string[] = [];
  const seen = new Set<string>();
  for (const { points } of series) {
    for (const { period } of points) {
      if (!seen.has(period)) {
        seen.add(period);
        periods.push(period);
      }
    }
  }
  let minimum = Infinity;
  let maximum = -Infinity;
  for (const { points } of series) {
    for (const point of points) {
      for (const value of [point.value, point.lower, point.upper]) {
        if (!isNumber(value)) continue;
        if (value < minimum) minimum = value;
        if (value > maximum) maximum = value;
      }
    }
  }
  if (minimum > maximum) return emptyChart(label, description, width, height);

  // Symbols such as £ and % go on the tick labels; a unit in words is written above the axis.
  const trimmedUnit = unit?.trim() ?? "";
  const symbolUnit = trimmedUnit.startsWith("£") || trimmedUnit === "%";
  const tickFormat = (value: number): string => formatValue(value, symbolUnit ? unit : null);
  const yTicks = niceTicks(minimum, maximum, height < 150 ? 3 : 4);
  const yLabelWidth = Math.max(...yTicks.map((tick) => textWidth(tickFormat(tick), fontSize)));
  const periodWidth = Math.max(...periods.map((period) => textWidth(period, fontSize)));
  const marginLeft = Math.ceil(Math.max(yLabelWidth + 12, periodWidth / 2 + 4));
  const marginRight = Math.ceil(Math.max(8, periodWidth / 2 + 4));
  const marginTop = symbolUnit || trimmedUnit === "" ? 10 : 22;
  const xTicks = thinTicks(periods, (width - marginLeft - marginRight) / (periodWidth + 10));

  const marks: Plot.Markish[] = [];
  series.forEach((one, index) => {
    const colour = colours[index % colours.length]!;
    const dash = dashes[index % dashes.length]!;
    const rows = one.points.map((point) => ({
      period: point.period,
      value: isNumber(point.value) ? point.value : NaN,
      lower: isNumber(point.lower) ? point.lower : NaN,
      upper: isNumber(point.upper) ? point.upper : NaN,
    }));
    if (rows.some((row) => Number.isFinite(row.lower) && Number.isFinite(row.upper))) {
      marks.push(
        Plot.areaY(rows, {
          x: "period",
          y1: "lower",
          y2: "upper",
          fill: colour,
          fillOpacity: 0.15,
          ariaDescription: `${one.label}: range from lower to upper estimate`,
        }),
      );
    }
    marks.push(
      Plot.lineY(rows, {
        x: "period",
        y: "value",
        stroke: colour,
        strokeWidth: 2,
        strokeDasharray: dash ?? undefined,
        ariaDescription: `${one.label}: line`,
      }),
      Plot.dot(
        rows.filter((row) => Number.isFinite(row.value)),
        {
          x: "period",
          y: "value",
          r: 2.5,
          fill: colour,
          symbol: symbols[index % symbols.length],
          ariaLabel: (row: { period: string; value: number }) =>
            `${one.label}, ${row.period}: ${format(row.value)}`,
          title: (row: { period: string; value: number }) =>
            `${one.label}, ${row.period}: ${format(row.value)}`,
          ariaDescription: `${one.label}: points`,
        },
      ),
    );
  });

  const { document } = parseHTML("<html><body></body></html>");
  const plotted = Plot.plot({
    document: document as unknown as Document,
    width,
    height,
    marginLeft,
    marginRight,
    marginTop,
    marginBottom: 28,
    className: "placefirst-line-chart",
    ariaLabel: label,
    ariaDescription: description,
    x: {
      type: "point",
      domain: periods,
      ticks: xTicks,
      padding: 0.3,
      label: null,
      ariaLabel: "period axis",
      ariaDescription: `${periods[0]} to ${periods[periods.length - 1]}`,
    },
    y: {
      ariaLabel: "value axis",
      ariaDescription: `${format(yTicks[0]!)} to ${format(yTicks[yTicks.length - 1]!)}`,
      domain: [yTicks[0]!, yTicks[yTicks.length - 1]!],
      ticks: yTicks,
      tickFormat,
      grid: true,
      label: symbolUnit || trimmedUnit === "" ? null : trimmedUnit,
      labelAnchor: "top",
      labelArrow: "none",
    },
    marks,
  });
  const svg = plotted.localName === "svg" ? plotted : lastSvg(plotted);
  const key = series.length > 1 ? drawKey(series, width, height) : { markup: "", height: 0 };
  const totalHeight = height + key.height;

  return serializeSvg(svg, {
    attributes: {
      xmlns: "http://www.w3.org/2000/svg",
      role: "img",
      "aria-label": label,
      "aria-description": description,
      width: "100%",
      height: null,
      viewBox: `0 0 ${width} ${totalHeight}`,
      color: "#0b0c0c",
      "font-size": String(fontSize),
      "font-family": fontFamily,
    },
    prepend: `<title>${escapeXml(label)}</title><desc>${escapeXml(description)}</desc>`,
    append: key.markup,
    omit: ["style"],
    hideChildren: true,
    idPrefix: `placefirst-${hash(`${label}|${description}`)}`,
  });
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

// "GVA per head, Demo Town, 2015 to 2024: from £21,300 to £24,100; North East, ...".
function describeSeries(
  title: string,
  series: readonly LineChartSeries[],
  format: (value: number) => string,
): string {
  if (series.length === 0) return `${title}: no data.`;
  const clauses = series.map(({ label, points }) => {
    const present = points.filter((point) => isNumber(point.value));
    const first = present[0];
    const last = present[present.length - 1];
    if (first === undefined || last === undefined) return `${label}: no data`;
    if (first === last) return `${label}, ${first.period}: ${format(first.value!)}`;
    const gaps = present.length < points.indexOf(last) - points.indexOf(first) + 1;
    return (
      `${label}, ${first.period} to ${last.period}: from ${format(first.value!)}` +
      ` to ${format(last.value!)}${gaps ? " (some periods missing)" : ""}`
    );
  });
  return `${title}, ${clauses.join("; ")}.`;
}

// "Line chart of 2 series over 10 periods. Lowest: ...; highest: ...".
function describeRange(
  series: readonly LineChartSeries[],
  format: (value: number) => string,
): string {
  let lowest: { label: string; period: string; value: number } | undefined;
  let highest: typeof lowest;
  let periods = 0;
  for (const { label, points } of series) {
    periods = Math.max(periods, points.length);
    for (const { period, value } of points) {
      if (!isNumber(value)) continue;
      if (lowest === undefined || value < lowest.value) lowest = { label, period, value };
      if (highest === undefined || value > highest.value) highest = { label, period, value };
    }
  }
  const shape = `Line chart of ${series.length} series over ${periods} period${periods === 1 ? "" : "s"}.`;
  if (lowest === undefined || highest === undefined) return `${shape} No values.`;
  return (
    `${shape} Lowest: ${format(lowest.value)} (${lowest.label}, ${lowest.period});` +
    ` highest: ${format(highest.value)} (${highest.label}, ${highest.period}).`
  );
}

// Keeps at most `room` tick labels at a regular step, always including the latest period, and
// the earliest too when a step one larger than the smallest that fits allows it.
function thinTicks(periods: readonly string[], room: number): string[] {
  const fit = Math.max(2, Math.floor(room));
  if (periods.length <= fit) return [...periods];
  const last = periods.length - 1;
  const smallest = Math.ceil(last / (fit - 1));
  const step = last % smallest === 0 || last % (smallest + 1) !== 0 ? smallest : smallest + 1;
  return periods.filter((_, index) => (last - index) % step === 0);
}

// A key below the chart: a short sample of each series' line and point, then its name.
function drawKey(
  series: readonly LineChartSeries[],
  width: number,
  top: number,
): { markup: string; height: number } {
  // Plot sets text-anchor="middle" on its root; the key reads from the left.
  const parts: string[] = [
    `<g class="placefirst-line-chart__key" aria-hidden="true" text-anchor="start">`,
  ];
  let x = 4;
  let row = 0;
  series.forEach((one, index) => {
    const itemWidth = 28 + textWidth(one.label, fontSize) + 14;
    if (x > 4 && x + itemWidth > width) {
      x = 4;
      row += 1;
    }
    const y = top + row * keyRowHeight + keyRowHeight / 2;
    const colour = colours[index % colours.length]!;
    const dash = dashes[index % dashes.length];
    parts.push(
      `<line x1="${x}" x2="${x + 22}" y1="${y}" y2="${y}" stroke="${colour}" stroke-width="2"`,
      dash === null || dash === undefined ? "" : ` stroke-dasharray="${dash}"`,
      `/>`,
      keySymbol(symbols[index % symbols.length]!, x + 11, y, colour),
      `<text x="${round(x + 28)}" y="${y}" dy="0.35em" fill="currentColor">${escapeXml(one.label)}</text>`,
    );
    x += itemWidth;
  });
  parts.push("</g>");
  return { markup: parts.join(""), height: (row + 1) * keyRowHeight + 4 };
}

function keySymbol(symbol: (typeof symbols)[number], x: number, y: number, colour: string): string {
  switch (symbol) {
    case "circle":
      return `<circle cx="${x}" cy="${y}" r="3" fill="${colour}"/>`;
    case "square":
      return `<rect x="${x - 3}" y="${y - 3}" width="6" height="6" fill="${colour}"/>`;
    case "triangle":
      return `<path d="M${x},${y - 3.5}L${x + 3.5},${y + 3}L${x - 3.5},${y + 3}Z" fill="${colour}"/>`;
    case "diamond":
      return `<path d="M${x},${y - 4}L${x + 4},${y}L${x},${y + 4}L${x - 4},${y}Z" fill="${colour}"/>`;
  }
}

// Plot wraps the SVG in a <figure> when it has a legend, title or caption; take the chart.
function lastSvg(figure: Element): Element {
  const svgs = figure.querySelectorAll("svg");
  const svg = svgs[svgs.length - 1];
  if (svg === undefined) throw new Error("Observable Plot returned no <svg>");
  return svg;
}

function emptyChart(label: string, description: string, width: number, height: number): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="placefirst-line-chart" role="img"`,
    ` aria-label="${escapeXml(label)}" aria-description="${escapeXml(description)}"`,
    ` width="100%" viewBox="0 0 ${width} ${height}" font-size="${fontSize}"`,
    ` font-family="${escapeXml(fontFamily)}" fill="#0b0c0c">`,
    `<title>${escapeXml(label)}</title><desc>${escapeXml(description)}</desc>`,
    `<text x="${width / 2}" y="${height / 2}" text-anchor="middle">No data</text>`,
    `</svg>`,
  ].join("");
}

// FNV-1a, 32-bit: a short stable fingerprint for ids unique to this chart's content.
function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return (value >>> 0).toString(36);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
