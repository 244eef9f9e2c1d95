import { readFile } from "node:fs/promises";
import type { FastifyInstance } from "fastify";
import { page, sendCsv } from "../web/page.js";
import { InputError, NotFoundError } from "../core/errors.js";
import { getWeightSet, listWeightSets, type WeightSet } from "../participation/results.js";
import { toCsv } from "../core/formatRows.js";
import { getPlace, hexLayoutFor, listIndicators, listPlaces } from "../data/service.js";
import type { Queryable } from "../store/database.js";
import {
  barChart,
  colourScale,
  hexMap,
  rankIntervalChart,
  sparkline,
} from "../web/charts/index.js";
import type { ScorecardReport } from "./computeScorecard.js";
import { frameworkIndicators, parseFramework, type Framework } from "./framework.js";
import { getFramework, listFrameworks } from "./frameworkStore.js";
import { placeScorecardDetails } from "./placeScorecard.js";
import { scorecardFromStore } from "./service.js";
import { shippedFrameworks } from "./shippedFrameworks.js";

/** The replications behind the rank intervals on the pages: enough for stable 5-95% bounds. */
const pageReplications = 1000;

/** The scorecard pages: the ranking of places, and one place's scorecard. */
export async function scorecardPages(app: FastifyInstance): Promise<void> {
  const database = app.database;

  app.get("/scorecard", { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as { framework?: string; goal?: string; weights?: string };
    const { id, framework, choices } = await resolveFramework(database, query.framework);
    const { weightSets, chosen } = await frameworkWeightSets(database, framework, query.weights);
    const report = await scorecardFromStore(database, framework, {
      uncertainty: { replications: pageReplications, seed: 1 },
      ...(chosen === undefined ? {} : { weights: chosen.weights }),
    });
    const goals = framework.goals.map((goal) => ({ id: goal.id, name: goal.name ?? goal.id }));
    const goal = goals.find((candidate) => candidate.id === query.goal);
    const places = await listPlaces(database);
    const fictional = places.some(
      (place) => place.fictional && report.places.some((entry) => entry.place === place.code),
    );
    return page(reply, request, "scorecard/views/ranking.njk", "Scorecard", {
      frameworkId: id,
      weightSets,
      chosen,
      framework,
      choices,
      report,
      goals,
      goal,
      map: await scoreMap(database, report, goal?.id),
      intervals: rankIntervalChart({
        title: `Ranks of ${report.places.length} places on ${framework.name}, with 5-95% intervals`,
        rows: report.places
          .filter((entry) => entry.rank !== null)
          .map((entry) => ({
            label: entry.name ?? entry.place,
            rank: entry.rank!,
            low: entry.rankInterval?.[0] ?? entry.rank!,
            high: entry.rankInterval?.[1] ?? entry.rank!,
            highlight: entry.leftBehind,
          })),
      }),
      fictional,
    });
  });

  app.get("/scorecard.csv", { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as { framework?: string; weights?: string };
    const { framework } = await resolveFramework(database, query.framework);
    const { chosen } = await frameworkWeightSets(database, framework, query.weights);
    const report = await scorecardFromStore(database, framework, {
      uncertainty: { replications: pageReplications, seed: 1 },
      ...(chosen === undefined ? {} : { weights: chosen.weights }),
    });
    return sendCsv(reply, "scorecard.csv", reportCsv(report));
  });

  app.get("/scorecard/:code", { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const view = await placeScorecardView(
      database,
      code,
      (request.query as { framework?: string }).framework,
    );
    const { place, framework, entry, details } = view;
    const goalNames = new Map(framework.goals.map((goal) => [goal.id, goal.name ?? goal.id]));
    const topGoals = framework.goals.map((goal) => ({
      id: goal.id,
      name: goal.name ?? goal.id,
      score: entry.goals[goal.id] ?? null,
    }));
    return page(reply, request, "scorecard/views/place.njk", `${place.name}: scorecard`, {
      frameworkId: view.id,
      framework,
      place,
      entry,
      count: view.count,
      goalChart: barChart({
        title: `Goal scores of ${place.name} on ${framework.name} (0 to 100)`,
        bars: topGoals.map((goal) => ({ label: goal.name, value: Math.max(0, goal.score ?? 0) })),
        format: (value) => value.toFixed(1),
      }),
      topGoals,
      lines: details.lines.map((line) => ({
        ...line,
        goalName: goalNames.get(line.goalId) ?? line.goalId,
        sparkline: sparkline(
          line.series.map((point) => point.value),
          {
            label: `${line.indicator.name}, ${line.series[0]?.period ?? ""} to ${line.series.at(-1)?.period ?? ""}`,
          },
        ),
      })),
      similar: details.similar,
      decoupling: details.decoupling,
      contextVariables: details.contextVariables,
      fictional: place.fictional,
    });
  });

  app.get("/scorecard/:code/indicators.csv", { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const { details } = await placeScorecardView(
      database,
      code,
      (request.query as { framework?: string }).framework,
    );
    const rows = details.lines.map((line) => ({
      indicator: line.indicator.id,
      name: line.indicator.name,
      goal: line.goalId,
      period: line.period,
      value: line.value,
      similar_places_mean: line.peerMean,
      trend: line.trend.direction,
      change: line.trend.change ?? null,
      from_period: line.trend.from?.period ?? null,
    }));
    return sendCsv(
      reply,
      `${code}-scorecard.csv`,
      toCsv(
        rows,
        Object.keys(rows[0] ?? { indicator: null }).map((key) => ({
          key: key as keyof (typeof rows)[number],
        })),
      ),
    );
  });
}

