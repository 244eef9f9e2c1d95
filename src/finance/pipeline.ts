import { sic2007Divisions } from "../core/sic2007.js";
import { ConflictError, InputError } from "../core/errors.js";
import type { Queryable } from "../store/database.js";
import {
  decidedStatuses,
  jobsByLevelTotals,
  mandateRefusal,
  type Instrument,
  type ProjectStatus,
} from "./methods/projectLifecycle.js";
import type { PipelineProject, ProjectRecord } from "./projectsFile.js";

/** A stored investment project of the pipeline, with its full record. */
export interface StoredProject extends Omit<PipelineProject, "line" | "score" | "record"> {
  name: string;
  placeName: string;
  status: ProjectStatus;
  fictional: boolean;
  /** The money asked for, in pence (`amount` is the same in pounds). */
  amountPence: number;
  /** Co-finance from others, in pence. */
  coFinancePence: number;
  /** The record: applicant, neighbourhood, fund, instrument, timeline, jobs by level. */
  record: ProjectRecord;
  neighbourhoodName: string | null;
  fundName: string | null;
  /** The lender whose fund pays for the project, if it names a fund. */
  lenderId: string | null;
  lenderName: string | null;
}

const sectionOfDivision = new Map(sic2007Divisions.map(([code, section]) => [code, section]));

/** Each place with the places that contain it, innermost first (the place itself first). */
export async function placeChains(
  database: Queryable,
  codes: readonly string[],
): Promise<Map<string, { code: string; kind: string }[]>> {
  const rows = await database.query<{ start: string; code: string; kind: string }>(
    `with recursive up (start, code, parent_code, kind, depth) as (
       select code, code, parent_code, kind, 0 from places where code = any($1::text[])
       union all
       select up.start, p.code, p.parent_code, p.kind, up.depth + 1
       from places p join up on p.code = up.parent_code where up.depth < 10
     ) select start, code, kind from up order by start, depth`,
    [[...new Set(codes)]],
  );
  const chains = new Map<string, { code: string; kind: string }[]>();
  for (const row of rows) {
    const chain = chains.get(row.start) ?? [];
    chain.push({ code: row.code, kind: row.kind });
    chains.set(row.start, chain);
  }
  return chains;
}

interface FundRow {
  id: string;
  instruments: Instrument[];
  places: string[] | null;
  sectors: string[] | null;
}

/**
 * Stores a pipeline, adding new projects and replacing those with the same ids, in the caller's
 * transaction. Every place and neighbourhood must be stored (a neighbourhood inside the
 * project's place), every fund must exist and its mandate cover the project, and jobs by level
 * must add up to the project's jobs; the first problem is named with its line. A project that
 * is already a funding decision (approved or later) keeps its terms: replacing it is refused.
 */
