import { NotFoundError } from "../core/errors.js";
import { periodTime } from "../core/periodTime.js";
import type { Polarity } from "../core/vocabulary.js";
import type { Queryable } from "../store/database.js";
import {
  assessObjective,
  type ObjectiveAssessment,
  type ObjectiveStatus,
} from "./methods/index.js";
import { lotSmes } from "../procurement/lotSmes.js";
import { lotPlan } from "../procurement/methods/lotPlan.js";
import type { ActionKind, ActionStatus, StoredLotCommitment } from "./store.js";

/** An action as the strategy pages show it, with its log of updates, newest first. */
export interface StrategyAction {
  id: number;
  title: string;
  kind: ActionKind;
  owner: string;
  startsOn: string | null;
  endsOn: string | null;
  status: ActionStatus;
  financeProject: { id: string; name: string; status: string } | null;
  updates: { status: ActionStatus; note: string; recordedAt: Date }[];
}

/** An objective with its indicator's observations and how it is doing. */
export interface StrategyObjective {
  id: number;
  goal: string;
  title: string;
  indicator: { id: string; name: string; unit: string | null; polarity: Polarity };
  baseline: { period: string; value: number };
  target: { period: string; value: number };
  observations: { period: string; value: number | null }[];
  assessment: ObjectiveAssessment;
  actions: StrategyAction[];
}

/** A funded project of the place, and whether it delivered the jobs it promised. */
export interface StrategyProject {
  id: string;
  name: string;
  status: string;
  leftBehind: boolean;
  jobsPromised: number;
  /** The jobs of its latest outcome report; null before the first. */
  jobsDelivered: number | null;
}

/** A contract the buyers committed to let in lots, as the lot planner would split it. */
export interface StrategyLotCommitment {
  contract: string;
  buyer: string;
  items: number;
  totalValuePence: number;
  /** The number of lots planned. */
  lots: number;
  /** The share of its value within reach of local SMEs as one lot, and in the planned lots. */
  oneLotShare: number | undefined;
  plannedShare: number | undefined;
  /** "exact" or "heuristic", as the planner found it. */
  method: "exact" | "heuristic";
}

/** A place's strategy as its pages show it. */
export interface PlaceStrategy {
  place: { code: string; name: string; fictional: boolean };
  strategy: {
    id: number;
    version: number;
    title: string;
    summary: string;
    status: "draft" | "adopted" | "superseded";
    adoptedAt: Date | null;
    adoptionNote: string | null;
    weightSet: { name: string; version: number; consultationId: number | null } | null;
    smeShareTarget: number | null;
    localShareTarget: number | null;
    /** The sectors the strategy backs, in the order the board put them. */
    sectors: { code: string; name: string }[];
    fictional: boolean;
  };
  versions: { id: number; version: number; status: string; adoptedAt: Date | null }[];
  objectives: StrategyObjective[];
  /** How many objectives have each status. */
  statusCounts: Record<ObjectiveStatus, number>;
  projects: StrategyProject[];
  /** The contracts committed to be let in lots, planned over the register's SMEs now. */
  lots: StrategyLotCommitment[];
  /** Jobs promised and delivered, in all the place's funded projects and in left-behind ones. */
  jobs: {
    promised: number;
    delivered: number;
    leftBehindPromised: number;
    leftBehindDelivered: number;
  };
}

/** The places with a strategy, and the status of their current one. */
export async function strategyPlaces(
  database: Queryable,
): Promise<{ code: string; name: string; version: number; status: string; title: string }[]> {
  return database.query(
    `select distinct on (p.code) p.code, p.name, s.version, s.status, s.title
     from strategies s join places p on p.code = s.place_code
     order by p.code, (s.status = 'adopted') desc, s.version desc`,
  );
}

/**
 * A place's current strategy (the adopted one, else the latest draft; or the version asked
 * for), each objective assessed against the place's latest observations of its indicator, with
 * its actions, and the place's funded projects with the jobs they promised and delivered.
 *
 * @throws NotFoundError for an unknown place, a place without a strategy or an unknown version.
 */
