import { InputError } from "../../core/errors.js";
import { dayNumber, type LoanSchedule } from "./loanSchedule.js";

/**
 * A loan's schedule as the loan book reads it: three parallel columns, one entry per
 * instalment in due-date order, cumulative so that what has fallen due by a date, and what a
 * sum received pays, are found by binary search without walking the instalments.
 */
export interface BookSchedule {
  /** Each instalment's due date as a day number (days since 1970-01-01; see `dayNumber`). */
  dueDays: ArrayLike<number>;
  /**
   * The payments due up to and including each instalment, whole pence: entry k is the sum of
   * the payments of instalments 0 to k. Never decreasing.
   */
  cumulativeDuePence: ArrayLike<number>;
  /**
   * The principal parts of the payments up to and including each instalment, whole pence; the
   * last entry is the principal lent. The rest of each payment is interest.
   */
  cumulativePrincipalPence: ArrayLike<number>;
}

/** A repayment received. */
export interface LoanRepayment {
  /** The date it was received, `YYYY-MM-DD`. */
  date: string;
  /** The amount, whole pence, 0 or more. */
  amountPence: number;
}

/**
 * One loan of the book. Give what has been received either as `receivedPence`, the total up to
 * the revaluation date (the fast path, for a book kept with running totals), or as the list of
 * `repayments`, of which those dated on or before the revaluation date count.
 */
export interface BookLoan {
  /** The loan's id, carried through to the result. */
  id: string;
  /** The repayment schedule in force: the contract's, or as amended by a settlement. */
  schedule: BookSchedule;
  /** The total received up to the revaluation date, whole pence, 0 or more. */
  receivedPence?: number;
  /** The repayments received; used when `receivedPence` is not given. */
  repayments?: readonly LoanRepayment[];
  /**
   * Principal written off, whole pence, from 0 to the principal; default 0. A loan with a write-off
   * leaves the portfolio: its outstanding principal is 0 and it is not in the arrears total or
   * in PAR, and the amount is reported in the total written off.
   */
  writtenOffPence?: number;
}

/** Where a loan stands. */
export type LoanStatus = "current" | "in arrears" | "written off" | "repaid";

/** One loan revalued. Amounts in whole pence. */
export interface RevaluedLoan {
  /** The loan's id, as given. */
  id: string;
  /** The payments of the instalments due on or before the revaluation date. */
  duePence: number;
  /** The total received up to the revaluation date. */
  receivedPence: number;
  /** What is due and not received: max(0, due - received). */
  arrearsPence: number;
  /**
   * Days from the due date of the oldest instalment not fully paid to the revaluation date,
   * when that instalment has fallen due; 0 otherwise (and on the due date itself).
   */
  daysPastDue: number;
  /** The principal lent less the principal repaid; 0 for a loan written off. */
  outstandingPence: number;
  /**
   * `written off` when anything has been written off; `repaid` when every scheduled payment has
   * been received; `in arrears` when something due has not been; otherwise `current`.
   */
  status: LoanStatus;
}

/** The book's totals. Amounts in whole pence. */
export interface LoanBookTotals {
  /** The number of loans. */
  loans: number;
  /** The number of loans of each status. */
  statusCounts: Record<LoanStatus, number>;
  /** The principal lent, over all loans. */
  principalPence: number;
  /** The outstanding principal of the loans not written off: the gross loan portfolio. */
  outstandingPence: number;
  /** The arrears of the loans not written off. */
  arrearsPence: number;
  /** The outstanding principal of the loans more than 30 days past due. */
  atRisk30Pence: number;
  /** The outstanding principal of the loans more than 90 days past due. */
  atRisk90Pence: number;
  /** Portfolio at risk over 30 days: atRisk30Pence / outstandingPence; undefined when nothing is outstanding. */
  par30: number | undefined;
  /** Portfolio at risk over 90 days: atRisk90Pence / outstandingPence; undefined when nothing is outstanding. */
  par90: number | undefined;
  /** The principal written off, over all loans. */
  writtenOffPence: number;
}

/** A loan book revalued. */
export interface LoanBookRevaluation {
  /** The revaluation date, `YYYY-MM-DD`. */
  asOf: string;
  /** Each loan, in the order given. */
  loans: RevaluedLoan[];
  /** The book's totals and portfolio at risk. */
  totals: LoanBookTotals;
}