export async function savePipeline(
  transaction: Queryable,
  projects: readonly (PipelineProject & { name?: string })[],
  options: { file?: string; fictional?: boolean } = {},
): Promise<number> {
  const where = (line: number, field: string, value: string) => ({
    ...(options.file === undefined ? {} : { file: options.file }),
    line,
    field,
    value,
  });
  const chains = await placeChains(transaction, [
    ...projects.map((project) => project.place),
    ...projects.flatMap((project) =>
      project.record?.neighbourhood === undefined ? [] : [project.record.neighbourhood],
    ),
  ]);
  const fundIds = [...new Set(projects.flatMap((project) => project.record?.fund ?? []))];
  const funds = new Map(
    (
      await transaction.query<FundRow>(
        `select id, instruments, mandate_places as places, mandate_sectors as sectors
         from finance_funds where id = any($1::text[])`,
        [fundIds],
      )
    ).map((fund) => [fund.id, fund]),
  );
  const decided = new Map(
    (
      await transaction.query<{ id: string; status: ProjectStatus }>(
        "select id, status from finance_projects where id = any($1::text[])",
        [projects.map((project) => project.id)],
      )
    ).map((row) => [row.id, row.status]),
  );
  for (const project of projects) {
    if (!chains.has(project.place)) {
      throw new InputError(
        "no stored place has this code; import the places first",
        where(project.line, "place", project.place),
      );
    }
    const status = decided.get(project.id);
    if (status !== undefined && decidedStatuses.has(status)) {
      throw new ConflictError(
        `${options.file ?? "(request body)"}, line ${project.line}: project ${project.id} is ${status}; a funding decision's terms cannot be replaced`,
      );
    }
    const record = project.record ?? {};
    if (record.neighbourhood !== undefined) {
      const chain = chains.get(record.neighbourhood);
      if (chain === undefined) {
        throw new InputError(
          "no stored place has this code",
          where(project.line, "neighbourhood", record.neighbourhood),
        );
      }
      if (!chain.slice(1).some((place) => place.code === project.place)) {
        throw new InputError(
          `expected a neighbourhood inside the project's place ${project.place}`,
          where(project.line, "neighbourhood", record.neighbourhood),
        );
      }
    }
    if (record.fund !== undefined) {
      const fund = funds.get(record.fund);
      if (fund === undefined) {
        throw new InputError(
          "no fund has this id; add the fund first",
          where(project.line, "fund", record.fund),
        );
      }
      const refusal = mandateRefusal(
        {
          instruments: fund.instruments,
          places: fund.places ?? undefined,
          sectors: fund.sectors ?? undefined,
        },
        {
          places: (chains.get(project.place) ?? []).map((place) => place.code),
          sector: project.sector,
          section: sectionOfDivision.get(project.sector),
          instrument: record.instrument ?? null,
        },
      );
      if (refusal !== undefined) {
        throw new InputError(refusal, where(project.line, "fund", record.fund));
      }
    }
    if (record.jobsByLevel !== undefined && record.jobsByLevel.length > 0) {
      const totals = jobsByLevelTotals(record.jobsByLevel);
      if (Math.abs(totals.jobs - project.jobs) > 1e-9 * Math.max(1, project.jobs)) {
        throw new InputError(
          `the jobs by level add up to ${totals.jobs}; expected the project's ${project.jobs} jobs`,
          where(project.line, "jobsByLevel", String(totals.jobs)),
        );
      }
      if (
        project.jobsNoDegree !== null &&
        Math.abs(totals.jobsNoDegree - project.jobsNoDegree) > 1e-9 * Math.max(1, project.jobs)
      ) {
        throw new InputError(
          `the jobs below level 6 add up to ${totals.jobsNoDegree}; expected the project's ${project.jobsNoDegree} jobs without a degree`,
          where(project.line, "jobsNoDegree", String(project.jobsNoDegree)),
        );
      }
    }
  }
  for (const project of projects) {
    const record = project.record ?? {};
    const levels = record.jobsByLevel ?? [];
    const jobsNoDegree =
      project.jobsNoDegree ?? (levels.length > 0 ? jobsByLevelTotals(levels).jobsNoDegree : null);
    const isNew = !decided.has(project.id);
    await transaction.query(
      `insert into finance_projects (id, name, place_code, sector, amount_pence, jobs,
         jobs_no_degree, co2_change, local_spend_share, risk, left_behind, extra, fictional,
         applicant, neighbourhood_code, fund_id, instrument, co_finance_pence, start_date,
         end_date, jobs_safeguarded)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15, $16,
         $17, $18, $19, $20, $21)
       on conflict (id) do update set name = excluded.name, place_code = excluded.place_code,
         sector = excluded.sector, amount_pence = excluded.amount_pence, jobs = excluded.jobs,
         jobs_no_degree = excluded.jobs_no_degree, co2_change = excluded.co2_change,
         local_spend_share = excluded.local_spend_share, risk = excluded.risk,
         left_behind = excluded.left_behind, extra = excluded.extra,
         fictional = excluded.fictional, applicant = excluded.applicant,
         neighbourhood_code = excluded.neighbourhood_code, fund_id = excluded.fund_id,
         instrument = excluded.instrument, co_finance_pence = excluded.co_finance_pence,
         start_date = excluded.start_date, end_date = excluded.end_date,
         jobs_safeguarded = excluded.jobs_safeguarded, updated_at = now()`,
      [
        project.id,
        record.name ?? project.name ?? project.id,
        project.place,
        project.sector,
        Math.round(project.amount * 100),
        project.jobs,
        jobsNoDegree,
        project.co2Change,
        project.localSpendShare,
        project.risk,
        project.leftBehind,
        JSON.stringify(project.extra),
        options.fictional ?? false,
        record.applicant ?? null,
        record.neighbourhood ?? null,
        record.fund ?? null,
        record.instrument ?? null,
        Math.round((record.coFinance ?? 0) * 100),
        record.startDate ?? null,
        record.endDate ?? null,
        record.jobsSafeguarded ?? null,
      ],
    );
    await transaction.query("delete from finance_project_jobs where project_id = $1", [project.id]);
    for (const level of levels) {
      await transaction.query(
        `insert into finance_project_jobs (project_id, level, jobs, annual_pay_pence)
         values ($1, $2, $3, $4)`,
        [
          project.id,
          level.level,
          level.jobs,
          level.annualPay == null ? null : Math.round(level.annualPay * 100),
        ],
      );
    }
    if (isNew) {
      await transaction.query(
        `insert into finance_project_events (project_id, from_status, to_status, note)
         values ($1, null, 'proposed', $2)`,
        [project.id, options.file === undefined ? "added" : `imported from ${options.file}`],
      );
    }
  }
  return projects.length;
}