export async function placeStrategy(
  database: Queryable,
  placeCode: string,
  version?: number,
): Promise<PlaceStrategy> {
  const [place] = await database.query<PlaceStrategy["place"]>(
    "select code, name, fictional from places where code = $1",
    [placeCode],
  );
  if (place === undefined) throw new NotFoundError(`There is no place ${placeCode}.`);
  const versions = await database.query<PlaceStrategy["versions"][number]>(
    `select id, version, status, adopted_at as "adoptedAt" from strategies
     where place_code = $1 order by version desc`,
    [placeCode],
  );
  const chosen =
    version === undefined
      ? (versions.find((row) => row.status === "adopted") ?? versions[0])
      : versions.find((row) => row.version === version);
  if (chosen === undefined) {
    throw new NotFoundError(
      version === undefined
        ? `${place.name} has no strategy yet.`
        : `${place.name} has no strategy version ${version}.`,
    );
  }
  const [row] = await database.query<
    Omit<PlaceStrategy["strategy"], "weightSet" | "sectors"> & {
      sectors: string[];
      weightSetName: string | null;
      weightSetVersion: number | null;
      consultationId: number | null;
    }
  >(
    `select s.id, s.version, s.title, s.summary, s.status, s.adopted_at as "adoptedAt",
       s.adoption_note as "adoptionNote", s.weight_set_name as "weightSetName",
       s.weight_set_version as "weightSetVersion", w.consultation_id as "consultationId",
       s.sme_share_target as "smeShareTarget", s.local_share_target as "localShareTarget",
       s.fictional, s.sectors
     from strategies s
     left join weight_sets w on w.name = s.weight_set_name and w.version = s.weight_set_version
     where s.id = $1`,
    [chosen.id],
  );
  const { weightSetName, weightSetVersion, consultationId, sectors, ...strategy } = row!;
  const industryNames = await database.query<{ code: string; name: string }>(
    "select code, name from industries where code = any($1::text[])",
    [sectors],
  );

  const objectiveRows = await database.query<{
    id: number;
    goal: string;
    title: string;
    indicatorId: string;
    indicatorName: string;
    unit: string | null;
    polarity: Polarity;
    baselinePeriod: string;
    baselineValue: number;
    targetPeriod: string;
    targetValue: number;
  }>(
    `select o.id, o.goal, o.title, o.indicator_id as "indicatorId", i.name as "indicatorName",
       i.unit, i.polarity, o.baseline_period as "baselinePeriod",
       o.baseline_value as "baselineValue", o.target_period as "targetPeriod",
       o.target_value as "targetValue"
     from strategy_objectives o join indicators i on i.id = o.indicator_id
     where o.strategy_id = $1 order by o.position`,
    [strategy.id],
  );
  const observations = await database.query<{
    indicator: string;
    period: string;
    value: number | null;
  }>(
    `select indicator_id as indicator, period, value from observations
     where place_code = $1 and indicator_id = any($2::text[]) order by indicator_id, period`,
    [placeCode, objectiveRows.map((objective) => objective.indicatorId)],
  );
  const actionRows = await database.query<
    Omit<StrategyAction, "financeProject" | "updates"> & {
      objectiveId: number;
      projectId: string | null;
      projectName: string | null;
      projectStatus: string | null;
    }
  >(
    `select a.id, a.objective_id as "objectiveId", a.title, a.kind, a.owner,
       to_char(a.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') as "endsOn",
       a.status, f.id as "projectId", f.name as "projectName", f.status as "projectStatus"
     from strategy_actions a
     join strategy_objectives o on o.id = a.objective_id
     left join finance_projects f on f.id = a.finance_project_id
     where o.strategy_id = $1 order by o.position, a.position`,
    [strategy.id],
  );
  const updates = await database.query<{
    actionId: number;
    status: ActionStatus;
    note: string;
    recordedAt: Date;
  }>(
    `select u.action_id as "actionId", u.status, u.note, u.recorded_at as "recordedAt"
     from strategy_action_updates u
     join strategy_actions a on a.id = u.action_id
     join strategy_objectives o on o.id = a.objective_id
     where o.strategy_id = $1 order by u.recorded_at desc, u.id desc`,
    [strategy.id],
  );
  const objectives: StrategyObjective[] = objectiveRows.map((objective) => {
    // Only periods of the baseline's kind can be placed on its path (a financial year does not
    // start on 1 January): an indicator published both ways is followed in the baseline's.
    const kind = periodTime(objective.baselinePeriod)?.kind;
    const series = observations
      .filter(
        (observation) =>
          observation.indicator === objective.indicatorId &&
          periodTime(observation.period)?.kind === kind,
      )
      .map(({ period, value }) => ({ period, value }));
    return {
      id: objective.id,
      goal: objective.goal,
      title: objective.title,
      indicator: {
        id: objective.indicatorId,
        name: objective.indicatorName,
        unit: objective.unit,
        polarity: objective.polarity,
      },
      baseline: { period: objective.baselinePeriod, value: objective.baselineValue },
      target: { period: objective.targetPeriod, value: objective.targetValue },
      observations: series,
      assessment: assessObjective(
        {
          baselinePeriod: objective.baselinePeriod,
          baselineValue: objective.baselineValue,
          targetPeriod: objective.targetPeriod,
          targetValue: objective.targetValue,
          polarity: objective.polarity,
        },
        series,
      ),
      actions: actionRows
        .filter((action) => action.objectiveId === objective.id)
        .map(({ objectiveId: _objective, projectId, projectName, projectStatus, ...action }) => ({
          ...action,
          financeProject:
            projectId === null
              ? null
              : { id: projectId, name: projectName!, status: projectStatus! },
          updates: updates
            .filter((update) => update.actionId === action.id)
            .map(({ actionId: _action, ...update }) => update),
        })),
    };
  });
  const statusCounts: Record<ObjectiveStatus, number> = {
    met: 0,
    "on-track": 0,
    "at-risk": 0,
    "off-track": 0,
    "no-data": 0,
  };
  for (const objective of objectives) statusCounts[objective.assessment.status]++;

  const projects = await database.query<StrategyProject>(
    `select f.id, f.name, f.status, f.left_behind as "leftBehind", f.jobs as "jobsPromised",
       (select o.jobs from finance_outcomes o where o.project_id = f.id and o.jobs is not null
        order by o.reported_on desc, o.id desc limit 1) as "jobsDelivered"
     from finance_projects f
     where f.place_code = $1
       and f.status in ('approved', 'contracted', 'disbursing', 'repaying', 'closed')
     order by f.name`,
    [placeCode],
  );
  const commitments = await database.query<StoredLotCommitment>(
    `select contract, buyer, items, max_lots as "maxLots",
       min_lot_value_pence::float8 as "minLotValuePence"
     from strategy_lot_commitments where strategy_id = $1 order by position`,
    [strategy.id],
  );
  const lots: StrategyLotCommitment[] = [];
  if (commitments.length > 0) {
    const { smes } = await lotSmes(database);
    for (const commitment of commitments) {
      const plan = lotPlan(commitment.items, smes, {
        ...(commitment.maxLots == null ? {} : { maxLots: commitment.maxLots }),
        minLotValuePence: commitment.minLotValuePence,
      });
      lots.push({
        contract: commitment.contract,
        buyer: commitment.buyer,
        items: commitment.items.length,
        totalValuePence: plan.totalValuePence,
        lots: plan.lots.length,
        oneLotShare: plan.oneLotShareWithinReach,
        plannedShare: plan.shareWithinReach,
        method: plan.method,
      });
    }
  }
  const sum = (rows: readonly StrategyProject[], pick: (row: StrategyProject) => number) =>
    rows.reduce((total, row) => total + pick(row), 0);
  const leftBehind = projects.filter((project) => project.leftBehind);
  return {
    place,
    strategy: {
      ...strategy,
      weightSet:
        weightSetName === null || weightSetVersion === null
          ? null
          : { name: weightSetName, version: weightSetVersion, consultationId },
      sectors: sectors.map((code) => ({
        code,
        name: industryNames.find((industry) => industry.code === code)?.name ?? code,
      })),
    },
    versions,
    objectives,
    statusCounts,
    projects,
    lots,
    jobs: {
      promised: sum(projects, (row) => row.jobsPromised),
      delivered: sum(projects, (row) => row.jobsDelivered ?? 0),
      leftBehindPromised: sum(leftBehind, (row) => row.jobsPromised),
      leftBehindDelivered: sum(leftBehind, (row) => row.jobsDelivered ?? 0),
    },
  };
}
