import { InputError } from "../../core/errors.js";

/**
 * How a loan repays: `annuity`, a level monthly payment of interest and principal (the standard
 * amortising loan); `bullet`, interest only each month and the whole principal in the last.
 */
export type LoanType = "annuity" | "bullet";

/**
 * How a month's interest counts days (ISDA 2006 Definitions, section 4.16): `30/360`, every
 * monthly period is 30 days of a 360-day year, so each month's interest is 1/12 of a year's, as
 * in a standard amortisation table; `actual/365`, the actual days between payment dates over a
 * 365-day year ("Actual/365 (Fixed)"), usual for UK commercial loans.
 */
export type DayCount = "30/360" | "actual/365";

/** The terms of a loan, for {@link loanSchedule}. */
export interface LoanScheduleOptions {
  /** The principal lent, in whole pence; from 1 to 10^13 (£100 billion). */
  principalPence: number;
  /**
   * The annual nominal interest rate in whole basis points (450 is 4.5% a year); from 0 to
   * 100,000. The monthly rate of the annuity formula is rateBps / 120,000.
   */
  rateBps: number;
  /** The number of monthly instalments, a whole number from 1 to 600 (50 years). */
  months: number;
  /** `annuity` (level payments) or `bullet` (interest only, principal at the end). */
  type: LoanType;
  /**
   * The date the money is lent and interest starts, `YYYY-MM-DD`. Unless `firstPaymentDate`
   * says otherwise, payments fall on this day of the month (or the month's last day when the
   * month is shorter), from the month after.
   */
  startDate: string;
  /**
   * The date of the first payment, `YYYY-MM-DD`, after `startDate`; default one month after it
   * by the end-of-month rule. When it is not one month after the start, the first period is a
   * broken one, and payments fall on this date's day of the month.
   */
  firstPaymentDate?: string;
  /** How interest counts days; default `30/360`. */
  dayCount?: DayCount;
}

/** One row of an amortisation table. Every amount is in whole pence. */
export interface LoanInstalment {
  /** 1 for the first instalment. */
  number: number;
  /** The due date, `YYYY-MM-DD`. */
  date: string;
  /** The principal outstanding before the payment. */
  openingPence: number;
  /** The interest for the period, rounded half up to the penny. */
  interestPence: number;
  /**
   * The principal repaid: the payment less the interest. It is negative (unpaid interest is
   * added to the balance) only when a period's interest exceeds the level payment, as a long
   * broken first period, or a 31-day month of a long high-rate actual/365 loan, can make it.
   */
  principalPence: number;
  /** The payment due: interest plus principal. */
  paymentPence: number;
  /** The principal outstanding after the payment; 0 after the last. */
  closingPence: number;
}

/** A loan's repayment schedule. */
export interface LoanSchedule {
  /** The instalments in date order. */
  instalments: LoanInstalment[];
  /**
   * The level payment of an annuity, in pence, before the last instalment's adjustment;
   * undefined for a bullet loan.
   */
  regularPaymentPence: number | undefined;
  /** The sum of the interest of the instalments. */
  totalInterestPence: number;
  /** The sum of the payments: exactly the principal plus the total interest. */
  totalPaidPence: number;
}

const maxPrincipalPence = 10_000_000_000_000;
const maxRateBps = 100_000;
const maxMonths = 600;
// Below 2^52 a product and its quotient times the divisor are exact in a double (see
// divideRoundHalfUp); above it the interest is worked in BigInt.
const exactLimit = 2 ** 52;

