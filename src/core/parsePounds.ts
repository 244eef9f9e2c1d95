/**
 * An amount of money in pounds, as people write it in a spreadsheet or a JSON file, in whole
 * pence, exactly: "1250", "1250.5", "£1,250.50" and the number 1250.5 all give 125050. The
 * conversion works on the decimal digits, never by multiplying a float, so no amount is off by a
 * penny.
 *
 * @param input the amount: text with an optional "£", thousands separators in the usual places
 *   and at most two decimals; or a number, read as it prints ("1250.5").
 * @returns the whole pence; undefined when the input is not such an amount, is negative, has more
 *   than two decimals, or is too large to hold exactly.
 */
export function parsePounds(input: string | number): number | undefined {
  const text = typeof input === "number" ? String(input) : input.trim();
  const match = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (match === null) return undefined;
  const pounds = Number(match[1]!.replaceAll(",", ""));
  const pence = Number((match[2] ?? "").padEnd(2, "0"));
  const total = pounds * 100 + pence;
  return Number.isSafeInteger(total) ? total : undefined;
}