interface ProjectRow {
  id: string;
  name: string;
  place: string;
  placeName: string;
  sector: string;
  amountPence: number;
  jobs: number;
  jobsNoDegree: number | null;
  co2Change: number | null;
  localSpendShare: number | null;
  risk: number | null;
  leftBehind: boolean;
  extra: Record<string, number | null>;
  status: ProjectStatus;
  fictional: boolean;
  applicant: string | null;
  neighbourhood: string | null;
  neighbourhoodName: string | null;
  fund: string | null;
  fundName: string | null;
  lenderId: string | null;
  lenderName: string | null;
  instrument: Instrument | null;
  coFinancePence: number;
  startDate: string | null;
  endDate: string | null;
  jobsSafeguarded: number | null;
}

/** The stored pipeline, by id; `ids` narrows it to some projects. */
export async function listPipeline(
  database: Queryable,
  filter: { ids?: readonly string[] } = {},
): Promise<StoredProject[]> {
  const rows = await database.query<ProjectRow>(
    `select f.id, f.name, f.place_code as place, p.name as "placeName", f.sector,
       f.amount_pence::float8 as "amountPence", f.jobs, f.jobs_no_degree as "jobsNoDegree",
       f.co2_change as "co2Change", f.local_spend_share as "localSpendShare", f.risk,
       f.left_behind as "leftBehind", f.extra, f.status, f.fictional, f.applicant,
       f.neighbourhood_code as neighbourhood, n.name as "neighbourhoodName",
       f.fund_id as fund, fu.name as "fundName", fu.lender_id as "lenderId",
       l.name as "lenderName", f.instrument, f.co_finance_pence::float8 as "coFinancePence",
       to_char(f.start_date, 'YYYY-MM-DD') as "startDate",
       to_char(f.end_date, 'YYYY-MM-DD') as "endDate", f.jobs_safeguarded as "jobsSafeguarded"
     from finance_projects f join places p on p.code = f.place_code
     left join places n on n.code = f.neighbourhood_code
     left join finance_funds fu on fu.id = f.fund_id
     left join finance_lenders l on l.id = fu.lender_id
     where $1::text[] is null or f.id = any($1::text[])
     order by f.id`,
    [filter.ids === undefined ? null : [...filter.ids]],
  );
  const levels = await database.query<{
    project: string;
    level: NonNullable<ProjectRecord["jobsByLevel"]>[number]["level"];
    jobs: number;
    annualPayPence: number | null;
  }>(
    `select project_id as project, level, jobs, annual_pay_pence::float8 as "annualPayPence"
     from finance_project_jobs where $1::text[] is null or project_id = any($1::text[])
     order by project_id, array_position(array['entry', '1-2', '3', '4-5', '6+'], level)`,
    [filter.ids === undefined ? null : [...filter.ids]],
  );
  const byProject = new Map<string, NonNullable<ProjectRecord["jobsByLevel"]>>();
  for (const row of levels) {
    const list = byProject.get(row.project) ?? [];
    list.push({
      level: row.level,
      jobs: row.jobs,
      annualPay: row.annualPayPence === null ? null : row.annualPayPence / 100,
    });
    byProject.set(row.project, list);
  }
  return rows.map((row) => {
    const record: ProjectRecord = {
      name: row.name,
      ...(row.applicant === null ? {} : { applicant: row.applicant }),
      ...(row.neighbourhood === null ? {} : { neighbourhood: row.neighbourhood }),
      ...(row.fund === null ? {} : { fund: row.fund }),
      ...(row.instrument === null ? {} : { instrument: row.instrument }),
      coFinance: row.coFinancePence / 100,
      ...(row.startDate === null ? {} : { startDate: row.startDate }),
      ...(row.endDate === null ? {} : { endDate: row.endDate }),
      ...(row.jobsSafeguarded === null ? {} : { jobsSafeguarded: row.jobsSafeguarded }),
      jobsByLevel: byProject.get(row.id) ?? [],
    };
    return {
      id: row.id,
      name: row.name,
      place: row.place,
      placeName: row.placeName,
      sector: row.sector,
      amount: row.amountPence / 100,
      amountPence: row.amountPence,
      jobs: row.jobs,
      jobsNoDegree: row.jobsNoDegree,
      co2Change: row.co2Change,
      localSpendShare: row.localSpendShare,
      risk: row.risk,
      leftBehind: row.leftBehind,
      extra: row.extra,
      status: row.status,
      fictional: row.fictional,
      coFinancePence: row.coFinancePence,
      record,
      neighbourhoodName: row.neighbourhoodName,
      fundName: row.fundName,
      lenderId: row.lenderId,
      lenderName: row.lenderName,
    };
  });
}