/**
 * A loan's repayment schedule, an amortisation table exact to the penny.
 *
 * **Annuity.** The level monthly payment is the standard annuity formula (the present value of
 * an ordinary annuity solved for the payment; Kellison 2009, "The Theory of Interest", 3rd edition,
 * McGraw-Hill, on annuities and amortisation schedules),
 *
 *     A = P r / (1 - (1 + r)^-n),   r = rateBps / 120,000 (the annual rate over 12),
 *
 * worked exactly as the fraction P b a^n / (120,000 (a^n - 120,000^n)) with b = rateBps and
 * a = 120,000 + b in BigInt, and rounded half up to the penny. With a zero rate the payment is
 * P / n rounded down, the remainder falling in the last instalment.
 *
 * **Bullet.** Each payment is the period's interest; the last also repays the principal.
 *
 * **Interest.** Each period's interest is round(B d b / (10,000 Y)): B the opening balance in
 * pence, b the rate in basis points, d the days of the period and Y the days of the year (360 or
 * 365), rounded half up to the penny in integer arithmetic, so no floating-point error enters.
 * Under 30/360 a monthly period is d = 30, so the interest is B b / 120,000, the annuity's r;
 * a broken first period counts 30E/360 days (ISDA 2006 Definitions, section 4.16, the Eurobond
 * basis: a 31st counts as the 30th). Under actual/365 d is the calendar days between payment
 * dates (from the start date for the first).
 *
 * **The last instalment** repays the whole opening balance with its interest, so the closing
 * balance is exactly 0, the principal parts sum to the principal, and the payments sum to the
 * principal plus the total interest, exactly. Before it, an annuity payment that would repay
 * more than the balance is cut to the balance and its interest, and later payments are 0; this
 * happens only to tiny loans, whose payment is a few pence and its rounding adds up to more
 * than the last payment.
 *
 * **Dates.** Payments fall monthly on the day of the month of the start date (or of the first
 * payment date, when that is given and is not one month after the start), and on the month's
 * last day when the month is shorter (the end-of-month rule): a loan started on 31 January pays
 * on 28 (or 29) February, 31 March, 30 April. Dates are calendar dates with no business-day
 * adjustment. See docs/methods/loans.md.
 *
 * @param options the loan's terms.
 * @returns the instalments and their totals.
 * @throws InputError naming the field when an amount is not a whole number in its range, the
 *   type or day count is unknown, a date is not a real `YYYY-MM-DD` date, the first payment is
 *   not after the start, or a date or total falls outside what can be counted exactly.
 */
