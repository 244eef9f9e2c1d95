import { createReadStream } from "node:fs";
import { InputError } from "../core/errors.js";
import { columnIndex, readCsv } from "../data/readCsv.js";
import { dayNumber } from "./methods/loanSchedule.js";
import {
  instruments,
  type Instrument,
  type QualificationLevel,
} from "./methods/projectLifecycle.js";

/**
 * The rest of an investment project's record, beyond what the appraisal reads: who applies, where
 * exactly, which fund and instrument, co-finance, timeline and the jobs by qualification level.
 * Every part is optional for a pipeline read from a file.
 */
export interface ProjectRecord {
  /** The project's name; default its id. */
  name?: string | undefined;
  /** The organisation that applies. */
  applicant?: string | undefined;
  /** The neighbourhood (a code of a stored place inside the project's place) it is in. */
  neighbourhood?: string | undefined;
  /** The id of the fund that would pay for it. */
  fund?: string | undefined;
  /** The instrument it asks for. */
  instrument?: Instrument | undefined;
  /** Money from others alongside, in pounds (0 or more). */
  coFinance?: number | undefined;
  /** The first and last days of the project, YYYY-MM-DD. */
  startDate?: string | undefined;
  endDate?: string | undefined;
  /** Jobs it keeps that would otherwise go. */
  jobsSafeguarded?: number | undefined;
  /** The jobs it creates at each qualification level, with their annual pay in pounds. */
  jobsByLevel?: { level: QualificationLevel; jobs: number; annualPay?: number | null }[];
}

/** One project of a pipeline file, as the appraisal and portfolio commands read it. */
export interface PipelineProject {
  id: string;
  place: string;
  sector: string;
  /** Pounds requested. */
  amount: number;
  jobs: number;
  jobsNoDegree: number | null;
  /** Tonnes of CO2 a year; negative is a reduction. */
  co2Change: number | null;
  localSpendShare: number | null;
  /** Probability of default or of failing to deliver, 0 to 1. */
  risk: number | null;
  leftBehind: boolean;
  /** The appraised impact, when the file gives it. */
  score: number | null;
  /** Other columns the file has: pay, local_median_pay, income, deprivation, … */
  extra: Record<string, number | null>;
  /** The line of the file, for messages. */
  line: number;
  /** The rest of the investment project's record, where the file or request gives it. */
  record?: ProjectRecord;
}

const required = ["id", "place", "sector", "amount", "jobs"] as const;
const optional = [
  "jobs_no_degree",
  "co2_change",
  "local_spend_share",
  "risk",
  "left_behind",
  "score",
] as const;
// Columns of the project's record; text, apart from co_finance and jobs_safeguarded.
const recordColumns = [
  "name",
  "applicant",
  "neighbourhood",
  "fund",
  "instrument",
  "co_finance",
  "start_date",
  "end_date",
  "jobs_safeguarded",
] as const;

/**
 * Reads a pipeline CSV: `id,place,sector,amount,jobs,jobs_no_degree,co2_change,
 * local_spend_share,risk,left_behind` (amount in pounds, `left_behind` 0 or 1), an optional
 * `score`, the record's columns (`name`, `applicant`, `neighbourhood`, `fund`, `instrument`,
 * `co_finance` in pounds, `start_date`, `end_date`, `jobs_safeguarded`) and any other numeric
 * columns, kept in `extra`. Every value is checked: amounts
 * above 0, counts of jobs 0 or more, shares and risks from 0 to 1, ids unique.
 *
 * @throws InputError naming the file, line, column and value of the first problem.
 */