/**
 * Revalues a loan book on a date: for each loan, what has fallen due, what has been received,
 * the arrears, the days past due and the outstanding principal; for the book, the portfolio at
 * risk. Definitions follow CGAP (2003), "Microfinance Consensus Guidelines: Definitions of
 * Selected Financial Terms, Ratios, and Adjustments for Microfinance", 3rd edition.
 *
 * **Due.** An instalment is due on and after its due date; due = the payments of the
 * instalments dated on or before `asOf`. Arrears = max(0, due - received).
 *
 * **Allocation.** Money received pays the instalments in due-date order, oldest first, and
 * within an instalment its interest before its principal; money beyond what is due pays the
 * next instalments ahead of time in the same way. So the oldest instalment not fully paid is the
 * first whose cumulative due exceeds the received total, days past due = asOf - its due date
 * when it has fallen due, and the principal repaid is the principal of the instalments paid in
 * full plus what is left, after interest, of the part-paid one. A loan is repaid when everything
 * scheduled has been received; a settlement on other terms (an early repayment with interest
 * rebated) is recorded by amending the schedule to it.
 *
 * **Portfolio at risk.** PAR30 = the outstanding principal of loans more than 30 days past due
 * over the outstanding principal of all loans (the gross loan portfolio); PAR90 likewise with 90
 * days. The whole outstanding principal of a late loan is at risk, not only its arrears. Loans
 * written off are out of both parts, and their write-offs are reported apart.
 *
 * The hot path is two binary searches per loan over typed-array-friendly columns, plus one pass
 * to check each schedule; 100,000 loans of 12 to 120 instalments take well under a second. Sums
 * are of whole pence, exact while below 2^53 (£90 trillion). See docs/methods/loans.md.
 *
 * @param loans the loans.
 * @param asOf the revaluation date, `YYYY-MM-DD`.
 * @throws InputError naming the loan and field when a schedule is empty, its columns differ in
 *   length, its due dates are not whole day numbers in order, an amount is not whole pence
 *   (cumulative due never decreasing, principal above 0), a loan has neither or both of
 *   `receivedPence` and `repayments`, or a write-off is more than the principal.
 */
export function revalueLoanBook(loans: readonly BookLoan[], asOf: string): LoanBookRevaluation {
  const asOfDay = dayNumberOf(asOf, () => {
    throw new InputError("revalueLoanBook: asOf must be a real date written YYYY-MM-DD", {
      field: "asOf",
      value: String(asOf),
    });
  });
  const results: RevaluedLoan[] = new Array<RevaluedLoan>(loans.length);
  const statusCounts: Record<LoanStatus, number> = {
    current: 0,
    "in arrears": 0,
    "written off": 0,
    repaid: 0,
  };
  let principalTotal = 0;
  let outstandingTotal = 0;
  let arrearsTotal = 0;
  let atRisk30 = 0;
  let atRisk90 = 0;
  let writtenOffTotal = 0;
  for (let index = 0; index < loans.length; index += 1) {
    const loan = loans[index]!;
    const { dueDays, cumulativeDuePence: cumulativeDue } = loan.schedule;
    const cumulativePrincipal = loan.schedule.cumulativePrincipalPence;
    const count = checkSchedule(loan, index);
    const principal = cumulativePrincipal[count - 1]!;
    const received = receivedBy(loan, index, asOfDay);
    const writtenOff = loan.writtenOffPence ?? 0;
    if (!Number.isSafeInteger(writtenOff) || writtenOff < 0 || writtenOff > principal) {
      throw bookError(
        index,
        loan,
        "writtenOffPence",
        "whole pence from 0 to the principal",
        writtenOff,
      );
    }

    // The number of instalments due on or before asOf, and the first instalment not fully
    // paid: each an upper bound, by binary search.
    const dueCount = upperBound(dueDays, asOfDay, count);
    const unpaid = upperBound(cumulativeDue, received, count);
    const due = dueCount === 0 ? 0 : cumulativeDue[dueCount - 1]!;
    const arrears = due > received ? due - received : 0;
    const daysPastDue = unpaid < dueCount ? asOfDay - dueDays[unpaid]! : 0;

    let principalRepaid: number;
    if (unpaid === count) principalRepaid = principal;
    else {
      const dueBefore = unpaid === 0 ? 0 : cumulativeDue[unpaid - 1]!;
      const principalBefore = unpaid === 0 ? 0 : cumulativePrincipal[unpaid - 1]!;
      const interest =
        cumulativeDue[unpaid]! - dueBefore - (cumulativePrincipal[unpaid]! - principalBefore);
      const paidOfInstalment = received - dueBefore;
      principalRepaid =
        principalBefore + (paidOfInstalment > interest ? paidOfInstalment - interest : 0);
    }

    let status: LoanStatus;
    let outstanding: number;
    principalTotal += principal;
    if (writtenOff > 0) {
      status = "written off";
      outstanding = 0;
      writtenOffTotal += writtenOff;
    } else {
      outstanding = principal - principalRepaid;
      if (unpaid === count) status = "repaid";
      else status = arrears > 0 ? "in arrears" : "current";
      outstandingTotal += outstanding;
      arrearsTotal += arrears;
      if (daysPastDue > 30) atRisk30 += outstanding;
      if (daysPastDue > 90) atRisk90 += outstanding;
    }
    statusCounts[status] += 1;
    results[index] = {
      id: loan.id,
      duePence: due,
      receivedPence: received,
      arrearsPence: arrears,
      daysPastDue,
      outstandingPence: outstanding,
      status,
    };
  }
  if (!Number.isSafeInteger(principalTotal)) {
    throw new InputError("revalueLoanBook: the book is too large to total exactly in pence");
  }
  return {
    asOf,
    loans: results,
    totals: {
      loans: loans.length,
      statusCounts,
      principalPence: principalTotal,
      outstandingPence: outstandingTotal,
      arrearsPence: arrearsTotal,
      atRisk30Pence: atRisk30,
      atRisk90Pence: atRisk90,
      par30: outstandingTotal > 0 ? atRisk30 / outstandingTotal : undefined,
      par90: outstandingTotal > 0 ? atRisk90 / outstandingTotal : undefined,
      writtenOffPence: writtenOffTotal,
    },
  };
}

