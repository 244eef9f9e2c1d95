import { readFile } from "node:fs/promises";
import { NotFoundError, PlacefirstError } from "../core/errors.js";
import { hexLayoutFor } from "../data/service.js";
import { listPipeline } from "../finance/pipeline.js";
import { getBoard } from "../participation/boards.js";
import { getConsultation } from "../participation/consultations.js";
import { consultationResult, getWeightSet } from "../participation/results.js";
import { spendShares } from "../procurement/methods/spendShares.js";
import { spendAwards } from "../procurement/service.js";
import { placeOpportunities } from "../profile/opportunitiesService.js";
import { frameworkIndicators, parseFramework, type Framework } from "../scorecard/framework.js";
import { listFrameworks } from "../scorecard/frameworkStore.js";
import { leftBehindPlaces, scorecardFromStore } from "../scorecard/service.js";
import { shippedFrameworks } from "../scorecard/shippedFrameworks.js";
import { placeSkillsGap } from "../skills/service.js";
import type { Queryable } from "../store/database.js";
import { barChart, colourScale, hexMap, lineChart, sparkline } from "../web/charts/index.js";
import { placeStrategy, type PlaceStrategy } from "./service.js";

/**
 * Where a figure comes from, in words, as the report prints it under the figure: the imports
 * (file, publisher, licence, date) and the periods it covers, or the record in the store it is
 * read from. "Fictional demo" is part of it for the demo's data.
 */
export type ReportSource = string;

/** A section the store has nothing for, and why, in words. */
export interface MissingSection {
  missing: string;
}

/** One row of a table of a constituency's or a goal's share. */
interface ShareRow {
  label: string;
  value: number | null;
}

/** How the priorities were set: the weight set and the consultation that produced it. */
export interface ReportPriorities {
  weightSet: { name: string; version: number; createdAt: Date };
  /** Each goal's weight, 0 to 1, largest first. */
  weights: { id: string; label: string; value: number }[];
  chart: string;
  consultation: {
    id: number;
    title: string;
    boardName: string;
    closedAt: Date | null;
    ballots: number;
    /** Voters over the constituencies' population, 0 to 1; null without populations. */
    turnoutRate: number | null;
    constituencies: {
      name: string;
      voters: number;
      population: number | null;
      turnoutRate: number | null;
      shareOfVoters: number | null;
      shareOfPopulation: number | null;
      ratio: number | null;
      underRepresented: boolean;
    }[];
    source: ReportSource;
  } | null;
  source: ReportSource;
}

/** The place on the scorecard among its peers. */
export interface ReportScorecard {
  framework: string;
  score: number | null;
  rank: number | null;
  /** The places ranked. */
  count: number;
  leftBehind: boolean;
  leftBehindReasons: string[];
  /** Whether the ranking uses the strategy's weight set. */
  weighted: boolean;
  goals: ShareRow[];
  goalChart: string;
  /** The hex map of the scored places, coloured by overall score; the place outlined. */
  map: { svg: string; legend: { colour: string; label: string }[] } | undefined;
  /** The list alternative of the map: every scored place, best first. */
  peers: {
    code: string;
    name: string;
    score: number | null;
    rank: number | null;
    leftBehind: boolean;
  }[];
  source: ReportSource;
}

/** The place's specialisations and its best-ranked opportunities. */
export interface ReportStrengths {
  period: string;
  comparison: string;
  specialisations: { name: string; employees: number; share: number; locationQuotient: number }[];
  chart: string;
  opportunities: { rank: number; name: string; classification: string; score: number }[];
  source: ReportSource;
}

/** The skills plan: the gap by level, the accessible share and the first investments. */
export interface ReportSkills {
  years: number;
  planSource: string;
  levels: { level: string; demand: number; supply: number; gap: number }[];
  chart: string;
  accessibleShare: { level2orBelow: number | undefined; level3: number | undefined };
  investments: { rank: number; occupation: string; level: string; gap: number; reason: string }[];
  source: ReportSource;
}

