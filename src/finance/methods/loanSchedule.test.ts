import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { Random } from "../../demo/random.js";
import {
  annuityPaymentPence,
  dateOfDayNumber,
  dayNumber,
  loanSchedule,
  type LoanSchedule,
  type LoanScheduleOptions,
} from "./loanSchedule.js";

// round(numerator / denominator) half up, in BigInt: an independent check of the interest.
function roundHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((2n * numerator + denominator) / (2n * denominator));
}

const millisecondsPerDay = 86_400_000;
function actualDays(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / millisecondsPerDay;
}

// The identities every schedule must meet, to the penny. Problems are collected and compared
// once, so that a long schedule costs one assertion.
function expectExactSchedule(schedule: LoanSchedule, principalPence: number): void {
  const problems: string[] = [];
  let principalSum = 0;
  let interestSum = 0;
  let paymentSum = 0;
  let opening = principalPence;
  for (const [index, row] of schedule.instalments.entries()) {
    if (row.number !== index + 1) problems.push(`row ${index}: number ${row.number}`);
    if (row.openingPence !== opening) problems.push(`row ${row.number}: opening`);
    if (row.paymentPence !== row.interestPence + row.principalPence) {
      problems.push(`row ${row.number}: payment is not interest + principal`);
    }
    if (row.closingPence !== row.openingPence - row.principalPence) {
      problems.push(`row ${row.number}: closing is not opening - principal`);
    }
    if (!Number.isSafeInteger(row.interestPence) || row.interestPence < 0) {
      problems.push(`row ${row.number}: interest ${row.interestPence}`);
    }
    principalSum += row.principalPence;
    interestSum += row.interestPence;
    paymentSum += row.paymentPence;
    opening = row.closingPence;
  }
  expect(problems).toEqual([]);
  expect(opening).toBe(0);
  expect(principalSum).toBe(principalPence);
  expect(schedule.totalInterestPence).toBe(interestSum);
  expect(schedule.totalPaidPence).toBe(paymentSum);
  expect(schedule.totalPaidPence).toBe(principalPence + schedule.totalInterestPence);
}

