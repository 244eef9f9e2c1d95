import { readFile } from "node:fs/promises";
import { InputError } from "../core/errors.js";
import { formatRows, type OutputFormat } from "../core/formatRows.js";
import { appraisalCriteria, type AppraisedProject } from "./methods/appraisal.js";
import { readPipelineFile, type PipelineProject } from "./projectsFile.js";
import { appraisePipeline, portfolioProjects } from "./service.js";

/** Reads a priority weight set file `{ "criterion": weight }`. */
export async function readWeightsFile(path: string): Promise<Record<string, number>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new InputError(`expected a JSON weight set: ${(error as Error).message}`, { file: path });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InputError('expected an object such as { "jobsPerPound": 2, "deprivation": 1 }', {
      file: path,
    });
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new InputError("expected a weight of 0 or more", {
        file: path,
        field: key,
        value: String(value),
      });
    }
  }
  return parsed as Record<string, number>;
}

/** Appraises a pipeline file (read once), with a weight set file and an elasticity. */
export async function appraiseFile(
  path: string,
  options: { weights?: string; elasticity?: string },
  projects?: PipelineProject[],
): Promise<{ projects: PipelineProject[]; appraised: AppraisedProject[] }> {
  const pipeline = projects ?? (await readPipelineFile(path));
  const weights =
    options.weights === undefined ? undefined : await readWeightsFile(options.weights);
  const elasticity = options.elasticity === undefined ? undefined : Number(options.elasticity);
  if (elasticity !== undefined && !(elasticity >= 0 && Number.isFinite(elasticity))) {
    throw new InputError("expected an elasticity of 0 or more (the Green Book's is 1.3)", {
      field: "--elasticity",
      value: options.elasticity,
    });
  }
  const appraised = appraisePipeline(
    pipeline,
    {
      ...(weights === undefined ? {} : { weights }),
      ...(elasticity === undefined ? {} : { elasticity }),
    },
    { file: options.weights ?? path },
  );
  return { projects: pipeline, appraised };
}

/** `placefirst appraise FILE`: each project's score, with its parts, cost per job and per tonne. */
export async function runAppraise(
  path: string,
  options: { weights?: string; elasticity?: string; format: OutputFormat },
): Promise<void> {
  const { appraised } = await appraiseFile(path, options);
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify({ projects: appraised }, null, 2)}\n`);
    return;
  }
  const round = (value: number | null, digits = 2): number | null =>
    value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits));
  const rows = appraised.map((project) => ({
    rank: project.rank,
    id: project.id,
    score: round(project.score),
    base_score: round(project.baseScore),
    distributional_weight: round(project.distributionalWeight, 3),
    risk_factor: round(project.riskFactor, 3),
    cost_per_job: round(project.costPerJob, 0),
    cost_per_tonne: round(project.costPerTonne, 0),
    ...Object.fromEntries(
      appraisalCriteria.map((criterion) => [
        criterion,
        round(project.contributions.find((c) => c.criterion === criterion)?.contribution ?? null),
      ]),
    ),
  }));
  process.stdout.write(
    formatRows(
      rows,
      Object.keys(rows[0] ?? { rank: null }).map((key) => ({
        key: key as keyof (typeof rows)[number],
      })),
      options.format,
    ),
  );
}

/** Pounds as written ("100000", "£1,250.50") to whole pence, exactly; undefined if not money. */
export function poundsToPence(text: string): number | undefined {
  const match = /^£?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (match === null) return undefined;
  const pounds = Number(match[1]!.replaceAll(",", ""));
  const pence = Number((match[2] ?? "0").padEnd(2, "0"));
  const total = pounds * 100 + pence;
  return Number.isSafeInteger(total) ? total : undefined;
}

/** `placefirst loans schedule`: a loan's repayment schedule, exact to the penny. */
export async function runLoanSchedule(options: {
  principal: string;
  rateBps: string;
  months: string;
  type: "annuity" | "bullet";
  start?: string;
  dayCount?: "30/360" | "actual/365";
  format: OutputFormat;
}): Promise<void> {
  const { loanSchedule } = await import("./methods/loanSchedule.js");
  const principalPence = poundsToPence(options.principal);
  if (principalPence === undefined || principalPence <= 0) {
    throw new InputError("expected an amount in pounds above 0, such as 100000 or 1,250.50", {
      field: "--principal",
      value: options.principal,
    });
  }
  const integer = (text: string, flag: string, what: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value)) throw new InputError(what, { field: flag, value: text });
    return value;
  };
  const start = options.start ?? new Date().toISOString().slice(0, 10);
  const schedule = loanSchedule({
    principalPence,
    rateBps: integer(options.rateBps, "--rate-bps", "expected a whole number of basis points"),
    months: integer(options.months, "--months", "expected a whole number of months"),
    type: options.type,
    startDate: start,
    ...(options.dayCount === undefined ? {} : { dayCount: options.dayCount }),
  });
  const pounds = (pence: number): string =>
    `${pence < 0 ? "-" : ""}${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, "0")}`;
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify(schedule, null, 2)}\n`);
    return;
  }
  const rows = schedule.instalments.map((instalment) => ({
    number: instalment.number,
    date: instalment.date,
    opening: pounds(instalment.openingPence),
    interest: pounds(instalment.interestPence),
    principal: pounds(instalment.principalPence),
    payment: pounds(instalment.paymentPence),
    closing: pounds(instalment.closingPence),
  }));
  process.stdout.write(
    formatRows(
      rows,
      ["number", "date", "opening", "interest", "principal", "payment", "closing"].map((key) => ({
        key: key as keyof (typeof rows)[number],
      })),
      options.format,
    ),
  );
  if (options.format === "table") {
    process.stderr.write(
      `${schedule.instalments.length} payments${
        schedule.regularPaymentPence === undefined
          ? ""
          : ` of £${pounds(schedule.regularPaymentPence)}`
      }; interest £${pounds(schedule.totalInterestPence)}, in all £${pounds(schedule.totalPaidPence)}.\n`,
    );
  }
}