export function loanSchedule(options: LoanScheduleOptions): LoanSchedule {
  const { principalPence, rateBps, months, type } = options;
  checkWhole("loanSchedule", "principalPence", principalPence, 1, maxPrincipalPence);
  checkWhole("loanSchedule", "rateBps", rateBps, 0, maxRateBps);
  checkWhole("loanSchedule", "months", months, 1, maxMonths);
  if (type !== "annuity" && type !== "bullet") {
    throw new InputError('loanSchedule: type must be "annuity" or "bullet"', {
      field: "type",
      value: String(type),
    });
  }
  const dayCount = options.dayCount ?? "30/360";
  if (dayCount !== "30/360" && dayCount !== "actual/365") {
    throw new InputError('loanSchedule: dayCount must be "30/360" or "actual/365"', {
      field: "dayCount",
      value: String(dayCount),
    });
  }
  const start = parseIsoDate(options.startDate, "startDate");
  const startDay = daysFromCivil(start.year, start.month, start.day);

  // Months are counted as year * 12 + (month - 1); a payment date is an anchor month plus k
  // months, on the anchor day or the month's last day, whichever is earlier.
  const startMonthIndex = start.year * 12 + start.month - 1;
  let firstMonthIndex = startMonthIndex + 1;
  let anchorDay = start.day;
  let brokenFirstPeriod = false;
  let first: CivilDate | undefined;
  if (options.firstPaymentDate !== undefined) {
    first = parseIsoDate(options.firstPaymentDate, "firstPaymentDate");
    if (daysFromCivil(first.year, first.month, first.day) <= startDay) {
      throw new InputError("loanSchedule: the first payment must be after the start date", {
        field: "firstPaymentDate",
        value: options.firstPaymentDate,
      });
    }
    const firstIndex = first.year * 12 + first.month - 1;
    if (firstIndex !== firstMonthIndex || first.day !== clampedDay(firstIndex, anchorDay)) {
      firstMonthIndex = firstIndex;
      anchorDay = first.day;
      brokenFirstPeriod = true;
    }
  }
  if (firstMonthIndex + months - 1 > 9999 * 12 + 11) {
    throw new InputError("loanSchedule: the last payment would fall after the year 9999", {
      field: "months",
      value: String(months),
    });
  }

  const yearDays = dayCount === "30/360" ? 360 : 365;
  let regularPaymentPence: number | undefined;
  if (type === "annuity") {
    regularPaymentPence =
      rateBps === 0
        ? Math.floor(principalPence / months)
        : annuityPaymentPence(principalPence, rateBps, months);
  }

  const instalments: LoanInstalment[] = new Array<LoanInstalment>(months);
  let opening = principalPence;
  let previousDay = startDay;
  let totalInterestPence = 0;
  let totalPaidPence = 0;
  for (let index = 0; index < months; index += 1) {
    const monthIndex = firstMonthIndex + index;
    const year = Math.floor(monthIndex / 12);
    const month = monthIndex - year * 12 + 1;
    const day = Math.min(anchorDay, daysInMonth(year, month));
    const dayNumber = daysFromCivil(year, month, day);
    let periodDays: number;
    if (dayCount === "actual/365") periodDays = dayNumber - previousDay;
    else if (index === 0 && brokenFirstPeriod && first !== undefined) {
      periodDays = days30E360(start, first);
    } else periodDays = 30;
    const interest = interestPence(opening, rateBps, periodDays, yearDays);
    let principalPart: number;
    let payment: number;
    if (index === months - 1) {
      principalPart = opening;
      payment = opening + interest;
    } else if (regularPaymentPence !== undefined) {
      payment = regularPaymentPence;
      principalPart = payment - interest;
      if (principalPart > opening) {
        principalPart = opening;
        payment = opening + interest;
      }
    } else {
      principalPart = 0;
      payment = interest;
    }
    const closing = opening - principalPart;
    instalments[index] = {
      number: index + 1,
      date: formatIsoDate(year, month, day),
      openingPence: opening,
      interestPence: interest,
      principalPence: principalPart,
      paymentPence: payment,
      closingPence: closing,
    };
    totalInterestPence += interest;
    totalPaidPence += payment;
    opening = closing;
    previousDay = dayNumber;
  }
  // Interest is never negative, so every balance and partial sum is at most the total paid.
  if (!Number.isSafeInteger(totalPaidPence)) {
    throw new InputError("loanSchedule: the payments are too large to count exactly in pence", {
      field: "principalPence",
      value: String(principalPence),
    });
  }
  return { instalments, regularPaymentPence, totalInterestPence, totalPaidPence };
}

/**
 * The level monthly payment of an annuity, P r / (1 - (1 + r)^-n) with r = rateBps / 120,000,
 * rounded half up to the penny. Multiplying through by (1 + r)^n = a^n / 120,000^n with
 * a = 120,000 + rateBps gives the exact fraction P rateBps a^n / (120,000 (a^n - 120,000^n)),
 * worked in BigInt.
 *
 * @param principalPence the principal, whole pence.
 * @param rateBps the annual rate in basis points, above 0.
 * @param months the number of monthly payments.
 */
