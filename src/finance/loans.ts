import type { Queryable } from "../store/database.js";
import { bookSchedule, revalueLoanBook, type LoanBookRevaluation } from "./methods/loanBook.js";
import { loanSchedule, type DayCount, type LoanType } from "./methods/loanSchedule.js";

/** A stored loan with its project's promises and what it reports. */
export interface StoredLoan {
  id: string;
  projectId: string;
  projectName: string;
  placeName: string;
  lender: string;
  principalPence: number;
  rateBps: number;
  months: number;
  type: LoanType;
  startDate: string;
  dayCount: DayCount;
  writtenOffPence: number;
  jobsPromised: number;
  jobsReported: number | null;
  co2Promised: number | null;
  co2Reported: number | null;
  fictional: boolean;
}

/** The loan book revalued on a date, each loan beside what its project promised. */
export interface LoanBook {
  loans: StoredLoan[];
  revaluation: LoanBookRevaluation;
}

/**
 * Revalues the stored loan book on a date: each loan's schedule from its terms, its repayments
 * to that date, arrears, days past due and status, and the book's portfolio at risk.
 */
export async function loanBook(database: Queryable, asOf: string): Promise<LoanBook> {
  const loans = await database.query<StoredLoan>(
    `select l.id, l.project_id as "projectId", f.name as "projectName", p.name as "placeName",
       l.lender, l.principal_pence::float8 as "principalPence", l.rate_bps as "rateBps",
       l.months, l.type, to_char(l.start_date, 'YYYY-MM-DD') as "startDate",
       l.day_count as "dayCount", l.written_off_pence::float8 as "writtenOffPence",
       f.jobs as "jobsPromised", l.jobs_reported as "jobsReported",
       f.co2_change as "co2Promised", l.co2_reported as "co2Reported", f.fictional
     from finance_loans l join finance_projects f on f.id = l.project_id
     join places p on p.code = f.place_code order by l.id`,
  );
  const received = new Map(
    (
      await database.query<{ loan: string; total: number }>(
        `select loan_id as loan, sum(amount_pence)::float8 as total from finance_repayments
         where paid_on <= $1::date group by loan_id`,
        [asOf],
      )
    ).map((row) => [row.loan, row.total]),
  );
  const revaluation = revalueLoanBook(
    loans.map((loan) => ({
      id: loan.id,
      schedule: bookSchedule(
        loanSchedule({
          principalPence: loan.principalPence,
          rateBps: loan.rateBps,
          months: loan.months,
          type: loan.type,
          startDate: loan.startDate,
          dayCount: loan.dayCount,
        }),
      ),
      receivedPence: received.get(loan.id) ?? 0,
      writtenOffPence: loan.writtenOffPence,
    })),
    asOf,
  );
  return { loans, revaluation };
}