/** Options of `placefirst portfolio`. */
export interface PortfolioCommandOptions {
  budget: string;
  minShareLeftBehind?: string;
  minJobShareLeftBehind?: string;
  maxSharePlace?: string;
  maxShareSector?: string;
  maxMeanRisk?: string;
  weights?: string;
  elasticity?: string;
  format: OutputFormat;
}

/**
 * `placefirst portfolio FILE --budget N`: the projects to fund, chosen exactly by a mixed-integer
 * programme, with the binding constraints, what each costs, the cost of fairness and the greedy
 * ranking for comparison. Projects without a `score` column are appraised first.
 */
export async function runPortfolio(path: string, options: PortfolioCommandOptions): Promise<void> {
  const { portfolio } = await import("./methods/portfolio.js");
  const projects = await readPipelineFile(path);
  let scores = new Map(projects.map((project) => [project.id, project.score]));
  if (projects.some((project) => project.score === null)) {
    const { appraised } = await appraiseFile(path, options, projects);
    scores = new Map(appraised.map((project) => [project.id, project.score]));
  }
  const share = (text: string | undefined, flag: string): number | undefined => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!(value >= 0 && value <= 1)) {
      throw new InputError("expected a share from 0 to 1, such as 0.4", {
        field: flag,
        value: text,
      });
    }
    return value;
  };
  const budget = poundsToPence(options.budget);
  if (budget === undefined || budget <= 0) {
    throw new InputError("expected a budget in pounds above 0, such as 25000000", {
      field: "--budget",
      value: options.budget,
    });
  }
  const constraints = {
    budget: budget / 100,
    ...optional("minShareLeftBehind", share(options.minShareLeftBehind, "--min-share-left-behind")),
    ...optional(
      "minJobShareLeftBehind",
      share(options.minJobShareLeftBehind, "--min-job-share-left-behind"),
    ),
    ...optional("maxSharePlace", share(options.maxSharePlace, "--max-share-place")),
    ...optional("maxShareSector", share(options.maxShareSector, "--max-share-sector")),
    ...optional("maxMeanRisk", share(options.maxMeanRisk, "--max-mean-risk")),
  };
  const result = await portfolio(portfolioProjects(projects, scores), constraints);
  const summary = {
    selected: result.selected.map((item) => item.id),
    objective: result.objective,
    spent: result.spent,
    shareLeftBehind: result.shareLeftBehind ?? null,
    jobShareLeftBehind: result.jobShareLeftBehind ?? null,
    binding: result.binding,
    costOfFairness: result.costOfFairness ?? null,
    costs: result.costs,
    status: result.status,
    gap: result.gap,
    fractions: Object.fromEntries(
      result.selected.filter((item) => item.fraction < 1).map((item) => [item.id, item.fraction]),
    ),
    greedy: {
      rule: result.greedy.rule,
      selected: result.greedy.selected.map((item) => item.id),
      objective: result.greedy.objective,
      spent: result.greedy.spent,
      feasible: result.greedy.feasible,
      violated: result.greedy.violated,
    },
  };
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const rows = result.selected.map((item) => ({
    id: item.id,
    fraction: item.fraction,
    amount: Math.round(item.amount),
    score: Number(item.score.toFixed(2)),
  }));
  process.stdout.write(
    formatRows(
      rows,
      (["id", "fraction", "amount", "score"] as const).map((key) => ({ key })),
      options.format,
    ),
  );
  if (options.format === "table") {
    process.stderr.write(
      `Impact ${result.objective.toFixed(2)} for £${Math.round(result.spent).toLocaleString("en-GB")}` +
        (result.shareLeftBehind === undefined
          ? ""
          : `, ${(result.shareLeftBehind * 100).toFixed(1)}% in left-behind places`) +
        `; binding: ${result.binding.join(", ") || "none"}` +
        (result.costOfFairness === undefined
          ? ""
          : `; the fairness floor costs ${result.costOfFairness.toFixed(2)}`) +
        `; greedy by score per pound: ${result.greedy.objective.toFixed(2)}${result.greedy.feasible ? "" : " (breaks a constraint)"}.\n`,
    );
  }
}