/** The place's funded projects, and how much of the money and jobs reached left-behind places. */
export interface ReportPortfolio {
  projects: {
    name: string;
    status: string;
    amount: number;
    jobsPromised: number;
    jobsDelivered: number | null;
    leftBehind: boolean;
  }[];
  /** In pounds. */
  amount: number;
  jobs: PlaceStrategy["jobs"];
  /** The place's funded money in left-behind places, 0 to 1; undefined with none funded. */
  leftBehindShare: number | undefined;
  /** The same across every funded project of the store, for comparison. */
  allPlacesLeftBehindShare: number | undefined;
  chart: string | undefined;
  source: ReportSource;
}

/** The procurement commitments against where the money goes now. */
export interface ReportProcurement {
  commitments: {
    label: string;
    target: number | null;
    /** Over every year of awards, 0 to 1. */
    current: number | undefined;
    /** In the latest year of awards. */
    latest: number | undefined;
  }[];
  latestYear: number | undefined;
  awards: number;
  /** In pounds. */
  value: number;
  chart: string | undefined;
  source: ReportSource;
}

/** An objective with its sparkline, as the report lists it. */
export type ReportObjective = PlaceStrategy["objectives"][number] & { spark: string };

/** Everything the strategy report shows, one object for its template. */
export interface StrategyReport {
  place: PlaceStrategy["place"];
  strategy: PlaceStrategy["strategy"];
  versions: PlaceStrategy["versions"];
  statusCounts: PlaceStrategy["statusCounts"];
  /** The contracts committed to be let in lots. */
  lots: PlaceStrategy["lots"];
  /** When the report was put together. */
  preparedAt: Date;
  summarySource: ReportSource;
  priorities: ReportPriorities | MissingSection;
  scorecard: ReportScorecard | MissingSection;
  strengths: ReportStrengths | MissingSection;
  skills: ReportSkills | MissingSection;
  portfolio: ReportPortfolio | MissingSection;
  procurement: ReportProcurement | MissingSection;
  objectives: ReportObjective[];
  objectivesSource: ReportSource;
}

/** The statuses of funded projects, as the strategy counts them. */
const fundedStatuses = new Set(["approved", "contracted", "disbursing", "repaying", "closed"]);

const day = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

/**
 * The imports that wrote some rows, in words: each one's publisher (or file), file name,
 * licence and date, with the periods of the rows, and "fictional demo" for the demo's.
 */
async function importsSource(
  database: Queryable,
  sql: string,
  parameters: unknown[],
): Promise<string> {
  const rows = await database.query<{
    kind: string;
    fileName: string;
    source: string | null;
    licence: string | null;
    importedAt: Date;
    first: string | null;
    last: string | null;
  }>(
    `select d.kind, d.file_name as "fileName", d.source, d.licence, d.imported_at as "importedAt",
       rows.first, rows.last
     from (${sql}) rows join datasets d on d.id = rows.dataset_id order by d.id`,
    parameters,
  );
  if (rows.length === 0) return "no import recorded";
  return rows
    .map((row) => {
      const fictional =
        row.kind === "demo" || /fictional/i.test(`${row.fileName} ${row.source ?? ""}`);
      const periods =
        row.first === null
          ? ""
          : row.first === row.last
            ? `, period ${row.first}`
            : `, periods ${row.first} to ${row.last}`;
      return `${row.source ?? row.fileName} (${row.fileName}${row.licence === null ? "" : `, licence ${row.licence}`}), imported ${day.format(new Date(row.importedAt))}${periods}${fictional ? "; fictional demo data" : ""}`;
    })
    .join("; ");
}

/** The sources of a place's (or places') observations of some indicators. */
function observationsSource(
  database: Queryable,
  placeCodes: readonly string[],
  indicatorIds: readonly string[],
): Promise<string> {
  return importsSource(
    database,
    `select dataset_id, min(period) as first, max(period) as last from observations
     where place_code = any($1::text[]) and indicator_id = any($2::text[]) group by dataset_id`,
    [placeCodes, indicatorIds],
  );
}

/** Runs a section's gathering; a NotFoundError or bad stored input becomes the section's gap. */
async function section<T>(gather: () => Promise<T | MissingSection>): Promise<T | MissingSection> {
  try {
    return await gather();
  } catch (error) {
    if (error instanceof PlacefirstError) return { missing: error.message };
    throw error;
  }
}

