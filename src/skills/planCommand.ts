import { InputError } from "../core/errors.js";
import { formatRows, type OutputFormat } from "../core/formatRows.js";
import { withDatabase } from "../cli/withDatabase.js";
import { sectorPlan } from "./methods/sectorPlan.js";
import { chosenIndustries, employmentHistory } from "./planFromStore.js";

/** Options of `placefirst skills plan`, as commander parses them. */
export interface SkillsPlanOptions {
  place: string;
  years: number;
  trendFrom?: string;
  add?: string;
  /** A closed consultation whose ranking names the industries the board chose. */
  chosen?: number;
  /** How many of its first industries to take; default 3. */
  top?: number;
  /** The jobs added in each chosen industry over the horizon. */
  jobsEach?: number;
  format: OutputFormat;
}

/**
 * Reads `--add 62=500,72=-40`: jobs added over the horizon in each named industry.
 *
 * @throws InputError for a part that is not `industry=jobs` or an industry named twice.
 */
export function parseAddedJobs(text: string): Record<string, number> {
  const added: Record<string, number> = {};
  for (const part of text.split(",")) {
    const match = /^\s*([A-Za-z0-9]+)\s*=\s*(-?\d+(?:\.\d+)?)\s*$/.exec(part);
    if (match === null) {
      throw new InputError(
        "expected industry=jobs pairs separated by commas, such as 62=500,72=120",
        { field: "add", value: part },
      );
    }
    const industry = match[1]!.toUpperCase();
    if (industry in added) {
      throw new InputError("this industry is named twice", { field: "add", value: industry });
    }
    added[industry] = Number(match[2]);
  }
  return added;
}

/**
 * `placefirst skills plan`: a sector plan for a place from the store, its latest employment as
 * the baseline, its trend carried on and the chosen industries' jobs added, printed as the plan
 * file `skills gap` and `skills import` read.
 */
export async function runSkillsPlan(options: SkillsPlanOptions): Promise<void> {
  const named = options.add === undefined ? {} : parseAddedJobs(options.add);
  if ((options.chosen === undefined) !== (options.jobsEach === undefined)) {
    throw new InputError(
      "--chosen and --jobs-each go together: the consultation that chose the industries, and the jobs to add in each",
    );
  }
  const { history, plan, added } = await withDatabase(
    "placefirst skills plan",
    async (database) => {
      const history = await employmentHistory(database, options.place, options.trendFrom);
      // The board's chosen industries get the jobs each; an industry also named in --add keeps
      // the number given there.
      const chosen =
        options.chosen === undefined
          ? []
          : await chosenIndustries(database, options.chosen, options.top ?? 3);
      const added = {
        ...Object.fromEntries(chosen.map((industry) => [industry, options.jobsEach!])),
        ...named,
      };
      const plan = sectorPlan(history.industries, {
        years: options.years,
        ...(history.earlierPeriod === undefined
          ? {}
          : { trendYears: Number(history.period) - Number(history.earlierPeriod) }),
        added,
      });
      return { history, plan, added };
    },
  );
  const pattern = history.level === "division" ? /^\d{2}$/ : /^[A-U]$/;
  for (const industry of Object.keys(added)) {
    if (!pattern.test(industry)) {
      throw new InputError(
        `the plan is by SIC ${history.level}, as ${options.place}'s employment is; name ${history.level === "division" ? "divisions (two digits, such as 62)" : "sections (a letter, such as J)"} in --add`,
        { field: "add", value: industry },
      );
    }
  }
  const unknown = Object.keys(added).filter(
    (industry) => !history.industries.some((row) => row.industry === industry),
  );
  process.stderr.write(
    `Baseline: ${options.place}'s employment in ${history.period} by SIC ${history.level}` +
      (history.earlierPeriod === undefined
        ? ", held level"
        : `, with the ${history.earlierPeriod}-${history.period} trend carried on`) +
      ` for ${options.years} years` +
      (Object.keys(added).length === 0 ? "" : ", plus the jobs added") +
      ".\n",
  );
  if (unknown.length > 0) {
    process.stderr.write(
      `warning: ${unknown.join(", ")} had no employment in ${history.period}; added from 0.\n`,
    );
  }
  const rows = plan.map((row) => ({
    industry: row.industry,
    baseline: Math.round(row.baseline * 10) / 10,
    target: Math.round(row.target * 10) / 10,
  }));
  process.stdout.write(
    options.format === "json"
      ? `${JSON.stringify(rows, null, 2)}\n`
      : formatRows(
          rows,
          [{ key: "industry" }, { key: "baseline" }, { key: "target" }],
          options.format,
        ),
  );
}