/** Everything one place's scorecard shows, for the page and its CSV. */
async function placeScorecardView(
  database: Queryable,
  code: string,
  frameworkId: string | undefined,
) {
  const { id, framework } = await resolveFramework(database, frameworkId);
  const place = await getPlace(database, code);
  const report = await scorecardFromStore(database, framework);
  const entry = report.places.find((candidate) => candidate.place === code);
  if (entry === undefined) {
    throw new NotFoundError(
      `${place.name} is not among the places the framework "${framework.name}" scores.`,
    );
  }
  const [places, indicators] = await Promise.all([listPlaces(database), listIndicators(database)]);
  const wanted = new Set([
    ...Object.keys(report.periods),
    ...framework.context,
    ...(framework.decoupling === undefined
      ? []
      : [framework.decoupling.output, framework.decoupling.pressure]),
  ]);
  const observations = (
    await database.query<{
      placeCode: string;
      indicatorId: string;
      period: string;
      value: number | null;
    }>(
      `select place_code as "placeCode", indicator_id as "indicatorId", period, value
       from observations where indicator_id = any($1::text[]) and place_code = any($2::text[])`,
      [[...wanted], report.places.map((candidate) => candidate.place)],
    )
  ).map((row) => ({ ...row, lower: null, upper: null, status: "ok" as const, note: null }));
  const details = placeScorecardDetails(framework, report, code, places, indicators, observations);
  return {
    id,
    framework,
    place,
    entry,
    details,
    count: report.places.filter((candidate) => candidate.rank !== null).length,
  };
}

/** The framework to show: a stored one by id, else the shipped demo framework. */
async function resolveFramework(
  database: Queryable,
  id: string | undefined,
): Promise<{ id: string; framework: Framework; choices: { id: string; name: string }[] }> {
  const stored = await listFrameworks(database);
  const choices = stored.map((item) => ({ id: item.id, name: item.name }));
  if (id !== undefined && id !== "demo") {
    return { id, framework: (await getFramework(database, id)).definition, choices };
  }
  const demo = stored.find((item) => item.id === "demo") ?? stored[0];
  if (demo !== undefined) return { id: demo.id, framework: demo.definition, choices };
  const framework = parseFramework(await readFile(shippedFrameworks.demo!, "utf8"), "demo.json");
  return { id: "demo", framework, choices: [{ id: "demo", name: framework.name }] };
}

/** A hex map of the scored places coloured by a goal's score (or the overall score). */
async function scoreMap(
  database: Queryable,
  report: ScorecardReport,
  goalId: string | undefined,
): Promise<{ svg: string; legend: { colour: string; label: string }[] } | undefined> {
  const found = await hexLayoutFor(
    database,
    report.places.map((entry) => entry.place),
  );
  if (found === undefined) return undefined;
  const values = new Map(
    report.places.map((entry) => [
      entry.place,
      goalId === undefined ? entry.score : (entry.goals[goalId] ?? null),
    ]),
  );
  const scale = colourScale(values, { polarity: 1 });
  const names = new Map(report.places.map((entry) => [entry.place, entry.name ?? entry.place]));
  const svg = hexMap({
    layout: found.layout,
    title: `Map of ${goalId ?? "overall"} scores`,
    fill: scale.fill,
    hasValue: scale.hasValue,
    href: (code) => `/scorecard/${encodeURIComponent(code)}`,
    label: (code) => {
      const value = values.get(code);
      return `${names.get(code) ?? code}: ${value === null || value === undefined ? "no score" : value.toFixed(1)}`;
    },
  });
  return { svg, legend: scale.legend };
}

function reportCsv(report: ScorecardReport): string {
  const goalIds = Object.keys(report.places[0]?.goals ?? {});
  type Row = Record<string, string | number | boolean | null>;
  const rows: Row[] = report.places.map((entry) => ({
    place: entry.place,
    name: entry.name ?? null,
    rank: entry.rank,
    score: entry.score,
    ...Object.fromEntries(goalIds.map((goal) => [goal, entry.goals[goal] ?? null])),
    coverage: entry.coverage,
    rank_low: entry.rankInterval?.[0] ?? null,
    rank_high: entry.rankInterval?.[1] ?? null,
    left_behind: entry.leftBehind,
    left_behind_reasons: entry.leftBehindReasons.join("; "),
  }));
  return toCsv(
    rows,
    Object.keys(rows[0] ?? { place: null }).map((key) => ({ key })),
  );
}

/**
 * The priority weight sets that fit a framework (every option a goal or indicator of it), one
 * per name, and the one asked for by name: the weights participation produced for this ranking.
 */
async function frameworkWeightSets(
  database: Queryable,
  framework: Framework,
  name: string | undefined,
): Promise<{ weightSets: WeightSet[]; chosen: WeightSet | undefined }> {
  const ids = new Set([
    ...framework.goals.map((goal) => goal.id),
    ...frameworkIndicators(framework).map((indicator) => indicator.id),
  ]);
  const fitting = (await listWeightSets(database)).filter((set) =>
    Object.keys(set.weights).every((key) => ids.has(key)),
  );
  const weightSets = fitting.filter(
    (set, index) => fitting.findIndex((other) => other.name === set.name) === index,
  );
  if (name === undefined || name === "") return { weightSets, chosen: undefined };
  const chosen = await getWeightSet(database, name);
  if (!weightSets.some((set) => set.id === chosen.id)) {
    throw new InputError(
      `the weight set "${chosen.name}" weighs options that are not goals or indicators of ${framework.name}`,
      { field: "weights", value: chosen.name },
    );
  }
  return { weightSets, chosen };
}
