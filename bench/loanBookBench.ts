import { Random } from "../src/demo/random.js";
import {
  bookSchedule,
  revalueLoanBook,
  type BookLoan,
  type LoanStatus,
} from "../src/finance/methods/loanBook.js";
import {
  dateOfDayNumber,
  dayNumber,
  loanSchedule,
  type LoanScheduleOptions,
} from "../src/finance/methods/loanSchedule.js";

/** One timed step: the median and every run, in seconds. */
export interface LoanBookTiming {
  medianSeconds: number;
  runs: number[];
}

/** What the loan book benchmark measured. */
export interface LoanBookBenchResult {
  loans: number;
  /** The instalments over all the schedules. */
  instalments: number;
  /** The revaluation date. */
  asOf: string;
  /** `revalueLoanBook` on the whole book, set-up excluded. Target: under 2 s. */
  revalue: LoanBookTiming;
  /** `loanSchedule` for every loan of the book. */
  schedules: LoanBookTiming;
  /** Drawing the terms, building the schedules and their columns, once. */
  setupSeconds: number;
  par30: number | undefined;
  par90: number | undefined;
  statusCounts: Record<LoanStatus, number>;
  peakMemoryMb: number;
}

/**
 * A seeded book of 100,000 loans (annuity and bullet, 12 to 120 months, both day counts, £5,000
 * to £250,000 at 0% to 12%, started over the nine years to the revaluation date) with a mix of
 * payers: most up to date, some a payment or two behind, some stopped paying, a few written off
 * and a few repaid early. Times `revalueLoanBook` (median of `repeats`, set-up excluded) and
 * the generation of every schedule with `loanSchedule`, separately. Target: the revaluation in
 * under 2 s.
 */
export function loanBookBench(repeats = 5): LoanBookBenchResult {
  const loanCount = 100_000;
  const asOf = "2025-06-30";
  const asOfDay = dayNumber(asOf);
  const random = new Random(2025);
  const setupStarted = process.hrtime.bigint();

  const terms: LoanScheduleOptions[] = new Array<LoanScheduleOptions>(loanCount);
  const firstStart = dayNumber("2016-07-01");
  for (let index = 0; index < loanCount; index += 1) {
    terms[index] = {
      principalPence: random.integer(50, 2500) * 10_000,
      rateBps: random.next() < 0.05 ? 0 : random.integer(100, 1200),
      months: random.integer(12, 120),
      type: random.next() < 0.85 ? "annuity" : "bullet",
      startDate: dateOfDayNumber(random.integer(firstStart, asOfDay - 1)),
      dayCount: random.next() < 0.5 ? "30/360" : "actual/365",
    };
  }

  const book: BookLoan[] = new Array<BookLoan>(loanCount);
  let instalments = 0;
  for (let index = 0; index < loanCount; index += 1) {
    const schedule = bookSchedule(loanSchedule(terms[index]!));
    const { dueDays, cumulativeDuePence, cumulativePrincipalPence } = schedule;
    const count = dueDays.length;
    instalments += count;
    let dueCount = 0;
    while (dueCount < count && dueDays[dueCount]! <= asOfDay) {
      dueCount += 1;
    }
    const dueBy = (instalment: number): number =>
      instalment <= 0 ? 0 : cumulativeDuePence[Math.min(instalment, count) - 1]!;
    const behaviour = random.next();
    let receivedPence: number;
    let writtenOffPence: number | undefined;
    if (behaviour < 0.72) {
      // Up to date; one in fifteen a payment ahead.
      receivedPence = dueBy(dueCount + (random.next() < 1 / 15 ? 1 : 0));
    } else if (behaviour < 0.85) {
      // A payment or two behind, with something paid towards the oldest.
      const missed = random.integer(1, 2);
      const partial = random.integer(0, Math.max(0, dueBy(dueCount) - dueBy(dueCount - 1) - 1));
      receivedPence = Math.min(dueBy(dueCount - missed) + partial, dueBy(dueCount));
    } else if (behaviour < 0.95) {
      // Stopped paying three to two dozen instalments ago.
      receivedPence = dueBy(dueCount - random.integer(3, 24));
    } else if (behaviour < 0.98) {
      // Stopped paying, and the outstanding principal written off.
      const paid = Math.max(0, dueCount - random.integer(6, 24));
      receivedPence = dueBy(paid);
      const repaid = paid === 0 ? 0 : cumulativePrincipalPence[paid - 1]!;
      writtenOffPence = Math.max(1, cumulativePrincipalPence[count - 1]! - repaid);
    } else {
      // Repaid early: the whole schedule paid.
      receivedPence = dueBy(count);
    }
    book[index] = { id: `loan-${index + 1}`, schedule, receivedPence, writtenOffPence };
  }
  const setupSeconds = Number(process.hrtime.bigint() - setupStarted) / 1e9;

  const revalueRuns: number[] = [];
  let revaluation = revalueLoanBook(book, asOf);
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const started = process.hrtime.bigint();
    revaluation = revalueLoanBook(book, asOf);
    revalueRuns.push(Number(process.hrtime.bigint() - started) / 1e9);
  }

  const scheduleRuns: number[] = [];
  // A checksum of the totals keeps the schedules from being optimised away.
  let checksum = 0;
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const started = process.hrtime.bigint();
    for (const term of terms) checksum += loanSchedule(term).totalPaidPence % 7;
    scheduleRuns.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  if (checksum < 0) throw new Error("loanBookBench: impossible checksum");

  return {
    loans: loanCount,
    instalments,
    asOf,
    revalue: { medianSeconds: median(revalueRuns), runs: revalueRuns },
    schedules: { medianSeconds: median(scheduleRuns), runs: scheduleRuns },
    setupSeconds,
    par30: revaluation.totals.par30,
    par90: revaluation.totals.par90,
    statusCounts: revaluation.totals.statusCounts,
    peakMemoryMb: process.resourceUsage().maxRSS / 1024,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
