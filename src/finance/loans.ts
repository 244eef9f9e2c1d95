import type { User } from "../api/auth/users.js";
import { InputError, NotFoundError } from "../core/errors.js";
import type { Database, Queryable } from "../store/database.js";
import { assertManages } from "./lenders.js";
import {
  bookSchedule,
  revalueLoanBook,
  type LoanBookRevaluation,
  type RevaluedLoan,
} from "./methods/loanBook.js";
import { dayNumber, loanSchedule, type DayCount, type LoanType } from "./methods/loanSchedule.js";
import type { ProjectStatus } from "./methods/projectLifecycle.js";
import { setStatus } from "./statusLog.js";

/** A stored loan with its project's promises and what it reports. */
export interface StoredLoan {
  id: string;
  projectId: string;
  projectName: string;
  placeName: string;
  lender: string;
  /** The lender's id, when the loan is from one of the stored lenders' funds. */
  lenderId: string | null;
  fundId: string | null;
  principalPence: number;
  rateBps: number;
  months: number;
  type: LoanType;
  startDate: string;
  dayCount: DayCount;
  writtenOffPence: number;
  jobsPromised: number;
  /** The jobs the project last reported (its latest outcome report, else the loan's record). */
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

/** Which loans to revalue: one project's, or those of some lenders; default all. */
export interface LoanBookFilter {
  projectId?: string;
  /** The lenders whose loans to include; "all" (the default) includes every loan. */
  lenders?: "all" | ReadonlySet<string>;
}

/**
 * Revalues the stored loan book on a date: each loan's schedule from its terms, its repayments
 * to that date, arrears, days past due and status, and the book's portfolio at risk.
 */
export async function loanBook(
  database: Queryable,
  asOf: string,
  filter: LoanBookFilter = {},
): Promise<LoanBook> {
  const lenders =
    filter.lenders === undefined || filter.lenders === "all" ? null : [...filter.lenders];
  const loans = await database.query<StoredLoan>(
    `select l.id, l.project_id as "projectId", f.name as "projectName", p.name as "placeName",
       coalesce(le.name, l.lender) as lender, fu.lender_id as "lenderId", l.fund_id as "fundId",
       l.principal_pence::float8 as "principalPence", l.rate_bps as "rateBps",
       l.months, l.type, to_char(l.start_date, 'YYYY-MM-DD') as "startDate",
       l.day_count as "dayCount", l.written_off_pence::float8 as "writtenOffPence",
       f.jobs as "jobsPromised",
       coalesce((select o.jobs from finance_outcomes o where o.project_id = f.id
         and o.jobs is not null order by o.reported_on desc, o.id desc limit 1), l.jobs_reported)
         as "jobsReported",
       f.co2_change as "co2Promised",
       coalesce((select o.co2_change from finance_outcomes o where o.project_id = f.id
         and o.co2_change is not null order by o.reported_on desc, o.id desc limit 1),
         l.co2_reported) as "co2Reported",
       f.fictional
     from finance_loans l join finance_projects f on f.id = l.project_id
     join places p on p.code = f.place_code
     left join finance_funds fu on fu.id = l.fund_id
     left join finance_lenders le on le.id = fu.lender_id
     where ($1::text is null or l.project_id = $1)
       and ($2::text[] is null or fu.lender_id = any($2::text[]))
     order by l.id`,
    [filter.projectId ?? null, lenders],
  );
  const received = new Map(
    (
      await database.query<{ loan: string; total: number }>(
        `select loan_id as loan, sum(amount_pence)::float8 as total from finance_repayments
         where paid_on <= $1::date and loan_id = any($2::text[]) group by loan_id`,
        [asOf, loans.map((loan) => loan.id)],
      )
    ).map((row) => [row.loan, row.total]),
  );
  const revaluation = revalueLoanBook(
    loans.map((loan) => ({
      id: loan.id,
      schedule: bookSchedule(loanSchedule(termsOf(loan))),
      receivedPence: received.get(loan.id) ?? 0,
      writtenOffPence: loan.writtenOffPence,
    })),
    asOf,
  );
  return { loans, revaluation };
}

function termsOf(
  loan: Pick<
    StoredLoan,
    "principalPence" | "rateBps" | "months" | "type" | "startDate" | "dayCount"
  >,
) {
  return {
    principalPence: loan.principalPence,
    rateBps: loan.rateBps,
    months: loan.months,
    type: loan.type,
    startDate: loan.startDate,
    dayCount: loan.dayCount,
  };
}

/** The terms of a new loan to an approved project; money in pence. */
export interface LoanInput {
  projectId: string;
  principalPence: number;
  rateBps: number;
  months: number;
  type: LoanType;
  startDate: string;
  dayCount?: DayCount;
}

/**
 * Contracts a loan to an approved project from its fund, for one of the fund's lender's
 * officers: the project must ask for a loan (or name no instrument) and the principal must not
 * exceed what it asked for. The project becomes contracted. Returns the new loan's id.
 */
export async function createLoan(
  database: Database,
  user: User,
  input: LoanInput,
): Promise<string> {
  // The schedule is built first so that bad terms are refused before anything is written.
  loanSchedule({ ...input, dayCount: input.dayCount ?? "30/360" });
  return database.transaction(async (transaction) => {
    const [project] = await transaction.query<{
      status: ProjectStatus;
      fund: string | null;
      lender: string | null;
      lenderName: string | null;
      instrument: string | null;
      amountPence: number;
    }>(
      `select p.status, p.fund_id as fund, f.lender_id as lender, l.name as "lenderName",
         p.instrument, p.amount_pence::float8 as "amountPence"
       from finance_projects p left join finance_funds f on f.id = p.fund_id
       left join finance_lenders l on l.id = f.lender_id where p.id = $1 for update of p`,
      [input.projectId],
    );
    if (project === undefined) throw new NotFoundError(`No project has the id ${input.projectId}.`);
    await assertManages(transaction, user, project.lender);
    if (project.status !== "approved" || project.fund === null) {
      throw new InputError(`expected an approved project; this one is ${project.status}`, {
        field: "projectId",
        value: input.projectId,
      });
    }
    if (project.instrument !== null && project.instrument !== "loan") {
      throw new InputError(`the project asks for a ${project.instrument}, not a loan`, {
        field: "projectId",
        value: input.projectId,
      });
    }
    if (input.principalPence > project.amountPence) {
      throw new InputError(
        `expected no more than the ${project.amountPence} pence the project asked for`,
        { field: "principalPence", value: String(input.principalPence) },
      );
    }
    const [count] = await transaction.query<{ n: number }>(
      "select count(*)::int as n from finance_loans where project_id = $1",
      [input.projectId],
    );
    const id = `${input.projectId}-L${(count?.n ?? 0) + 1}`;
    await transaction.query(
      `insert into finance_loans (id, project_id, lender, fund_id, principal_pence, rate_bps,
         months, type, start_date, day_count) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        input.projectId,
        project.lenderName ?? project.lender ?? "",
        project.fund,
        input.principalPence,
        input.rateBps,
        input.months,
        input.type,
        input.startDate,
        input.dayCount ?? "30/360",
      ],
    );
    await setStatus(transaction, input.projectId, "approved", "contracted", user.id, `loan ${id}`);
    return id;
  });
}

/** A movement of money on a loan: a disbursement, a repayment or a write-off, in pence. */
export interface LoanMovement {
  kind: "disbursement" | "repayment" | "write-off";
  /** The day, YYYY-MM-DD, not in the future and not before the loan starts. */
  date: string;
  amountPence: number;
  note?: string | undefined;
}

/**
 * Records money paid out, repaid or written off on a loan, for an officer of its lender, and
 * moves its project on: the first disbursement makes it disbursing, the last repaying; the last
 * repayment closes it; a write-off of all that is outstanding writes it off. Refuses paying out
 * more than the principal, repaying more than is left to pay, and writing off more than is
 * outstanding. Returns the loan revalued on the day of the movement.
 */
export async function recordLoanMovement(
  database: Database,
  user: User,
  loanId: string,
  movement: LoanMovement,
): Promise<RevaluedLoan> {
  const today = new Date().toISOString().slice(0, 10);
  if (!Number.isSafeInteger(movement.amountPence) || movement.amountPence <= 0) {
    throw new InputError("expected an amount in whole pence above 0", {
      field: "amountPence",
      value: String(movement.amountPence),
    });
  }
  if (movement.date > today) {
    throw new InputError("expected a date that has come", { field: "date", value: movement.date });
  }
  return database.transaction(async (transaction) => {
    const [loan] = await transaction.query<StoredLoan & { status: ProjectStatus }>(
      `select l.id, l.project_id as "projectId", fu.lender_id as "lenderId",
         l.principal_pence::float8 as "principalPence", l.rate_bps as "rateBps", l.months,
         l.type, to_char(l.start_date, 'YYYY-MM-DD') as "startDate", l.day_count as "dayCount",
         l.written_off_pence::float8 as "writtenOffPence", p.status
       from finance_loans l join finance_projects p on p.id = l.project_id
       left join finance_funds fu on fu.id = l.fund_id where l.id = $1 for update of l`,
      [loanId],
    );
    if (loan === undefined) throw new NotFoundError(`No loan has the id ${loanId}.`);
    await assertManages(transaction, user, loan.lenderId);
    if (dayNumber(movement.date) < dayNumber(loan.startDate)) {
      throw new InputError(`expected a date on or after the loan's start, ${loan.startDate}`, {
        field: "date",
        value: movement.date,
      });
    }
    if (loan.status === "closed" || loan.status === "written off") {
      throw new InputError(`the loan's project is ${loan.status}; nothing more can be recorded`, {
        field: "kind",
        value: movement.kind,
      });
    }
    const schedule = loanSchedule(termsOf(loan));
    const totalDue = schedule.instalments.reduce((sum, row) => sum + row.paymentPence, 0);
    const [sums] = await transaction.query<{ disbursed: number; received: number }>(
      `select
         coalesce((select sum(amount_pence) from finance_disbursements where loan_id = $1), 0)::float8
           as disbursed,
         coalesce((select sum(amount_pence) from finance_repayments where loan_id = $1), 0)::float8
           as received`,
      [loanId],
    );
    const disbursed = sums?.disbursed ?? 0;
    const received = sums?.received ?? 0;
    const amount = movement.amountPence;
    const fail = (message: string): never => {
      throw new InputError(message, { field: "amountPence", value: String(amount) });
    };
    let next: ProjectStatus | undefined;
    if (movement.kind === "disbursement") {
      if (disbursed + amount > loan.principalPence) {
        fail(`expected at most the ${loan.principalPence - disbursed} pence not yet paid out`);
      }
      await transaction.query(
        "insert into finance_disbursements (loan_id, paid_on, amount_pence) values ($1, $2, $3)",
        [loanId, movement.date, amount],
      );
      if (disbursed + amount === loan.principalPence) next = "repaying";
      else if (loan.status === "contracted") next = "disbursing";
    } else if (movement.kind === "repayment") {
      if (received + amount > totalDue) {
        fail(`expected at most the ${totalDue - received} pence left to pay`);
      }
      await transaction.query(
        "insert into finance_repayments (loan_id, paid_on, amount_pence) values ($1, $2, $3)",
        [loanId, movement.date, amount],
      );
      if (received + amount === totalDue) next = "closed";
    } else {
      const value = revalueLoanBook(
        [
          {
            id: loan.id,
            schedule: bookSchedule(schedule),
            receivedPence: received,
            writtenOffPence: loan.writtenOffPence,
          },
        ],
        movement.date,
      ).loans[0]!;
      const outstanding = loan.writtenOffPence > 0 ? 0 : value.outstandingPence;
      if (amount > outstanding) fail(`expected at most the ${outstanding} pence outstanding`);
      await transaction.query(
        "update finance_loans set written_off_pence = written_off_pence + $2 where id = $1",
        [loanId, amount],
      );
      if (amount === outstanding) next = "written off";
    }
    if (next !== undefined && next !== loan.status) {
      // A loan can run ahead of the project's steps (repaid before it was marked repaying, say):
      // the status follows the money.
      await setStatus(
        transaction,
        loan.projectId,
        loan.status,
        next,
        user.id,
        movement.note ?? `${movement.kind} on loan ${loanId}`,
      );
    }
    const [after] = await transaction.query<{ received: number; writtenOff: number }>(
      `select coalesce((select sum(amount_pence) from finance_repayments where loan_id = $1
         and paid_on <= $2::date), 0)::float8 as received,
         (select written_off_pence from finance_loans where id = $1)::float8 as "writtenOff"`,
      [loanId, movement.date],
    );
    return revalueLoanBook(
      [
        {
          id: loan.id,
          schedule: bookSchedule(schedule),
          receivedPence: after?.received ?? 0,
          writtenOffPence: after?.writtenOff ?? 0,
        },
      ],
      movement.date,
    ).loans[0]!;
  });
}
