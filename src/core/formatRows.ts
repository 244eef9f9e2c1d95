/** A column of a listing: the field to read and the heading to show. */
export interface RowColumn<Row> {
  key: keyof Row & string;
  heading?: string;
}

/** Output formats of every listing. */
export const outputFormats = ["json", "csv", "table"] as const;
/** An output format. */
export type OutputFormat = (typeof outputFormats)[number];

/**
 * Formats rows as CSV (RFC 4180: fields with commas, quotes or line breaks quoted), keeping codes
 * as written so "01" stays "01". Missing values are empty fields.
 */
export function toCsv<Row extends object>(
  rows: readonly Row[],
  columns: readonly RowColumn<Row>[],
): string {
  const escape = (value: unknown): string => {
    if (value === null || value === undefined) return "";
    const text = value instanceof Date ? value.toISOString() : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [columns.map((column) => escape(column.heading ?? column.key)).join(",")];
  for (const row of rows) lines.push(columns.map((column) => escape(row[column.key])).join(","));
  return `${lines.join("\n")}\n`;
}

/** Formats rows as a plain-text table for a terminal, numbers right-aligned. */
export function toTable<Row extends object>(
  rows: readonly Row[],
  columns: readonly RowColumn<Row>[],
): string {
  const cells = rows.map((row) =>
    columns.map((column) => {
      const value = row[column.key];
      if (value === null || value === undefined) return "";
      if (typeof value === "number")
        // At most two decimals, without trailing zeros: 58.6, not 58.60.
        return String(Number(value.toFixed(2)));
      return value instanceof Date ? value.toISOString() : String(value);
    }),
  );
  const numeric = columns.map(
    (column) =>
      rows.length > 0 &&
      rows.every((row) => {
        const value = row[column.key];
        return value === null || value === undefined || typeof value === "number";
      }),
  );
  const headings = columns.map((column) => column.heading ?? column.key);
  const widths = headings.map((heading, index) =>
    Math.max(heading.length, ...cells.map((row) => row[index]!.length)),
  );
  const line = (values: string[]): string =>
    values
      .map((value, index) =>
        numeric[index] ? value.padStart(widths[index]!) : value.padEnd(widths[index]!),
      )
      .join("  ")
      .trimEnd();
  return (
    [line(headings), line(widths.map((width) => "-".repeat(width))), ...cells.map(line)].join(
      "\n",
    ) + "\n"
  );
}

/** Formats rows in the chosen format; JSON keeps every field of each row. */
export function formatRows<Row extends object>(
  rows: readonly Row[],
  columns: readonly RowColumn<Row>[],
  format: OutputFormat,
): string {
  if (format === "json") return `${JSON.stringify(rows, null, 2)}\n`;
  return format === "csv" ? toCsv(rows, columns) : toTable(rows, columns);
}