function optional<Key extends string>(
  key: Key,
  value: number | undefined,
): Partial<Record<Key, number>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<Key, number>>);
}

/** `placefirst pipeline import FILE`: stores a pipeline, all or nothing. */
export async function runPipelineImport(path: string): Promise<void> {
  const { withDatabase } = await import("../cli/withDatabase.js");
  const { savePipeline } = await import("./pipeline.js");
  const projects = await readPipelineFile(path);
  const stored = await withDatabase("placefirst pipeline import", (database) =>
    database.transaction((transaction) => savePipeline(transaction, projects, { file: path })),
  );
  process.stdout.write(`Stored ${stored} projects from ${path}.\n`);
}

/** `placefirst pipeline list`: the stored pipeline. */
export async function runPipelineList(options: { format: OutputFormat }): Promise<void> {
  const { withDatabase } = await import("../cli/withDatabase.js");
  const { listPipeline } = await import("./pipeline.js");
  const projects = await withDatabase("placefirst pipeline list", listPipeline);
  const rows = projects.map((project) => ({
    id: project.id,
    name: project.name,
    place: project.place,
    sector: project.sector,
    amount: project.amount,
    jobs: project.jobs,
    left_behind: project.leftBehind,
    fund: project.record.fund ?? "",
    instrument: project.record.instrument ?? "",
    status: project.status,
  }));
  process.stdout.write(
    formatRows(
      rows,
      (
        [
          "id",
          "name",
          "place",
          "sector",
          "amount",
          "jobs",
          "left_behind",
          "fund",
          "instrument",
          "status",
        ] as const
      ).map((key) => ({ key })),
      options.format,
    ),
  );
}

/** `placefirst lenders list`: each lender's funds, with what they have committed. */
export async function runLendersList(options: { format: OutputFormat }): Promise<void> {
  const { withDatabase } = await import("../cli/withDatabase.js");
  const { listLenders } = await import("./lenders.js");
  const lenders = await withDatabase("placefirst lenders list", listLenders);
  const rows = lenders.flatMap((lender) =>
    lender.funds.map((fund) => ({
      lender: lender.id,
      lender_name: lender.name,
      kind: lender.kind,
      fund: fund.id,
      fund_name: fund.name,
      budget: fund.budgetPence / 100,
      committed: fund.committedPence / 100,
      instruments: fund.instruments.join(" "),
      places: fund.mandatePlaces?.join(" ") ?? "any",
      sectors: fund.mandateSectors?.join(" ") ?? "any",
      min_share_marginalised: fund.minShareMarginalised,
      share_marginalised: fund.shareMarginalised ?? "",
    })),
  );
  process.stdout.write(
    formatRows(
      rows,
      (
        [
          "lender",
          "lender_name",
          "kind",
          "fund",
          "fund_name",
          "budget",
          "committed",
          "instruments",
          "places",
          "sectors",
          "min_share_marginalised",
          "share_marginalised",
        ] as const
      ).map((key) => ({ key })),
      options.format,
    ),
  );
}

/** `placefirst lenders add-officer`: links an officer to a lender. */
export async function runLendersAddOfficer(options: {
  lender: string;
  email: string;
}): Promise<void> {
  const { withDatabase } = await import("../cli/withDatabase.js");
  const { addLenderOfficer } = await import("./lenders.js");
  await withDatabase("placefirst lenders add-officer", (database) =>
    addLenderOfficer(database, options.lender, options.email),
  );
  process.stdout.write(`${options.email} is now an officer of ${options.lender}.
`);
}