/** The framework the scorecard pages show by default: the stored demo one, else the shipped. */
async function defaultFramework(database: Queryable): Promise<Framework> {
  const stored = await listFrameworks(database);
  const chosen = stored.find((item) => item.id === "demo") ?? stored[0];
  if (chosen !== undefined) return chosen.definition;
  return parseFramework(await readFile(shippedFrameworks.demo!, "utf8"), "demo.json");
}

async function priorities(
  database: Queryable,
  strategy: PlaceStrategy,
  goalNames: ReadonlyMap<string, string>,
): Promise<ReportPriorities | MissingSection> {
  const chosen = strategy.strategy.weightSet;
  if (chosen === null) return { missing: "The strategy names no priority weight set." };
  const set = await getWeightSet(database, chosen.name, chosen.version);
  const weights = Object.entries(set.weights)
    .map(([id, value]) => ({ id, label: goalNames.get(id) ?? id, value }))
    .sort((a, b) => b.value - a.value);
  const chart = barChart({
    title: `Weight of each goal in the weight set ${set.name}, version ${set.version}`,
    bars: weights.map((row) => ({ label: row.label, value: row.value * 100 })),
    unit: "%",
    format: (value) => `${value.toFixed(0)}%`,
  });
  let consultation: ReportPriorities["consultation"] = null;
  if (set.consultationId !== null) {
    const record = await getConsultation(database, set.consultationId);
    const result = await consultationResult(database, set.consultationId);
    const board = await getBoard(database, record.boardId);
    const names = new Map(board.constituencies.map((item) => [item.key, item.name]));
    const byConstituency = result.representation.constituency;
    consultation = {
      id: record.id,
      title: record.title,
      boardName: board.name,
      closedAt: record.closedAt,
      ballots: result.ballots,
      turnoutRate: byConstituency.turnoutRate,
      constituencies: byConstituency.groups.map((group) => ({
        name: names.get(group.group) ?? group.group,
        voters: group.voters,
        population: group.population,
        turnoutRate: group.turnoutRate,
        shareOfVoters: group.shareOfVoters,
        shareOfPopulation: group.shareOfPopulation,
        ratio: group.ratio,
        underRepresented: group.underRepresented,
      })),
      source: `The published result of the consultation "${record.title}" (${board.name}), closed ${record.closedAt === null ? "–" : day.format(new Date(record.closedAt))}; audit log entry ${result.auditSequence}; constituency populations as the board recorded them${record.fictional ? "; fictional demo data" : ""}`,
    };
  }
  return {
    weightSet: { name: set.name, version: set.version, createdAt: set.createdAt },
    weights,
    chart,
    consultation,
    source: `Weight set ${set.name}, version ${set.version}, stored ${day.format(new Date(set.createdAt))}${set.consultationId === null ? "" : ` from consultation ${set.consultationId}`}${strategy.place.fictional ? "; fictional demo data" : ""}`,
  };
}

