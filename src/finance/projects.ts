import type { User } from "../api/auth/users.js";
import { InputError, NotFoundError } from "../core/errors.js";
import type { Database, Queryable } from "../store/database.js";
import { assertManages } from "./lenders.js";
import { loanBook, type StoredLoan } from "./loans.js";
import type { RevaluedLoan } from "./methods/loanBook.js";
import { statusMoveRefusal, type ProjectStatus } from "./methods/projectLifecycle.js";
import { listPipeline, type StoredProject } from "./pipeline.js";
import { setStatus } from "./statusLog.js";

/** A change of a project's status. */
export interface ProjectEvent {
  at: string;
  fromStatus: ProjectStatus | null;
  toStatus: ProjectStatus;
  /** The role of the user who made the change; null for an import or the demo. */
  byRole: string | null;
  note: string | null;
}

/** What a project reports it has delivered, on a date. */
export interface ProjectOutcome {
  reportedOn: string;
  jobs: number | null;
  jobsSafeguarded: number | null;
  co2Change: number | null;
  localSpendShare: number | null;
  note: string | null;
}

/** A project with its history, its reports and its loans, promised beside delivered. */
export interface ProjectDetail {
  project: StoredProject;
  events: ProjectEvent[];
  outcomes: ProjectOutcome[];
  /** The latest report of each measure, with its date; undefined when nothing is reported. */
  delivered: Partial<
    Record<
      "jobs" | "jobsSafeguarded" | "co2Change" | "localSpendShare",
      {
        value: number;
        reportedOn: string;
      }
    >
  >;
  loans: { loan: StoredLoan; value: RevaluedLoan; disbursedPence: number }[];
}

/** One project in full; throws NotFoundError when there is none with the id. */
export async function projectDetail(
  database: Queryable,
  id: string,
  asOf: string,
): Promise<ProjectDetail> {
  const [project] = await listPipeline(database, { ids: [id] });
  if (project === undefined) throw new NotFoundError(`No project has the id ${id}.`);
  const events = await database.query<ProjectEvent>(
    `select to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at,
       e.from_status as "fromStatus", e.to_status as "toStatus", u.role as "byRole", e.note
     from finance_project_events e left join users u on u.id = e.user_id
     where e.project_id = $1 order by e.id`,
    [id],
  );
  const outcomes = await database.query<ProjectOutcome>(
    `select to_char(reported_on, 'YYYY-MM-DD') as "reportedOn", jobs,
       jobs_safeguarded as "jobsSafeguarded", co2_change as "co2Change",
       local_spend_share as "localSpendShare", note
     from finance_outcomes where project_id = $1 order by reported_on, id`,
    [id],
  );
  const delivered: ProjectDetail["delivered"] = {};
  for (const outcome of outcomes) {
    for (const key of ["jobs", "jobsSafeguarded", "co2Change", "localSpendShare"] as const) {
      const value = outcome[key];
      if (value !== null) delivered[key] = { value, reportedOn: outcome.reportedOn };
    }
  }
  const book = await loanBook(database, asOf, { projectId: id });
  const disbursed = await disbursedByLoan(
    database,
    book.loans.map((loan) => loan.id),
  );
  return {
    project,
    events,
    outcomes,
    delivered,
    loans: book.loans.map((loan, index) => ({
      loan,
      value: book.revaluation.loans[index]!,
      disbursedPence: disbursed.get(loan.id) ?? 0,
    })),
  };
}

/** The money each loan has paid out, in pence. */
export async function disbursedByLoan(
  database: Queryable,
  loanIds: readonly string[],
): Promise<Map<string, number>> {
  return new Map(
    (
      await database.query<{ loan: string; total: number }>(
        `select loan_id as loan, sum(amount_pence)::float8 as total from finance_disbursements
         where loan_id = any($1::text[]) group by loan_id`,
        [[...loanIds]],
      )
    ).map((row) => [row.loan, row.total]),
  );
}

/**
 * Moves a project to another status, in one transaction, for a user who manages it: the move
 * must be allowed from where the project is, approval needs a fund, and approving must not
 * commit more than the fund's budget. The move is logged with the user and the note.
 */
