import { InputError } from "../../core/errors.js";

const msPerDay = 86_400_000;

/**
 * The day number (days since 1970-01-01, UTC) of an ISO 8601 calendar date such as
 * "2026-11-28". The demo counts in whole days so that its dates never depend on a time zone.
 *
 * @throws InputError for text that is not a real YYYY-MM-DD date.
 */
export function dayOfIsoDate(text: string, field = "asOf"): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = (match?.slice(1) ?? []).map(Number);
  if (year === undefined || month === undefined || day === undefined) {
    throw new InputError("expected an ISO 8601 date such as 2026-11-28", { field, value: text });
  }
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC rolls 30 February over into March; a real date reads back the same.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new InputError("expected a real calendar date", { field, value: text });
  }
  return time / msPerDay;
}

/**
 * The RFC 3339 date-time of a day at a time of day, UTC, without fractions of a second:
 * `dateTimeOfDay(day, 12)` is "2026-11-28T12:00:00Z".
 */
export function dateTimeOfDay(day: number, hour = 12, minute = 0): string {
  const time = day * msPerDay + hour * 3_600_000 + minute * 60_000;
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The calendar year of a day number. */
export function yearOfDay(day: number): number {
  return new Date(day * msPerDay).getUTCFullYear();
}

/** The day number of 1 January of a year. */
export function firstDayOfYear(year: number): number {
  return Date.UTC(year, 0, 1) / msPerDay;
}

/**
 * The day `months` calendar months after `day`, the day before the same date: a 12-month
 * contract from 1 April ends on 31 March. Days past the end of a short month roll over, as
 * `Date.UTC` does.
 */
export function endOfMonths(day: number, months: number): number {
  const date = new Date(day * msPerDay);
  const time = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate());
  return time / msPerDay - 1;
}