async function scorecard(
  database: Queryable,
  strategy: PlaceStrategy,
  framework: Framework,
  weights: Record<string, number> | undefined,
): Promise<ReportScorecard | MissingSection> {
  const indicators = frameworkIndicators(framework).map((indicator) => indicator.id);
  const known = new Set([...framework.goals.map((goal) => goal.id), ...indicators]);
  // The strategy's priorities weigh the ranking when they weigh this framework's goals.
  const weighted = weights !== undefined && Object.keys(weights).every((key) => known.has(key));
  const report = await scorecardFromStore(database, framework, weighted ? { weights } : {});
  const entry = report.places.find((item) => item.place === strategy.place.code);
  if (entry === undefined) {
    return { missing: `${strategy.place.name} is not among the places ${framework.name} scores.` };
  }
  const goals = framework.goals.map((goal) => ({
    label: goal.name ?? goal.id,
    value: entry.goals[goal.id] ?? null,
  }));
  const peers = report.places
    .map((item) => ({
      code: item.place,
      name: item.name ?? item.place,
      score: item.score,
      rank: item.rank,
      leftBehind: item.leftBehind,
    }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const layout = await hexLayoutFor(
    database,
    peers.map((peer) => peer.code),
  );
  let map: ReportScorecard["map"];
  if (layout !== undefined) {
    const values = new Map(peers.map((peer) => [peer.code, peer.score]));
    const scale = colourScale(values, { polarity: 1 });
    const names = new Map(peers.map((peer) => [peer.code, peer.name]));
    map = {
      svg: hexMap({
        layout: layout.layout,
        title: `Map of overall scores on ${framework.name}, ${strategy.place.name} outlined`,
        fill: scale.fill,
        hasValue: scale.hasValue,
        highlight: (code) => code === strategy.place.code,
        label: (code) => {
          const value = values.get(code);
          return `${names.get(code) ?? code}: ${value === null || value === undefined ? "no score" : value.toFixed(1)}`;
        },
      }),
      legend: scale.legend,
    };
  }
  const periods = Object.values(report.periods).filter((period): period is string => !!period);
  return {
    framework: framework.name,
    score: entry.score,
    rank: entry.rank,
    count: report.places.length,
    leftBehind: entry.leftBehind,
    leftBehindReasons: entry.leftBehindReasons,
    weighted,
    goals,
    goalChart: barChart({
      title: `Goal scores of ${strategy.place.name} on ${framework.name} (0 to 100)`,
      bars: goals.map((goal) => ({ label: goal.label, value: Math.max(0, goal.value ?? 0) })),
      format: (value) => value.toFixed(1),
    }),
    map,
    peers,
    source: `${framework.name}: observations of its ${indicators.length} indicators for the ${report.places.length} places scored, latest periods ${[...new Set(periods)].sort().join(", ") || "none"}; ${await observationsSource(
      database,
      peers.map((peer) => peer.code),
      indicators,
    )}`,
  };
}

async function strengths(
  database: Queryable,
  strategy: PlaceStrategy,
): Promise<ReportStrengths | MissingSection> {
  const found = await placeOpportunities(database, strategy.place.code);
  const profile = found.profile;
  const specialisations = profile.industries
    .filter((industry) => industry.locationQuotient !== null && industry.locationQuotient >= 1)
    .sort((a, b) => b.locationQuotient! - a.locationQuotient!)
    .slice(0, 8)
    .map((industry) => ({
      name: industry.name,
      employees: industry.employees,
      share: industry.share,
      locationQuotient: industry.locationQuotient!,
    }));
  const opportunities = found.ranked
    .filter((item) => item.rank !== null)
    .sort((a, b) => a.rank! - b.rank!)
    .slice(0, 8)
    .map((item) => ({
      rank: item.rank!,
      name: item.name,
      classification: item.classification,
      score: item.score,
    }));
  const employment = await importsSource(
    database,
    `select dataset_id, min(period) as first, max(period) as last from employment
     where place_code = $1 group by dataset_id`,
    [strategy.place.code],
  );
  return {
    period: profile.period,
    comparison: profile.comparison.name,
    specialisations,
    chart: barChart({
      title: `Location quotients of ${strategy.place.name}'s top specialisations, ${profile.period}`,
      bars: specialisations.map((item) => ({ label: item.name, value: item.locationQuotient })),
      format: (value) => value.toFixed(2),
    }),
    opportunities,
    source: `Employment by industry, ${profile.period}, against ${profile.comparison.name} (${profile.comparison.count} places); ${employment}`,
  };
}

async function skills(
  database: Queryable,
  strategy: PlaceStrategy,
): Promise<ReportSkills | MissingSection> {
  let gap;
  try {
    gap = await placeSkillsGap(database, strategy.place.code);
  } catch (error) {
    if (error instanceof NotFoundError) {
      return { missing: `${strategy.place.name} has no skills plan yet.` };
    }
    throw error;
  }
  const levels = gap.result.byLevel.map((level) => ({
    level: level.level,
    demand: level.demand,
    supply: level.supply,
    gap: level.gap,
  }));
  const imports = await importsSource(
    database,
    `select dataset_id, null as first, null as last from skills_plans where place_code = $1
     union select dataset_id, null, null from skills_occupation_mix
     union select dataset_id, null, null from skills_level_mix`,
    [strategy.place.code],
  );
  return {
    years: gap.result.years,
    planSource: gap.planSource,
    levels,
    chart: barChart({
      title: `Skills gap by qualification level over ${gap.result.years} years, ${strategy.place.name} (people; above 0 a shortfall)`,
      bars: levels.map((level) => ({ label: `Level ${level.level}`, value: level.gap })),
      format: (value) => Math.round(value).toLocaleString("en-GB"),
    }),
    accessibleShare: {
      level2orBelow: gap.result.accessibleShare.level2orBelow,
      level3: gap.result.accessibleShare.level3,
    },
    investments: gap.investments.slice(0, 5).map((investment) => ({
      rank: investment.rank,
      occupation: gap.occupationNames[investment.occupation] ?? investment.occupation,
      level: investment.level,
      gap: investment.gap,
      reason: investment.reason,
    })),
    source: `Sector plan: ${gap.planSource}; occupation and level mixes: ${imports}`,
  };
}

async function portfolio(
  database: Queryable,
  strategy: PlaceStrategy,
): Promise<ReportPortfolio | MissingSection> {
  const funded = (await listPipeline(database)).filter((project) =>
    fundedStatuses.has(project.status),
  );
  const own = funded.filter((project) => project.place === strategy.place.code);
  if (strategy.projects.length === 0) {
    return { missing: `No project in ${strategy.place.name} has been funded yet.` };
  }
  const amountOf = new Map(own.map((project) => [project.id, project.amount]));
  const share = (projects: typeof funded): number | undefined => {
    const total = projects.reduce((sum, project) => sum + project.amount, 0);
    const leftBehind = projects
      .filter((project) => project.leftBehind)
      .reduce((sum, project) => sum + project.amount, 0);
    return total > 0 ? leftBehind / total : undefined;
  };
  const projects = strategy.projects.map((project) => ({
    name: project.name,
    status: project.status,
    amount: amountOf.get(project.id) ?? 0,
    jobsPromised: project.jobsPromised,
    jobsDelivered: project.jobsDelivered,
    leftBehind: project.leftBehind,
  }));
  const [dates] = await database.query<{ updated: Date | null; reported: string | null }>(
    `select max(f.updated_at) as updated,
       (select to_char(max(o.reported_on), 'YYYY-MM-DD') from finance_outcomes o
        join finance_projects p on p.id = o.project_id where p.place_code = $1) as reported
     from finance_projects f where f.place_code = $1`,
    [strategy.place.code],
  );
  const fictional = own.some((project) => project.fictional);
  return {
    projects,
    amount: projects.reduce((sum, project) => sum + project.amount, 0),
    jobs: strategy.jobs,
    leftBehindShare: share(own),
    allPlacesLeftBehindShare: share(funded),
    chart: barChart({
      title: `Jobs promised and reported by the funded projects of ${strategy.place.name}`,
      bars: [
        { label: "Promised", value: strategy.jobs.promised },
        { label: "Reported", value: strategy.jobs.delivered, highlight: true },
        { label: "Promised, left-behind", value: strategy.jobs.leftBehindPromised },
        {
          label: "Reported, left-behind",
          value: strategy.jobs.leftBehindDelivered,
          highlight: true,
        },
      ],
      format: (value) => value.toLocaleString("en-GB"),
    }),
    source: `The finance pipeline's project records, last updated ${dates?.updated == null ? "–" : day.format(new Date(dates.updated))}; outcome reports to ${dates?.reported ?? "none yet"}${fictional ? "; fictional demo data" : ""}`,
  };
}

async function procurement(
  database: Queryable,
  strategy: PlaceStrategy,
): Promise<ReportProcurement | MissingSection> {
  const [place] = await database.query<{ parent: string | null }>(
    "select parent_code as parent from places where code = $1",
    [strategy.place.code],
  );
  const awards = await spendAwards(database);
  if (awards.length === 0 || place?.parent == null) {
    return { missing: "The store holds no contract awards to measure the shares against." };
  }
  const result = spendShares(awards, {
    place: strategy.place.code,
    region: place.parent,
    leftBehindPlaces: await leftBehindPlaces(database),
  });
  const latest = result.byYear.at(-1);
  const { smeShareTarget, localShareTarget } = strategy.strategy;
  const commitments = [
    {
      label: "To small and medium-sized firms",
      target: smeShareTarget,
      current: result.total.sme.share,
      latest: latest?.sme.share,
    },
    {
      label: `To firms in ${strategy.place.name}`,
      target: localShareTarget,
      current: result.total.place.share,
      latest: latest?.place.share,
    },
    {
      label: "To firms in left-behind places",
      target: null,
      current: result.total.leftBehind?.share,
      latest: latest?.leftBehind?.share,
    },
  ];
  const chart =
    result.byYear.length === 0
      ? undefined
      : lineChart({
          title: `Share of awarded value by year, against the commitments of ${strategy.place.name}'s strategy`,
          unit: "%",
          series: [
            { label: "to SMEs", key: "sme" as const, target: smeShareTarget },
            {
              label: `to firms in ${strategy.place.name}`,
              key: "place" as const,
              target: localShareTarget,
            },
          ].flatMap(({ label, key, target }) => [
            {
              label,
              points: result.byYear.map((year) => ({
                period: String(year.year),
                value: year[key].share === undefined ? null : year[key].share * 100,
              })),
            },
            ...(target === null
              ? []
              : [
                  {
                    label: `${label}: commitment`,
                    points: result.byYear.map((year) => ({
                      period: String(year.year),
                      value: target * 100,
                    })),
                  },
                ]),
          ]),
          format: (value) => `${value.toFixed(0)}%`,
        });
  const releases = await importsSource(
    database,
    `select dataset_id, to_char(min(date), 'YYYY') as first, to_char(max(date), 'YYYY') as last
     from procurement_releases group by dataset_id`,
    [],
  );
  return {
    commitments,
    latestYear: latest?.year,
    awards: result.total.awards,
    value: result.total.valuePence / 100,
    chart,
    source: `${result.total.awards.toLocaleString("en-GB")} contract awards, ${result.byYear[0]?.year ?? "–"} to ${latest?.year ?? "–"}, shares of the value whose supplier is known; ${releases}`,
  };
}

/**
 * Gathers a place's strategy report: the strategy (the adopted version, else the latest draft,
 * or the version asked for) and, from each capability's service, how its priorities were set,
 * its scorecard among its peers with the region's hex map, its strengths and opportunities, its
 * skills plan, its funded projects and their fairness, its procurement commitments against where
 * the money goes now, and its objectives and actions. Each figure carries its source. A section
 * the store has nothing for says why rather than failing the report.
 *
 * @throws NotFoundError for an unknown place, a place without a strategy or an unknown version.
 */
export async function strategyReport(
  database: Queryable,
  placeCode: string,
  version?: number,
): Promise<StrategyReport> {
  const strategy = await placeStrategy(database, placeCode, version);
  const framework = await defaultFramework(database);
  const goalNames = new Map(framework.goals.map((goal) => [goal.id, goal.name ?? goal.id]));
  const prioritiesSection = await section(() => priorities(database, strategy, goalNames));
  const weights = "weights" in prioritiesSection ? prioritiesSection.weights : undefined;
  const objectives = strategy.objectives.map((objective) => ({
    ...objective,
    spark: sparkline(
      objective.observations.map((point) => point.value),
      {
        label: `${objective.indicator.name}, ${objective.observations[0]?.period ?? ""} to ${objective.observations.at(-1)?.period ?? ""}`,
        width: 96,
      },
    ),
  }));
  return {
    place: strategy.place,
    strategy: strategy.strategy,
    versions: strategy.versions,
    statusCounts: strategy.statusCounts,
    lots: strategy.lots,
    preparedAt: new Date(),
    summarySource: `Strategy version ${strategy.strategy.version}, ${strategy.strategy.status}${strategy.strategy.adoptedAt === null ? "" : ` by the board on ${day.format(new Date(strategy.strategy.adoptedAt))}`}; objective statuses from the latest observations${strategy.strategy.fictional || strategy.place.fictional ? "; fictional demo" : ""}`,
    priorities: prioritiesSection,
    scorecard: await section(() =>
      scorecard(
        database,
        strategy,
        framework,
        weights === undefined
          ? undefined
          : Object.fromEntries(weights.map((row) => [row.id, row.value])),
      ),
    ),
    strengths: await section(() => strengths(database, strategy)),
    skills: await section(() => skills(database, strategy)),
    portfolio: await section(() => portfolio(database, strategy)),
    procurement: await section(() => procurement(database, strategy)),
    objectives,
    objectivesSource: `Targets from the strategy; observations: ${await observationsSource(
      database,
      [strategy.place.code],
      strategy.objectives.map((objective) => objective.indicator.id),
    )}`,
  };
}
