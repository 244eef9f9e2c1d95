import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/random.js";
import { bookSchedule, revalueLoanBook, type BookLoan, type BookSchedule } from "./loanBook.js";
import { dateOfDayNumber, dayNumber, loanSchedule } from "./loanSchedule.js";

// A schedule by hand: twelve monthly instalments of £100, each £90 of principal and £10 of
// interest, due on the given day of each month of 2025; £1,080 lent.
function handSchedule(dayOfMonth: number): BookSchedule {
  const dueDays = new Int32Array(12);
  const cumulativeDuePence = new Float64Array(12);
  const cumulativePrincipalPence = new Float64Array(12);
  for (let month = 0; month < 12; month += 1) {
    const date = `2025-${String(month + 1).padStart(2, "0")}-${String(dayOfMonth).padStart(2, "0")}`;
    dueDays[month] = dayNumber(date);
    cumulativeDuePence[month] = 10_000 * (month + 1);
    cumulativePrincipalPence[month] = 9000 * (month + 1);
  }
  return { dueDays, cumulativeDuePence, cumulativePrincipalPence };
}

describe("revalueLoanBook", () => {
  test("revalueLoanBook(book, asOf) works a five-loan book and its PAR by hand", () => {
    // Revalued on 15 June 2025. Loans A, B, D and E pay on the 1st, so six instalments (1 Jan
    // to 1 Jun) are due: £600. Loan C pays on the 15th, so 15 Jan to 15 Jun are due, £600 too.
    const book: BookLoan[] = [
      // A is up to date: six instalments paid, £540 of principal repaid, £540 outstanding.
      { id: "A", schedule: handSchedule(1), receivedPence: 60_000 },
      // B paid January to April and £5 more, which goes to May's £10 of interest. The oldest
      // unpaid instalment is 1 May: 30 + 15 = 45 days past due. Arrears 600 - 405 = £195;
      // principal repaid 4 x 90 = £360, so £720 outstanding.
      { id: "B", schedule: handSchedule(1), receivedPence: 40_500 },
      // C paid January only. The oldest unpaid is 15 February: 13 + 31 + 30 + 31 + 15 = 120
      // days past due. Arrears £500; principal repaid £90, £990 outstanding.
      { id: "C", schedule: handSchedule(15), receivedPence: 10_000 },
      // D paid two instalments, then £900 was written off: out of the portfolio.
      { id: "D", schedule: handSchedule(1), receivedPence: 20_000, writtenOffPence: 90_000 },
      // E paid the whole schedule, £1,200, by June: repaid early.
      { id: "E", schedule: handSchedule(1), receivedPence: 120_000 },
    ];
    const { loans, totals } = revalueLoanBook(book, "2025-06-15");
    expect(loans).toEqual([
      {
        id: "A",
        duePence: 60_000,
        receivedPence: 60_000,
        arrearsPence: 0,
        daysPastDue: 0,
        outstandingPence: 54_000,
        status: "current",
      },
      {
        id: "B",
        duePence: 60_000,
        receivedPence: 40_500,
        arrearsPence: 19_500,
        daysPastDue: 45,
        outstandingPence: 72_000,
        status: "in arrears",
      },
      {
        id: "C",
        duePence: 60_000,
        receivedPence: 10_000,
        arrearsPence: 50_000,
        daysPastDue: 120,
        outstandingPence: 99_000,
        status: "in arrears",
      },
      // D's arrears and days past due (1 March: 31 + 30 + 31 + 14 = 106) stay on the record.
      {
        id: "D",
        duePence: 60_000,
        receivedPence: 20_000,
        arrearsPence: 40_000,
        daysPastDue: 106,
        outstandingPence: 0,
        status: "written off",
      },
      {
        id: "E",
        duePence: 60_000,
        receivedPence: 120_000,
        arrearsPence: 0,
        daysPastDue: 0,
        outstandingPence: 0,
        status: "repaid",
      },
    ]);
    // Outstanding: 540 + 720 + 990 = £2,250. PAR30 = (720 + 990) / 2,250 = 0.76; PAR90 =
    // 990 / 2,250 = 0.44. Arrears 195 + 500 = £695 (D's are out with its write-off).
    expect(totals).toEqual({
      loans: 5,
      statusCounts: { current: 1, "in arrears": 2, "written off": 1, repaid: 1 },
      principalPence: 540_000,
      outstandingPence: 225_000,
      arrearsPence: 69_500,
      atRisk30Pence: 171_000,
      atRisk90Pence: 99_000,
      par30: 171_000 / 225_000,
      par90: 99_000 / 225_000,
      writtenOffPence: 90_000,
    });
    expect(totals.par30).toBeCloseTo(0.76, 15);
    expect(totals.par90).toBeCloseTo(0.44, 15);
  });

  test("revalueLoanBook allocates payments to the oldest instalment first, interest before principal", () => {
    const schedule = handSchedule(1);
    const revalue = (receivedPence: number, asOf = "2025-04-15") =>
      revalueLoanBook([{ id: "L", schedule, receivedPence }], asOf).loans[0]!;
    // £215 pays January and February in full, then March's £10 interest and £5 of its
    // principal: principal repaid 90 + 90 + 5 = £185. March is the oldest unpaid: 45 days.
    expect(revalue(21_500)).toMatchObject({
      arrearsPence: 40_000 - 21_500,
      daysPastDue: 45,
      outstandingPence: 108_000 - 18_500,
    });
    // £205 pays only March's interest: no principal beyond January and February's.
    expect(revalue(20_500).outstandingPence).toBe(108_000 - 18_000);
    // Paying ahead: £450 pays January to April and £50 of May, its £10 of interest and £40 of
    // principal.
    expect(revalue(45_000)).toMatchObject({
      arrearsPence: 0,
      daysPastDue: 0,
      outstandingPence: 108_000 - (4 * 9000 + 4000),
      status: "current",
    });
    // Late payments cure: with the arrears paid, days past due go back to 0.
    expect(revalue(40_000)).toMatchObject({ daysPastDue: 0, status: "current" });
  });

  test("revalueLoanBook counts an instalment due on the revaluation date, 0 days past due", () => {
    const schedule = handSchedule(1);
    const before = revalueLoanBook([{ id: "L", schedule, receivedPence: 0 }], "2024-12-31");
    expect(before.loans[0]).toMatchObject({ duePence: 0, arrearsPence: 0, status: "current" });
    const onTheDay = revalueLoanBook([{ id: "L", schedule, receivedPence: 0 }], "2025-01-01");
    expect(onTheDay.loans[0]).toMatchObject({
      duePence: 10_000,
      arrearsPence: 10_000,
      daysPastDue: 0,
      status: "in arrears",
    });
    const dayAfter = revalueLoanBook([{ id: "L", schedule, receivedPence: 0 }], "2025-01-02");
    expect(dayAfter.loans[0]!.daysPastDue).toBe(1);
    // 31 days late is at risk over 30 days; 30 days late is not.
    const thirty = revalueLoanBook([{ id: "L", schedule, receivedPence: 0 }], "2025-01-31");
    expect(thirty.loans[0]!.daysPastDue).toBe(30);
    expect(thirty.totals.par30).toBe(0);
    const thirtyOne = revalueLoanBook([{ id: "L", schedule, receivedPence: 0 }], "2025-02-01");
    expect(thirtyOne.totals.par30).toBe(1);
  });

  test("revalueLoanBook(repayments) counts those dated on or before asOf", () => {
    const loan: BookLoan = {
      id: "L",
      schedule: handSchedule(1),
      repayments: [
        { date: "2025-01-01", amountPence: 10_000 },
        { date: "2025-02-03", amountPence: 10_000 },
        { date: "2025-03-10", amountPence: 10_000 },
      ],
    };
    expect(revalueLoanBook([loan], "2025-03-09").loans[0]).toMatchObject({
      receivedPence: 20_000,
      arrearsPence: 10_000,
      daysPastDue: 8,
    });
    expect(revalueLoanBook([loan], "2025-03-10").loans[0]).toMatchObject({
      receivedPence: 30_000,
      arrearsPence: 0,
      status: "current",
    });
  });

  test("revalueLoanBook(loan paid to instalment k) leaves the schedule's closing balance outstanding", () => {
    // A real schedule: £100,000 at 4.5% over 60 months. Paying the first k instalments, and
    // then any part of the next one's interest, leaves exactly the k-th closing balance.
    const schedule = loanSchedule({
      principalPence: 10_000_000,
      rateBps: 450,
      months: 60,
      type: "annuity",
      startDate: "2025-01-31",
    });
    const columns = bookSchedule(schedule);
    expect(dateOfDayNumber(columns.dueDays[1]!)).toBe("2025-03-31");
    const random = new Random(11);
    for (let trial = 0; trial < 100; trial += 1) {
      const paid = random.integer(0, 59);
      const before = paid === 0 ? 0 : columns.cumulativeDuePence[paid - 1]!;
      const next = schedule.instalments[paid]!;
      const extra = random.integer(0, next.interestPence);
      const { loans } = revalueLoanBook(
        [{ id: "L", schedule: columns, receivedPence: before + extra }],
        "2035-01-01",
      );
      expect(loans[0]!.outstandingPence).toBe(next.openingPence);
      expect(loans[0]!.duePence).toBe(schedule.totalPaidPence);
    }
    const repaid = revalueLoanBook(
      [{ id: "L", schedule: columns, receivedPence: schedule.totalPaidPence }],
      "2035-01-01",
    );
    expect(repaid.loans[0]).toMatchObject({ outstandingPence: 0, status: "repaid" });
  });

  test("revalueLoanBook(zero-rate bullet) treats the zero instalments as paid", () => {
    const schedule = bookSchedule(
      loanSchedule({
        principalPence: 1000,
        rateBps: 0,
        months: 3,
        type: "bullet",
        startDate: "2025-01-01",
      }),
    );
    // The payments are 0, 0 and £10 on 1 April: nothing is late before then.
    const { loans } = revalueLoanBook([{ id: "L", schedule, receivedPence: 0 }], "2025-03-15");
    expect(loans[0]).toMatchObject({ arrearsPence: 0, daysPastDue: 0, status: "current" });
  });

  test("revalueLoanBook(empty book, or nothing outstanding) gives PAR undefined", () => {
    const empty = revalueLoanBook([], "2025-01-01");
    expect(empty.loans).toEqual([]);
    expect(empty.totals).toMatchObject({ loans: 0, outstandingPence: 0 });
    expect(empty.totals.par30).toBeUndefined();
    expect(empty.totals.par90).toBeUndefined();
    const settled = revalueLoanBook(
      [
        { id: "A", schedule: handSchedule(1), receivedPence: 120_000 },
        { id: "B", schedule: handSchedule(1), receivedPence: 0, writtenOffPence: 108_000 },
      ],
      "2026-01-01",
    );
    expect(settled.totals.par30).toBeUndefined();
    expect(settled.totals.writtenOffPence).toBe(108_000);
  });

  test("revalueLoanBook throws an InputError naming the loan and field for bad input", () => {
    const good: BookLoan = { id: "L", schedule: handSchedule(1), receivedPence: 0 };
    const fieldOf = (loan: BookLoan, asOf = "2025-06-30"): unknown => {
      try {
        revalueLoanBook([good, loan], asOf);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message).toMatch(asOf === "2025-06-30" ? /loan 2 \("X"\)/ : /asOf/);
        return (error as InputError).location.field;
      }
      return undefined;
    };
    const bad = (changes: Partial<BookLoan>): BookLoan => ({ ...good, id: "X", ...changes });
    expect(fieldOf(bad({ receivedPence: 100.5 }))).toBe("receivedPence");
    expect(fieldOf(bad({ receivedPence: -1 }))).toBe("receivedPence");
    expect(fieldOf(bad({ receivedPence: undefined }))).toBe("receivedPence");
    expect(fieldOf(bad({ repayments: [] }))).toBe("receivedPence");
    expect(
      fieldOf(
        bad({ receivedPence: undefined, repayments: [{ date: "2025-01-01", amountPence: 0.5 }] }),
      ),
    ).toBe("repayments.amountPence");
    expect(
      fieldOf(
        bad({ receivedPence: undefined, repayments: [{ date: "1 Jan 2025", amountPence: 5 }] }),
      ),
    ).toBe("repayments.date");
    expect(fieldOf(bad({ writtenOffPence: 108_001 }))).toBe("writtenOffPence");
    expect(fieldOf(bad({ writtenOffPence: -5 }))).toBe("writtenOffPence");
    const empty = { dueDays: [], cumulativeDuePence: [], cumulativePrincipalPence: [] };
    expect(fieldOf(bad({ schedule: empty }))).toBe("schedule");
    expect(fieldOf(bad({ schedule: { ...handSchedule(1), cumulativeDuePence: [1] } }))).toBe(
      "schedule",
    );
    const backwards = {
      ...handSchedule(1),
      dueDays: Array.from(handSchedule(1).dueDays).reverse(),
    };
    expect(fieldOf(bad({ schedule: backwards }))).toBe("schedule.dueDays");
    const fractional = handSchedule(1);
    (fractional.cumulativeDuePence as Float64Array)[3] = 40_000.5;
    expect(fieldOf(bad({ schedule: fractional }))).toBe("schedule.cumulativeDuePence");
    const noPrincipal = handSchedule(1);
    (noPrincipal.cumulativePrincipalPence as Float64Array)[11] = 0;
    expect(fieldOf(bad({ schedule: noPrincipal }))).toBe("schedule.cumulativePrincipalPence");
    expect(fieldOf(good, "2025-06-31")).toBe("asOf");
  });
});

describe("bookSchedule", () => {
  test("bookSchedule(schedule) gives the day numbers and running totals of the instalments", () => {
    const schedule = loanSchedule({
      principalPence: 5_000_000,
      rateBps: 600,
      months: 3,
      type: "bullet",
      startDate: "2025-01-31",
    });
    const columns = bookSchedule(schedule);
    expect(Array.from(columns.dueDays, dateOfDayNumber)).toEqual([
      "2025-02-28",
      "2025-03-31",
      "2025-04-30",
    ]);
    expect(Array.from(columns.cumulativeDuePence)).toEqual([25_000, 50_000, 5_075_000]);
    expect(Array.from(columns.cumulativePrincipalPence)).toEqual([0, 0, 5_000_000]);
  });
});