/**
 * The loan book's columns of a schedule made by `loanSchedule`: due dates as day numbers and
 * the cumulative payments and principal, in typed arrays.
 */
export function bookSchedule(schedule: LoanSchedule): BookSchedule {
  const count = schedule.instalments.length;
  const dueDays = new Int32Array(count);
  const cumulativeDuePence = new Float64Array(count);
  const cumulativePrincipalPence = new Float64Array(count);
  let due = 0;
  let principal = 0;
  for (let index = 0; index < count; index += 1) {
    const instalment = schedule.instalments[index]!;
    due += instalment.paymentPence;
    principal += instalment.principalPence;
    dueDays[index] = dayNumber(instalment.date);
    cumulativeDuePence[index] = due;
    cumulativePrincipalPence[index] = principal;
  }
  return { dueDays, cumulativeDuePence, cumulativePrincipalPence };
}

// The first index whose value exceeds the target (count when none does), for values that never
// decrease.
function upperBound(values: ArrayLike<number>, target: number, count: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! <= target) low = middle + 1;
    else high = middle;
  }
  return low;
}

// Checks the columns in one pass and returns the number of instalments.
function checkSchedule(loan: BookLoan, index: number): number {
  const { dueDays, cumulativeDuePence, cumulativePrincipalPence } = loan.schedule;
  const count = dueDays.length;
  if (count === 0) {
    throw bookError(index, loan, "schedule", "at least one instalment", "none");
  }
  if (cumulativeDuePence.length !== count || cumulativePrincipalPence.length !== count) {
    throw bookError(
      index,
      loan,
      "schedule",
      "as many cumulative amounts as due dates",
      `${count} due dates, ${cumulativeDuePence.length} cumulative due, ${cumulativePrincipalPence.length} cumulative principal`,
    );
  }
  let previousDay = -Infinity;
  let previousDue = 0;
  for (let instalment = 0; instalment < count; instalment += 1) {
    const day = dueDays[instalment]!;
    const due = cumulativeDuePence[instalment]!;
    const principal = cumulativePrincipalPence[instalment]!;
    if (!Number.isSafeInteger(day) || day < previousDay) {
      throw bookError(index, loan, "schedule.dueDays", "whole day numbers in date order", day);
    }
    if (!Number.isSafeInteger(due) || due < previousDue) {
      throw bookError(
        index,
        loan,
        "schedule.cumulativeDuePence",
        "whole pence, never decreasing",
        due,
      );
    }
    if (!Number.isSafeInteger(principal)) {
      throw bookError(index, loan, "schedule.cumulativePrincipalPence", "whole pence", principal);
    }
    previousDay = day;
    previousDue = due;
  }
  if (!(cumulativePrincipalPence[count - 1]! > 0)) {
    throw bookError(
      index,
      loan,
      "schedule.cumulativePrincipalPence",
      "a principal above 0 in the last entry",
      cumulativePrincipalPence[count - 1]!,
    );
  }
  return count;
}

function receivedBy(loan: BookLoan, index: number, asOfDay: number): number {
  const { receivedPence, repayments } = loan;
  if ((receivedPence === undefined) === (repayments === undefined)) {
    throw bookError(
      index,
      loan,
      "receivedPence",
      "either receivedPence or repayments",
      "both or neither",
    );
  }
  if (receivedPence !== undefined) {
    if (!Number.isSafeInteger(receivedPence) || receivedPence < 0) {
      throw bookError(index, loan, "receivedPence", "whole pence, 0 or more", receivedPence);
    }
    return receivedPence;
  }
  let received = 0;
  for (const repayment of repayments!) {
    const amount = repayment.amountPence;
    if (!Number.isSafeInteger(amount) || amount < 0) {
      throw bookError(index, loan, "repayments.amountPence", "whole pence, 0 or more", amount);
    }
    const day = dayNumberOf(repayment.date, () => {
      throw bookError(index, loan, "repayments.date", "dates written YYYY-MM-DD", repayment.date);
    });
    if (day <= asOfDay) received += amount;
  }
  return received;
}

// The day number of a date, or what the caller throws when it is not a real date.
function dayNumberOf(isoDate: string, fail: () => never): number {
  try {
    return dayNumber(isoDate);
  } catch {
    return fail();
  }
}

function bookError(
  index: number,
  loan: BookLoan,
  field: string,
  expected: string,
  found: unknown,
): InputError {
  return new InputError(
    `revalueLoanBook: loan ${index + 1} ("${String(loan.id)}") needs ${expected}`,
    { field, value: String(found) },
  );
}