export async function changeProjectStatus(
  database: Database,
  user: User,
  id: string,
  to: ProjectStatus,
  note: string | undefined,
): Promise<ProjectStatus> {
  return database.transaction(async (transaction) => {
    const [row] = await transaction.query<{
      status: ProjectStatus;
      fund: string | null;
      lender: string | null;
      amountPence: number;
    }>(
      `select p.status, p.fund_id as fund, f.lender_id as lender,
         p.amount_pence::float8 as "amountPence"
       from finance_projects p left join finance_funds f on f.id = p.fund_id
       where p.id = $1 for update of p`,
      [id],
    );
    if (row === undefined) throw new NotFoundError(`No project has the id ${id}.`);
    await assertManages(transaction, user, row.lender);
    const refusal = statusMoveRefusal(row.status, to, { hasFund: row.fund !== null });
    if (refusal !== undefined) throw new InputError(refusal, { field: "status", value: to });
    if (to === "approved" && row.fund !== null) {
      await checkBudget(transaction, row.fund, row.amountPence, id);
    }
    await setStatus(transaction, id, row.status, to, user.id, note ?? null);
    return to;
  });
}

/** Refuses to commit more than a fund's budget to the projects it has approved. */
async function checkBudget(
  transaction: Queryable,
  fundId: string,
  amountPence: number,
  projectId: string,
): Promise<void> {
  const [fund] = await transaction.query<{ budget: number; committed: number }>(
    `select f.budget_pence::float8 as budget,
       coalesce(sum(p.amount_pence) filter (where p.status not in ('proposed', 'appraised')
         and p.id <> $2), 0)::float8 as committed
     from finance_funds f left join finance_projects p on p.fund_id = f.id
     where f.id = $1 group by f.id`,
    [fundId, projectId],
  );
  if (fund !== undefined && fund.committed + amountPence > fund.budget) {
    const pounds = (pence: number) => `£${(pence / 100).toLocaleString("en-GB")}`;
    throw new InputError(
      `approving it would commit ${pounds(fund.committed + amountPence)} of the fund's ${pounds(fund.budget)} budget (${pounds(fund.committed)} already committed)`,
      { field: "status", value: "approved" },
    );
  }
}

/** An outcome report: what a project has delivered by a date. */
export interface OutcomeInput {
  reportedOn: string;
  jobs?: number | undefined;
  jobsSafeguarded?: number | undefined;
  co2Change?: number | undefined;
  localSpendShare?: number | undefined;
  note?: string | undefined;
}

/**
 * Records what a project reports it has delivered, for a user who manages it; only a project
 * that is a funding decision (contracted or later) reports outcomes.
 */
export async function reportOutcome(
  database: Database,
  user: User,
  id: string,
  outcome: OutcomeInput,
): Promise<void> {
  await database.transaction(async (transaction) => {
    const [row] = await transaction.query<{ status: ProjectStatus; lender: string | null }>(
      `select p.status, f.lender_id as lender from finance_projects p
       left join finance_funds f on f.id = p.fund_id where p.id = $1`,
      [id],
    );
    if (row === undefined) throw new NotFoundError(`No project has the id ${id}.`);
    await assertManages(transaction, user, row.lender);
    if (["proposed", "appraised", "approved"].includes(row.status)) {
      throw new InputError(`a ${row.status} project has nothing to report until it is contracted`, {
        field: "reportedOn",
      });
    }
    if (outcome.reportedOn > new Date().toISOString().slice(0, 10)) {
      throw new InputError("expected a date that has come", {
        field: "reportedOn",
        value: outcome.reportedOn,
      });
    }
    await transaction.query(
      `insert into finance_outcomes (project_id, reported_on, jobs, jobs_safeguarded, co2_change,
         local_spend_share, note, user_id) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        outcome.reportedOn,
        outcome.jobs ?? null,
        outcome.jobsSafeguarded ?? null,
        outcome.co2Change ?? null,
        outcome.localSpendShare ?? null,
        outcome.note ?? null,
        user.id,
      ],
    );
  });
}