export function annuityPaymentPence(
  principalPence: number,
  rateBps: number,
  months: number,
): number {
  checkWhole("annuityPaymentPence", "principalPence", principalPence, 1, maxPrincipalPence);
  checkWhole("annuityPaymentPence", "rateBps", rateBps, 1, maxRateBps);
  checkWhole("annuityPaymentPence", "months", months, 1, maxMonths);
  const base = 120_000n;
  const grown = (base + BigInt(rateBps)) ** BigInt(months);
  const numerator = BigInt(principalPence) * BigInt(rateBps) * grown;
  const denominator = base * (grown - base ** BigInt(months));
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/**
 * The number of a date, `YYYY-MM-DD`: days since 1970-01-01 (so 1970-01-02 is 1), by the
 * proleptic Gregorian calendar. Differences of day numbers are actual days.
 *
 * @throws InputError when the text is not a real date from 0001-01-01 to 9999-12-31.
 */
export function dayNumber(isoDate: string): number {
  const date = parseIsoDate(isoDate, "date");
  return daysFromCivil(date.year, date.month, date.day);
}

/**
 * The `YYYY-MM-DD` date of a day number (days since 1970-01-01), the inverse of
 * {@link dayNumber}.
 */
export function dateOfDayNumber(day: number): string {
  if (!Number.isSafeInteger(day) || day < minDayNumber || day > maxDayNumber) {
    throw new InputError(
      "dateOfDayNumber: the day number must be a whole number of a date from 0001-01-01 to 9999-12-31",
      {
        value: String(day),
      },
    );
  }
  // Hinnant, "chrono-Compatible Low-Level Date Algorithms" (2013), civil_from_days.
  const shifted = day + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return formatIsoDate(year, month, dayOfMonth);
}

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoDate(text: unknown, field: string): CivilDate {
  const match = typeof text === "string" ? isoDatePattern.exec(text) : null;
  if (match !== null) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return { year, month, day };
    }
  }
  throw new InputError(`${field} must be a real date written YYYY-MM-DD`, {
    field,
    value: String(text),
  });
}

// Hinnant, "chrono-Compatible Low-Level Date Algorithms" (2013), days_from_civil: days since
// 1970-01-01 in the proleptic Gregorian calendar, in integer arithmetic.
function daysFromCivil(year: number, month: number, day: number): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const minDayNumber = daysFromCivil(1, 1, 1);
const maxDayNumber = daysFromCivil(9999, 12, 31);

// The month may run past 12; it is carried into the year.
function daysInMonth(year: number, month: number): number {
  const carriedYear = year + Math.floor((month - 1) / 12);
  const carriedMonth = ((month - 1) % 12) + 1;
  if (carriedMonth === 2) {
    const leap = (carriedYear % 4 === 0 && carriedYear % 100 !== 0) || carriedYear % 400 === 0;
    return leap ? 29 : 28;
  }
  return carriedMonth === 4 || carriedMonth === 6 || carriedMonth === 9 || carriedMonth === 11
    ? 30
    : 31;
}

function clampedDay(monthIndex: number, anchorDay: number): number {
  const year = Math.floor(monthIndex / 12);
  return Math.min(anchorDay, daysInMonth(year, monthIndex - year * 12 + 1));
}

// 30E/360, the Eurobond basis (ISDA 2006 Definitions, section 4.16): a 31st counts as the 30th.
function days30E360(from: CivilDate, to: CivilDate): number {
  return (
    360 * (to.year - from.year) +
    30 * (to.month - from.month) +
    Math.min(to.day, 30) -
    Math.min(from.day, 30)
  );
}

function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

// round(balance * rateBps * days / (10,000 * yearDays)), half up, exactly.
function interestPence(balance: number, rateBps: number, days: number, yearDays: number): number {
  if (rateBps === 0 || balance <= 0 || days <= 0) return 0;
  const denominator = 10_000 * yearDays;
  const numerator = balance * rateBps * days;
  if (numerator < exactLimit) return divideRoundHalfUp(numerator, denominator);
  const big = BigInt(balance) * BigInt(rateBps) * BigInt(days);
  const bigDenominator = BigInt(denominator);
  return Number((2n * big + bigDenominator) / (2n * bigDenominator));
}

// numerator / denominator rounded half up, for non-negative whole numbers with the numerator
// below 2^52. The floating quotient can be one out near a whole number; the remainder, exact
// because quotient * denominator stays below 2^53, sets it right.
function divideRoundHalfUp(numerator: number, denominator: number): number {
  let quotient = Math.floor(numerator / denominator);
  let remainder = numerator - quotient * denominator;
  if (remainder < 0) {
    quotient -= 1;
    remainder += denominator;
  } else if (remainder >= denominator) {
    quotient += 1;
    remainder -= denominator;
  }
  return 2 * remainder >= denominator ? quotient + 1 : quotient;
}

function checkWhole(method: string, field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InputError(
      `${method}: ${field} must be a whole number from ${min.toLocaleString("en-GB")} to ${max.toLocaleString("en-GB")}`,
      { field, value: String(value) },
    );
  }
}