export async function readPipelineFile(path: string): Promise<PipelineProject[]> {
  const file = path;
  const reader = await readCsv(createReadStream(path), file);
  const lower = reader.header.map((name) => name.toLowerCase());
  const at = Object.fromEntries(
    required.map((name) => [name, columnIndex(reader.header, file, { candidates: [name] })]),
  ) as Record<(typeof required)[number], number>;
  const optionalAt = Object.fromEntries(
    optional.map((name) => [name, lower.indexOf(name)]),
  ) as Record<(typeof optional)[number], number>;
  const recordAt = Object.fromEntries(
    recordColumns.map((name) => [name, lower.indexOf(name)]),
  ) as Record<(typeof recordColumns)[number], number>;
  const known = new Set<number>([
    ...Object.values(at),
    ...Object.values(optionalAt),
    ...Object.values(recordAt),
  ]);
  const extraColumns = reader.header
    .map((name, index) => ({ name: lower[index]!, index }))
    .filter(({ index, name }) => !known.has(index) && name !== "");
  const projects: PipelineProject[] = [];
  const seen = new Map<string, number>();
  for await (const row of reader.rows) {
    const field = (index: number): string => (index < 0 ? "" : (row.fields[index] ?? "").trim());
    const problem = (column: string, value: string, expected: string): never => {
      throw new InputError(expected, { file, line: row.line, field: column, value });
    };
    const number = (
      column: string,
      index: number,
      rule: { min?: number; max?: number; aboveZero?: boolean; optional?: boolean },
    ): number | null => {
      const text = field(index);
      if (text === "") {
        if (rule.optional === true) return null;
        return problem(column, text, "expected a number");
      }
      const value = Number(text.replace(/[£,]/g, ""));
      if (!Number.isFinite(value)) return problem(column, text, "expected a number");
      if (rule.aboveZero === true && !(value > 0))
        return problem(column, text, "expected an amount above 0");
      if (rule.min !== undefined && value < rule.min) {
        return problem(column, text, `expected a number of ${rule.min} or more`);
      }
      if (rule.max !== undefined && value > rule.max) {
        return problem(column, text, `expected a number from ${rule.min ?? 0} to ${rule.max}`);
      }
      return value;
    };
    const id = field(at.id);
    if (id === "") problem("id", id, "expected the project's id");
    const earlier = seen.get(id);
    if (earlier !== undefined) problem("id", id, `the id was used before, on line ${earlier}`);
    seen.set(id, row.line);
    const place = field(at.place);
    if (place === "") problem("place", place, "expected the place's code");
    const sector = field(at.sector);
    if (sector === "") problem("sector", sector, "expected the sector (a SIC code or name)");
    const leftBehindText = field(optionalAt.left_behind);
    if (!["", "0", "1", "true", "false"].includes(leftBehindText.toLowerCase())) {
      problem("left_behind", leftBehindText, "expected 0 or 1");
    }
    const text = (column: (typeof recordColumns)[number]): string | undefined => {
      const value = field(recordAt[column]);
      return value === "" ? undefined : value;
    };
    const date = (column: "start_date" | "end_date"): string | undefined => {
      const value = text(column);
      if (value !== undefined && !isIsoDate(value)) {
        problem(column, value, "expected a date as YYYY-MM-DD");
      }
      return value;
    };
    const instrument = text("instrument")?.toLowerCase();
    if (instrument !== undefined && !(instruments as readonly string[]).includes(instrument)) {
      problem("instrument", instrument, `expected one of ${instruments.join(", ")}`);
    }
    const record: ProjectRecord = {
      name: text("name"),
      applicant: text("applicant"),
      neighbourhood: text("neighbourhood"),
      fund: text("fund"),
      instrument: instrument as Instrument | undefined,
      coFinance: number("co_finance", recordAt.co_finance, { min: 0, optional: true }) ?? undefined,
      startDate: date("start_date"),
      endDate: date("end_date"),
      jobsSafeguarded:
        number("jobs_safeguarded", recordAt.jobs_safeguarded, { min: 0, optional: true }) ??
        undefined,
    };
    if (
      record.startDate !== undefined &&
      record.endDate !== undefined &&
      record.endDate < record.startDate
    ) {
      problem("end_date", record.endDate, `expected a date on or after ${record.startDate}`);
    }
    const given = Object.fromEntries(
      Object.entries(record).filter(([, value]) => value !== undefined),
    ) as ProjectRecord;
    projects.push({
      id,
      place,
      sector,
      amount: number("amount", at.amount, { aboveZero: true })!,
      jobs: number("jobs", at.jobs, { min: 0 })!,
      jobsNoDegree: number("jobs_no_degree", optionalAt.jobs_no_degree, { min: 0, optional: true }),
      co2Change: number("co2_change", optionalAt.co2_change, { optional: true }),
      localSpendShare: number("local_spend_share", optionalAt.local_spend_share, {
        min: 0,
        max: 1,
        optional: true,
      }),
      risk: number("risk", optionalAt.risk, { min: 0, max: 1, optional: true }),
      leftBehind: ["1", "true"].includes(leftBehindText.toLowerCase()),
      score: number("score", optionalAt.score, { min: 0, optional: true }),
      extra: Object.fromEntries(
        extraColumns.map(({ name, index }) => {
          const text = field(index);
          const value = text === "" ? null : Number(text.replace(/[£,]/g, ""));
          return [name, value !== null && Number.isFinite(value) ? value : null];
        }),
      ),
      line: row.line,
      ...(Object.keys(given).length > 0 ? { record: given } : {}),
    });
    const last = projects.at(-1)!;
    if (last.jobsNoDegree !== null && last.jobsNoDegree > last.jobs) {
      problem(
        "jobs_no_degree",
        String(last.jobsNoDegree),
        `expected no more than the project's ${last.jobs} jobs`,
      );
    }
  }
  if (projects.length === 0) {
    throw new InputError("the file has no projects; expected a row per project", { file });
  }
  return projects;
}

/** Whether a text is a real calendar date written YYYY-MM-DD (the loan schedule's reading). */
export function isIsoDate(text: string): boolean {
  try {
    dayNumber(text);
    return true;
  } catch {
    return false;
  }
}
