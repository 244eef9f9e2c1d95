import { createReadStream } from "node:fs";
import { InputError } from "../core/errors.js";
import { columnIndex, readCsv } from "../data/readCsv.js";

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

/**
 * Reads a pipeline CSV: `id,place,sector,amount,jobs,jobs_no_degree,co2_change,
 * local_spend_share,risk,left_behind` (amount in pounds, `left_behind` 0 or 1), an optional
 * `score`, and any other numeric columns, kept in `extra`. Every value is checked: amounts
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
  const known = new Set<number>([...Object.values(at), ...Object.values(optionalAt)]);
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
