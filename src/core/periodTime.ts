/** A period read as a point in time, in years, with the kind of period it was written as. */
export interface PeriodTime {
  /** A year ("2023"), a financial or academic year ("2022-23"), or a quarter ("2023-Q1"). */
  kind: "year" | "financialYear" | "quarter";
  /**
   * The start of the period in years: the year itself; the first calendar year of a financial or
   * academic year; the year plus a quarter of a year for each quarter before it. Only periods of
   * the same kind are comparable, as a financial year does not start on 1 January.
   */
  years: number;
}

/**
 * A period as published read as a point in time: a year ("2023"), a financial or academic year
 * ("2022-23" or "2022/23", whose second part must be the next year), or a quarter ("2023-Q1",
 * "2023 Q1", "2023Q1"). Surrounding spaces are ignored.
 *
 * @param period the period as published.
 * @returns its kind and start in years, or undefined when it cannot be read as one of these.
 */
export function periodTime(period: string): PeriodTime | undefined {
  const text = period.trim();
  const year = /^(\d{4})$/.exec(text);
  if (year) return { kind: "year", years: Number(year[1]) };
  // "2022-23" or "2022/23": a financial or academic year, counted from its first calendar year.
  const financial = /^(\d{4})[-/](\d{2})$/.exec(text);
  if (financial) {
    const first = Number(financial[1]);
    if (Number(financial[2]) === (first + 1) % 100) return { kind: "financialYear", years: first };
    return undefined;
  }
  const quarter = /^(\d{4})[- ]?Q([1-4])$/i.exec(text);
  if (quarter) return { kind: "quarter", years: Number(quarter[1]) + (Number(quarter[2]) - 1) / 4 };
  return undefined;
}
