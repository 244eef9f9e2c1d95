const formatters = new Map<number, Intl.NumberFormat>();

/**
 * Formats a number for people, in British English with thousands separators, and attaches its
 * unit: a unit starting with "£" is a prefix (`£21,300`, `£12.5m` for the unit "£m"), "%" is a
 * suffix without a space (`72.3%`), and any other unit follows after a space
 * (`5.2 tCO2e per person`). Whole numbers of 100 or more are shown without decimals, numbers from
 * 1 to 100 with at most one decimal, and smaller numbers with at most three significant figures.
 *
 * @param value The number; `NaN` and infinities are shown as "no data".
 * @param unit The indicator's unit, such as "£", "%" or "jobs"; null or empty for none.
 * @returns The formatted value.
 */
export function formatValue(value: number, unit?: string | null): string {
  if (!Number.isFinite(value)) return "no data";
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 1 ? 1 : magnitude === 0 ? 0 : 3;
  let formatter = formatters.get(digits);
  if (formatter === undefined) {
    formatter =
      digits === 3
        ? new Intl.NumberFormat("en-GB", { maximumSignificantDigits: 3 })
        : new Intl.NumberFormat("en-GB", { maximumFractionDigits: digits });
    formatters.set(digits, formatter);
  }
  const number = formatter.format(magnitude);
  const sign = value < 0 && number !== "0" ? "-" : "";
  const trimmed = unit?.trim() ?? "";
  if (trimmed === "") return `${sign}${number}`;
  if (trimmed.startsWith("£")) return `${sign}£${number}${trimmed.slice(1)}`;
  if (trimmed === "%") return `${sign}${number}%`;
  return `${sign}${number} ${trimmed}`;
}