describe("loanSchedule", () => {
  test("loanSchedule(£100,000 at 4.5% over 60 months) matches the amortisation table by hand", () => {
    // r = 0.045 / 12 = 0.00375; A = 100,000 x 0.00375 / (1 - 1.00375^-60) = 1,864.3019…, so
    // £1,864.30. Month 1: interest 100,000 x 0.00375 = £375.00, principal 1,864.30 - 375.00 =
    // £1,489.30, balance £98,510.70. Month 2: interest 98,510.70 x 0.00375 = 369.4151… = £369.42,
    // principal £1,494.88, balance £97,015.82.
    const schedule = loanSchedule({
      principalPence: 10_000_000,
      rateBps: 450,
      months: 60,
      type: "annuity",
      startDate: "2025-01-15",
    });
    expect(schedule.regularPaymentPence).toBe(186_430);
    expect(schedule.instalments[0]).toEqual({
      number: 1,
      date: "2025-02-15",
      openingPence: 10_000_000,
      interestPence: 37_500,
      principalPence: 148_930,
      paymentPence: 186_430,
      closingPence: 9_851_070,
    });
    expect(schedule.instalments[1]).toMatchObject({
      date: "2025-03-15",
      interestPence: 36_942,
      principalPence: 149_488,
      closingPence: 9_701_582,
    });
    // The payment was rounded down by 0.19p a month; the shortfall, grown at 0.375% a month,
    // is 0.19 x 60 x ~1.06 = 12p or so, taken up by the last payment: £1,864.43. Unrounded
    // payments would cost 60 x 1,864.3019 - 100,000 = £11,858.12 of interest; rounding moves it
    // by a penny.
    expect(schedule.instalments[59]).toMatchObject({
      number: 60,
      date: "2030-01-15",
      paymentPence: 186_443,
      closingPence: 0,
    });
    expect(schedule.instalments.slice(0, 59).every((row) => row.paymentPence === 186_430)).toBe(
      true,
    );
    expect(schedule.totalInterestPence).toBe(1_185_813);
    expect(schedule.totalPaidPence).toBe(11_185_813);
    expectExactSchedule(schedule, 10_000_000);
  });

  test("loanSchedule($200,000 at 6% over 30 years) gives the published $1,199.10 a month", () => {
    // The textbook mortgage: r = 0.005, A = 200,000 x 0.005 / (1 - 1.005^-360) = 1,199.1010…
    // The published table starts: month 1 interest $1,000.00, principal $199.10; month 2
    // interest 199,800.90 x 0.005 = $999.00 (999.0045), principal $200.10.
    const schedule = loanSchedule({
      principalPence: 20_000_000,
      rateBps: 600,
      months: 360,
      type: "annuity",
      startDate: "2024-12-01",
    });
    expect(schedule.regularPaymentPence).toBe(119_910);
    expect(schedule.instalments[0]).toMatchObject({
      interestPence: 100_000,
      principalPence: 19_910,
      closingPence: 19_980_090,
    });
    expect(schedule.instalments[1]).toMatchObject({
      interestPence: 99_900,
      principalPence: 20_010,
      closingPence: 19_960_080,
    });
    // The published total interest, $231,676.38, is 360 unrounded payments less the principal.
    // Paying $1,199.10 leaves 0.105 cents a month unpaid, which grows at 0.5% a month to
    // 0.105 x (1.005^360 - 1) / 0.005 = 105 cents by the end, so the last payment is $1,200.14
    // and the interest $231,677.04.
    expect(schedule.instalments[359]).toMatchObject({
      date: "2054-12-01",
      paymentPence: 120_014,
      closingPence: 0,
    });
    expect(schedule.totalInterestPence).toBe(23_167_704);
    expectExactSchedule(schedule, 20_000_000);
  });

  test("annuityPaymentPence(principal, rate, months) is the annuity formula to the penny", () => {
    expect(annuityPaymentPence(10_000_000, 450, 60)).toBe(186_430);
    expect(annuityPaymentPence(20_000_000, 600, 360)).toBe(119_910);
    // One month: the principal and a month's interest, 1,000 x 12% / 12 = £10.
    expect(annuityPaymentPence(100_000, 1200, 1)).toBe(101_000);
    expect(() => annuityPaymentPence(100_000, 0, 12)).toThrow(InputError);
  });

  test("loanSchedule(bullet) pays interest each month and the principal in the last", () => {
    // £50,000 at 6%: 5,000,000 x 600 / 120,000 = 25,000 pence a month.
    const schedule = loanSchedule({
      principalPence: 5_000_000,
      rateBps: 600,
      months: 12,
      type: "bullet",
      startDate: "2025-04-01",
    });
    expect(schedule.regularPaymentPence).toBeUndefined();
    expect(schedule.instalments.slice(0, 11).map((row) => row.paymentPence)).toEqual(
      Array<number>(11).fill(25_000),
    );
    expect(schedule.instalments.slice(0, 11).every((row) => row.closingPence === 5_000_000)).toBe(
      true,
    );
    expect(schedule.instalments[11]).toMatchObject({
      date: "2026-04-01",
      interestPence: 25_000,
      principalPence: 5_000_000,
      paymentPence: 5_025_000,
      closingPence: 0,
    });
    expect(schedule.totalInterestPence).toBe(300_000);
    expectExactSchedule(schedule, 5_000_000);
  });

  test("loanSchedule rounds interest half up to the penny", () => {
    // 100 pence at 6% for a month is 100 x 600 / 120,000 = 0.5p exactly: 1p.
    const options: LoanScheduleOptions = {
      principalPence: 100,
      rateBps: 600,
      months: 3,
      type: "bullet",
      startDate: "2025-01-01",
    };
    const schedule = loanSchedule(options);
    expect(schedule.instalments.map((row) => row.paymentPence)).toEqual([1, 1, 101]);
    // 99 pence gives 0.495p: 0p.
    const lower = loanSchedule({ ...options, principalPence: 99 });
    expect(lower.instalments.map((row) => row.interestPence)).toEqual([0, 0, 0]);
  });

  test("loanSchedule(zero rate) pays principal / n, the remainder in the last", () => {
    // 1,000 / 3 = 333 remainder 1.
    const annuity = loanSchedule({
      principalPence: 1000,
      rateBps: 0,
      months: 3,
      type: "annuity",
      startDate: "2025-01-01",
    });
    expect(annuity.regularPaymentPence).toBe(333);
    expect(annuity.instalments.map((row) => row.paymentPence)).toEqual([333, 333, 334]);
    expect(annuity.totalInterestPence).toBe(0);
    const bullet = loanSchedule({
      principalPence: 1000,
      rateBps: 0,
      months: 3,
      type: "bullet",
      startDate: "2025-01-01",
    });
    expect(bullet.instalments.map((row) => row.paymentPence)).toEqual([0, 0, 1000]);
  });

  test("loanSchedule(one month) repays principal and one month's interest", () => {
    const schedule = loanSchedule({
      principalPence: 120_000,
      rateBps: 1000,
      months: 1,
      type: "annuity",
      startDate: "2025-06-30",
    });
    // 120,000 x 1,000 / 120,000 = 1,000 pence of interest.
    expect(schedule.instalments).toEqual([
      {
        number: 1,
        date: "2025-07-30",
        openingPence: 120_000,
        interestPence: 1000,
        principalPence: 120_000,
        paymentPence: 121_000,
        closingPence: 0,
      },
    ]);
  });

  test("loanSchedule(actual/365) charges the actual days of each month", () => {
    // £10,000 at 5%, lent 15 January 2025. 15 Jan to 15 Feb is 31 days:
    // 1,000,000 x 500 x 31 / (10,000 x 365) = 4,246.575… = 4,247p. The level payment is the
    // 30/360 annuity: 1,000,000 x (500/120,000) / (1 - (1 + 500/120,000)^-12) = 85,607.48… =
    // 85,607p, so the principal part is 81,360p and the balance 918,640p. 15 Feb to 15 Mar is
    // 28 days: 918,640 x 500 x 28 / 3,650,000 = 3,523.55… = 3,524p.
    const options: LoanScheduleOptions = {
      principalPence: 1_000_000,
      rateBps: 500,
      months: 12,
      type: "annuity",
      startDate: "2025-01-15",
      dayCount: "actual/365",
    };
    const schedule = loanSchedule(options);
    expect(schedule.regularPaymentPence).toBe(85_607);
    expect(schedule.instalments[0]).toMatchObject({
      date: "2025-02-15",
      interestPence: 4247,
      principalPence: 81_360,
      closingPence: 918_640,
    });
    expect(schedule.instalments[1]).toMatchObject({ date: "2025-03-15", interestPence: 3524 });
    expectExactSchedule(schedule, 1_000_000);
    // Under 30/360 the same first month is 1,000,000 x 500 / 120,000 = 4,166.67 = 4,167p.
    const thirty = loanSchedule({ ...options, dayCount: "30/360" });
    expect(thirty.instalments[0]!.interestPence).toBe(4167);
  });

  test("loanSchedule keeps the end-of-month rule: 31 January pays on 29 February, 31 March", () => {
    const options: LoanScheduleOptions = {
      principalPence: 1_000_000,
      rateBps: 500,
      months: 4,
      type: "annuity",
      startDate: "2024-01-31",
      dayCount: "actual/365",
    };
    const leap = loanSchedule(options);
    expect(leap.instalments.map((row) => row.date)).toEqual([
      "2024-02-29",
      "2024-03-31",
      "2024-04-30",
      "2024-05-31",
    ]);
    // 31 Jan to 29 Feb is 29 days: 1,000,000 x 500 x 29 / 3,650,000 = 3,972.6… = 3,973p.
    expect(leap.instalments[0]!.interestPence).toBe(3973);
    const common = loanSchedule({ ...options, startDate: "2025-01-31" });
    expect(common.instalments.map((row) => row.date)).toEqual([
      "2025-02-28",
      "2025-03-31",
      "2025-04-30",
      "2025-05-31",
    ]);
    // The 30th keeps to the 30th after February, and a year-end start rolls into the new year.
    const thirtieth = loanSchedule({ ...options, startDate: "2025-01-30" });
    expect(thirtieth.instalments.map((row) => row.date)).toEqual([
      "2025-02-28",
      "2025-03-30",
      "2025-04-30",
      "2025-05-30",
    ]);
    const december = loanSchedule({ ...options, startDate: "2025-12-31", months: 2 });
    expect(december.instalments.map((row) => row.date)).toEqual(["2026-01-31", "2026-02-28"]);
    // Giving the regular first payment date changes nothing.
    const given = loanSchedule({
      ...options,
      startDate: "2025-01-31",
      firstPaymentDate: "2025-02-28",
    });
    expect(given).toEqual(common);
  });

  test("loanSchedule(firstPaymentDate) makes a broken first period and pays on its day", () => {
    // Lent 10 January, first payment 1 March: 30E/360 counts 30 x 2 + 1 - 10 = 51 days, so the
    // first interest is 1,200,000 x 600 x 51 / 3,600,000 = 10,200p, against 6,000p for a month.
    const options: LoanScheduleOptions = {
      principalPence: 1_200_000,
      rateBps: 600,
      months: 3,
      type: "bullet",
      startDate: "2025-01-10",
      firstPaymentDate: "2025-03-01",
    };
    const schedule = loanSchedule(options);
    expect(schedule.instalments.map((row) => [row.date, row.interestPence])).toEqual([
      ["2025-03-01", 10_200],
      ["2025-04-01", 6000],
      ["2025-05-01", 6000],
    ]);
    // Actual/365: 10 January to 1 March 2025 is 50 days; 1,200,000 x 600 x 50 / 3,650,000 =
    // 9,863.01… = 9,863p.
    const actual = loanSchedule({ ...options, dayCount: "actual/365" });
    expect(actual.instalments[0]!.interestPence).toBe(9863);
    // An annuity keeps its level payment; the longer first period's extra interest comes out
    // of that month's principal and the last payment is larger.
    const annuity = loanSchedule({ ...options, type: "annuity", months: 12 });
    expect(annuity.instalments[0]!.paymentPence).toBe(annuity.regularPaymentPence);
    expect(annuity.instalments[11]!.paymentPence).toBeGreaterThan(annuity.regularPaymentPence!);
    expectExactSchedule(annuity, 1_200_000);
  });

  test("loanSchedule of a few pence stops paying once the balance is cleared", () => {
    // 900p over 600 months at 0.01%: the payment rounds up from 1.5038p to 2p, which clears
    // the balance after 450 months; the rest are 0.
    const schedule = loanSchedule({
      principalPence: 900,
      rateBps: 1,
      months: 600,
      type: "annuity",
      startDate: "2025-01-01",
    });
    expect(schedule.regularPaymentPence).toBe(2);
    expect(schedule.instalments[449]!.closingPence).toBe(0);
    expect(schedule.instalments.slice(450).every((row) => row.paymentPence === 0)).toBe(true);
    expectExactSchedule(schedule, 900);
  });

  test("loanSchedule sums to the penny on 200 seeded random loans", () => {
    const random = new Random(20_250_101);
    for (let loan = 0; loan < 200; loan += 1) {
      // Small, ordinary and very large principals, so that the BigInt interest path runs too.
      const size = random.integer(0, 9);
      const principalPence =
        size === 0
          ? random.integer(1, 5000)
          : size === 9
            ? random.integer(1, 10_000) * 1_000_000_000
            : random.integer(100_000, 100_000_000);
      const rateBps = random.next() < 0.1 ? 0 : random.integer(1, 3000);
      const months = random.next() < 0.1 ? random.integer(1, 3) : random.integer(1, 600);
      const start = dateOfDayNumber(
        random.integer(dayNumber("2000-01-01"), dayNumber("2030-12-31")),
      );
      const options: LoanScheduleOptions = {
        principalPence,
        rateBps,
        months,
        type: random.next() < 0.75 ? "annuity" : "bullet",
        startDate: start,
        dayCount: random.next() < 0.5 ? "30/360" : "actual/365",
      };
      if (random.next() < 0.2) {
        options.firstPaymentDate = dateOfDayNumber(dayNumber(start) + random.integer(1, 90));
      }
      const schedule = loanSchedule(options);
      expect(schedule.instalments).toHaveLength(months);
      expectExactSchedule(schedule, principalPence);

      // Each interest, recomputed in BigInt from the dates; every period at least a day.
      const wrongInterest: number[] = [];
      let previousDate = start;
      for (const [index, row] of schedule.instalments.entries()) {
        const elapsed = actualDays(previousDate, row.date);
        const days =
          options.dayCount === "actual/365"
            ? elapsed
            : index > 0 || options.firstPaymentDate === undefined
              ? 30
              : undefined;
        const yearDays = options.dayCount === "actual/365" ? 365n : 360n;
        if (
          elapsed < 1 ||
          (days !== undefined &&
            row.interestPence !==
              roundHalfUp(
                BigInt(row.openingPence) * BigInt(rateBps) * BigInt(days),
                10_000n * yearDays,
              ))
        ) {
          wrongInterest.push(row.number);
        }
        previousDate = row.date;
      }
      expect(wrongInterest).toEqual([]);

      // An annuity's payment is the floating-point formula to within a penny, and level until
      // the last instalment.
      if (options.type === "annuity" && rateBps > 0) {
        const r = rateBps / 120_000;
        const formula = (principalPence * r) / (1 - (1 + r) ** -months);
        expect(Math.abs(schedule.regularPaymentPence! - formula)).toBeLessThanOrEqual(1);
        const level = schedule.instalments
          .slice(0, -1)
          .every(
            (row) => row.paymentPence === schedule.regularPaymentPence || row.closingPence === 0,
          );
        expect(level).toBe(true);
      }
    }
  });

  test("loanSchedule throws an InputError naming the field for bad terms", () => {
    const good: LoanScheduleOptions = {
      principalPence: 100_000,
      rateBps: 450,
      months: 12,
      type: "annuity",
      startDate: "2025-01-31",
    };
    const fieldOf = (options: Partial<Record<keyof LoanScheduleOptions, unknown>>): unknown => {
      try {
        loanSchedule({ ...good, ...options } as LoanScheduleOptions);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as InputError).location.field;
      }
      return undefined;
    };
    expect(fieldOf({ principalPence: 1000.5 })).toBe("principalPence");
    expect(fieldOf({ principalPence: 0 })).toBe("principalPence");
    expect(fieldOf({ principalPence: -100 })).toBe("principalPence");
    expect(fieldOf({ principalPence: Number.NaN })).toBe("principalPence");
    expect(fieldOf({ principalPence: "100000" })).toBe("principalPence");
    expect(fieldOf({ rateBps: -1 })).toBe("rateBps");
    expect(fieldOf({ rateBps: 4.5 })).toBe("rateBps");
    expect(fieldOf({ months: 0 })).toBe("months");
    expect(fieldOf({ months: 601 })).toBe("months");
    expect(fieldOf({ months: 12.5 })).toBe("months");
    expect(fieldOf({ type: "balloon" })).toBe("type");
    expect(fieldOf({ dayCount: "actual/360" })).toBe("dayCount");
    expect(fieldOf({ startDate: "2025-02-29" })).toBe("startDate");
    expect(fieldOf({ startDate: "31/01/2025" })).toBe("startDate");
    expect(fieldOf({ firstPaymentDate: "2025-01-31" })).toBe("firstPaymentDate");
    expect(fieldOf({ startDate: "9999-01-01" })).toBe("months");
    expect(() => loanSchedule({ ...good, months: 0 })).toThrow(/months must be a whole number/);
  });
});

describe("dayNumber", () => {
  test("dayNumber(date) counts days from 1970-01-01 and dateOfDayNumber inverts it", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("1969-12-31")).toBe(-1);
    // 2000-03-01: 30 years of 365 days, 7 leap days (1972 … 1996), and Jan + Feb 2000 (60).
    expect(dayNumber("2000-03-01")).toBe(30 * 365 + 7 + 60);
    const random = new Random(7);
    for (let trial = 0; trial < 1000; trial += 1) {
      const day = random.integer(dayNumber("0001-01-01"), dayNumber("9999-12-31"));
      const date = dateOfDayNumber(day);
      expect(dayNumber(date)).toBe(day);
      if (date >= "1000-01-01")
        expect(Date.parse(`${date}T00:00:00Z`) / millisecondsPerDay).toBe(day);
    }
    expect(() => dayNumber("2023-02-29")).toThrow(InputError);
    expect(() => dateOfDayNumber(1.5)).toThrow(InputError);
  });
});
