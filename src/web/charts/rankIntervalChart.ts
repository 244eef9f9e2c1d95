import { escapeXml } from "./escapeXml.js";
import { textWidth } from "./textWidth.js";

/** One place of a {@link rankIntervalChart}. */
export interface RankInterval {
  /** The place's name, drawn at the left. */
  label: string;
  /** The place's rank with the framework's own choices (1 is best). */
  rank: number;
  /** The 5th and 95th percentiles of its rank over the Monte Carlo replications. */
  low: number;
  high: number;
  /** Draw the row in the highlight colour (a left-behind place). */
  highlight?: boolean;
}

/** Options for {@link rankIntervalChart}. */
export interface RankIntervalChartOptions {
  /** What the chart shows, the start of its text alternative. */
  title: string;
  /** The places, drawn top to bottom in the order given (sort them by rank first). */
  rows: readonly RankInterval[];
  /** The width in viewBox units. Default 640. */
  width?: number;
}

const rowHeight = 24;
const fontSize = 14;

/**
 * Draws each place's rank as a dot and its 5-95% rank interval as a line, on one rank axis, so a
 * reader sees which differences between places are real (intervals apart) and which are not
 * (intervals overlapping). Best rank at the left.
 */
export function rankIntervalChart(options: RankIntervalChartOptions): string {
  const { title, rows, width = 640 } = options;
  const count = Math.max(1, ...rows.map((row) => Math.max(row.high, row.rank)));
  const labelWidth = Math.min(
    width * 0.4,
    Math.max(60, ...rows.map((row) => textWidth(row.label, fontSize))) + 12,
  );
  const left = labelWidth;
  const right = width - 16;
  const top = 8;
  const axisY = top + rows.length * rowHeight + 4;
  const height = axisY + 36;
  const x = (rank: number): number =>
    count === 1 ? (left + right) / 2 : left + ((rank - 1) / (count - 1)) * (right - left);
  const round = (value: number): number => Math.round(value * 10) / 10;

  const parts: string[] = [];
  const description = rows
    .map((row) => `${row.label}: rank ${row.rank}, between ${row.low} and ${row.high}`)
    .join("; ");
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%"`,
    ` role="img" aria-label="${escapeXml(title)}" font-family="&quot;GDS Transport&quot;, arial, sans-serif"`,
    ` font-size="${fontSize}" color="#0b0c0c">`,
    `<title>${escapeXml(title)}</title><desc>${escapeXml(description)}</desc>`,
    `<g aria-hidden="true">`,
  );
  // Grid lines at every rank when there are few places, else at round numbers.
  const step = count <= 20 ? 1 : count <= 100 ? 10 : 50;
  for (let rank = 1; rank <= count; rank += rank === 1 && step > 1 ? step - 1 : step) {
    parts.push(
      `<line x1="${round(x(rank))}" x2="${round(x(rank))}" y1="${top}" y2="${axisY}" stroke="#e5e6e7"/>`,
      `<text x="${round(x(rank))}" y="${axisY + 16}" text-anchor="middle" fill="currentColor">${rank}</text>`,
    );
  }
  parts.push(
    `<text x="${round((left + right) / 2)}" y="${axisY + 32}" text-anchor="middle" fill="currentColor">Rank (1 is best)</text>`,
  );
  rows.forEach((row, index) => {
    const y = top + index * rowHeight + rowHeight / 2;
    const colour = row.highlight === true ? "#d4351c" : "#1d70b8";
    const label = fitLabel(row.label, labelWidth - 12);
    parts.push(
      `<text x="${round(left - 8)}" y="${y}" dy="0.35em" text-anchor="end" fill="currentColor">${escapeXml(label)}</text>`,
      `<line x1="${round(x(row.low))}" x2="${round(x(row.high))}" y1="${y}" y2="${y}" stroke="${colour}" stroke-width="3" stroke-linecap="round"/>`,
      row.highlight === true
        ? `<rect x="${round(x(row.rank) - 5)}" y="${y - 5}" width="10" height="10" fill="${colour}"/>`
        : `<circle cx="${round(x(row.rank))}" cy="${y}" r="5" fill="${colour}"/>`,
    );
  });
  parts.push("</g></svg>");
  return parts.join("");
}

function fitLabel(label: string, width: number): string {
  if (textWidth(label, fontSize) <= width) return label;
  let cut = label;
  while (cut.length > 1 && textWidth(`${cut}…`, fontSize) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}
