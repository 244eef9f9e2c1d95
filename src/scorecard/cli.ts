import { formatRows, type OutputFormat, type RowColumn } from "../core/formatRows.js";
import { InputError } from "../core/errors.js";
import { withDatabase } from "../cli/withDatabase.js";
import { shippedFrameworks } from "./shippedFrameworks.js";
import type { ScorecardReport } from "./computeScorecard.js";
import { loadFramework, loadWeightSet } from "./framework.js";
import { scorecardFromFile, scorecardFromStore } from "./service.js";

/** The options of `placefirst scorecard`. */
export interface ScorecardCommandOptions {
  /** A tidy observations CSV; without it the store is read. */
  data?: string;
  /** A framework file (JSON or YAML); default the demo framework. */
  framework?: string;
  /** A priority weight set file `{ "goal_or_indicator_id": weight }`. */
  weights?: string;
  /** Monte Carlo replications for rank intervals and sensitivity; none by default. */
  uncertainty?: number;
  /** The seed of the Monte Carlo draws. */
  seed: number;
  /** Show only this place. */
  place?: string;
  format: OutputFormat;
}

/** `placefirst scorecard`: scores places on a framework, from a file or the store. */
export async function runScorecard(options: ScorecardCommandOptions): Promise<void> {
  const frameworkPath =
    options.framework === undefined
      ? shippedFrameworks.demo!
      : (shippedFrameworks[options.framework] ?? options.framework);
  const framework = await loadFramework(frameworkPath);
  const scorecardOptions = {
    ...(options.weights !== undefined ? { weights: await loadWeightSet(options.weights) } : {}),
    ...(options.uncertainty !== undefined
      ? { uncertainty: { replications: options.uncertainty, seed: options.seed } }
      : {}),
  };
  if (options.uncertainty !== undefined && options.uncertainty >= 2000) {
    process.stderr.write(
      `Running ${options.uncertainty.toLocaleString("en-GB")} Monte Carlo replications…\n`,
    );
  }
  const report =
    options.data !== undefined
      ? await scorecardFromFile(options.data, framework, scorecardOptions)
      : await withDatabase("placefirst scorecard", (database) =>
          scorecardFromStore(database, framework, scorecardOptions),
        );
  if (options.place !== undefined) {
    const one = report.places.filter((place) => place.place === options.place);
    if (one.length === 0)
      throw new InputError(`the place ${options.place} is not among the places scored`, {
        field: "--place",
      });
    report.places = one;
  }
  for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(formatScorecard(report, options.format));
}

/** The scorecard as JSON (the documented shape), CSV or a table. */
export function formatScorecard(report: ScorecardReport, format: OutputFormat): string {
  if (format === "json") {
    const places = report.places.map((place) => ({
      place: place.place,
      ...(place.name !== undefined ? { name: place.name } : {}),
      score: round(place.score),
      rank: place.rank,
      goals: Object.fromEntries(
        Object.entries(place.goals).map(([goal, score]) => [goal, round(score)]),
      ),
      coverage: round(place.coverage, 3),
      ...(place.rankInterval !== undefined
        ? { rankInterval: place.rankInterval, medianRank: place.medianRank }
        : {}),
      leftBehind: place.leftBehind,
      ...(place.leftBehind ? { leftBehindReasons: place.leftBehindReasons } : {}),
    }));
    return `${JSON.stringify(
      {
        framework: report.framework,
        periods: report.periods,
        places,
        ...(report.sensitivity !== undefined
          ? {
              sensitivity: report.sensitivity.map((item) => ({
                assumption: item.assumption,
                firstOrder: round(item.firstOrder, 3),
                total: round(item.total, 3),
              })),
            }
          : {}),
      },
      null,
      2,
    )}\n`;
  }
  const goalIds = Object.keys(report.places[0]?.goals ?? {});
  type Row = Record<string, string | number | boolean | null>;
  const rows: Row[] = report.places.map((place) => ({
    place: place.place,
    name: place.name ?? null,
    rank: place.rank,
    score: round(place.score),
    ...Object.fromEntries(goalIds.map((goal) => [goal, round(place.goals[goal] ?? null)])),
    coverage: round(place.coverage, 3),
    ...(place.rankInterval !== undefined
      ? { rank_low: place.rankInterval[0], rank_high: place.rankInterval[1] }
      : {}),
    left_behind: place.leftBehind,
  }));
  const columns: RowColumn<Row>[] = Object.keys(rows[0] ?? { place: null }).map((key) => ({ key }));
  let text = formatRows(rows, columns, format);
  if (format === "table" && report.sensitivity !== undefined) {
    text += `\nSensitivity of the ranks (share of their variance)\n${formatRows(
      report.sensitivity.map((item) => ({
        assumption: item.assumption,
        firstOrder: round(item.firstOrder, 3),
        total: round(item.total, 3),
      })),
      [{ key: "assumption" }, { key: "firstOrder", heading: "first order" }, { key: "total" }],
      "table",
    )}`;
  }
  return text;
}

function round(value: number | null, digits = 1): number | null {
  if (value === null) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
