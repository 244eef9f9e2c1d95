import { ConflictError, InputError, NotFoundError } from "../core/errors.js";
import { periodTime } from "../core/periodTime.js";
import { goals } from "../core/vocabulary.js";
import { parseCpv } from "../procurement/methods/cpv.js";
import type { Queryable } from "../store/database.js";

/** The kinds of action that serve an objective. */
export const actionKinds = ["project", "programme", "procurement", "skills"] as const;
export type ActionKind = (typeof actionKinds)[number];

/** The statuses of an action. */
export const actionStatuses = ["planned", "in-progress", "done", "dropped"] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** An action as written in a strategy. */
export interface ActionSpec {
  title: string;
  kind: ActionKind;
  /** Who delivers it: an organisation or a team. */
  owner: string;
  /** ISO dates, YYYY-MM-DD. */
  startsOn?: string;
  endsOn?: string;
  status?: ActionStatus;
  /** The finance pipeline's project it is, for a project. */
  financeProjectId?: string;
}

/** An objective as written in a strategy: an indicator of the scorecard and its target. */
export interface ObjectiveSpec {
  title: string;
  indicator: string;
  /** The scorecard goal; default the indicator's. */
  goal?: string;
  baselinePeriod: string;
  /** Default: the place's observation of the indicator in the baseline period. */
  baselineValue?: number;
  targetPeriod: string;
  targetValue: number;
  actions?: readonly ActionSpec[];
}

/** A contract the buyers commit to let in lots, as the lot planner takes it. */
export interface LotCommitmentSpec {
  contract: string;
  /** The buyer who lets it. */
  buyer: string;
  /** Its items: what each is, its CPV code and its estimated value in pounds. */
  items: readonly { description: string; cpv: string; value: number }[];
  /** The most lots it may be split into; default no limit. */
  maxLots?: number;
  /** The least value of a lot, in pounds; default 0. */
  minLotValue?: number;
}

/** A strategy as an officer writes it: a new draft version for its place. */
export interface StrategySpec {
  placeCode: string;
  title: string;
  summary?: string;
  /** The priority weight set the strategy uses, from participation. */
  weightSet?: { name: string; version?: number };
  /** Shares of awarded value the buyers commit to, 0 to 1. */
  procurement?: { smeShareTarget?: number; localShareTarget?: number };
  /** The sectors the strategy backs: SIC codes of the industries chosen to grow. */
  sectors?: readonly string[];
  /** Contracts the buyers commit to let in lots local firms can reach. */
  lots?: readonly LotCommitmentSpec[];
  objectives: readonly ObjectiveSpec[];
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Stores a strategy as the next draft version for its place, with its objectives and actions.
 * Checks everything first and writes nothing on a mistake: the place, each indicator, goal and
 * baseline, the weight set, each action's kind, owner, dates and finance project (which must be
 * in the place). Run in the caller's transaction. Returns the new strategy's id and version.
 */
export async function createStrategy(
  transaction: Queryable,
  spec: StrategySpec,
  options: { userId?: number; fictional?: boolean } = {},
): Promise<{ id: number; version: number }> {
  const [place] = await transaction.query<{ code: string }>(
    "select code from places where code = $1",
    [spec.placeCode],
  );
  if (place === undefined) throw new NotFoundError(`There is no place ${spec.placeCode}.`);
  if (spec.title.trim() === "")
    throw new InputError("a strategy needs a title", { field: "title" });
  if (spec.objectives.length === 0) {
    throw new InputError("a strategy needs at least one objective", { field: "objectives" });
  }
  for (const [field, share] of Object.entries(spec.procurement ?? {})) {
    if (share !== undefined && !(share >= 0 && share <= 1)) {
      throw new InputError("a share of awarded value is from 0 to 1", {
        field: `procurement.${field}`,
        value: String(share),
      });
    }
  }
  const sectors = [...new Set(spec.sectors ?? [])];
  if (sectors.length > 0) {
    const known = await transaction.query<{ code: string }>(
      "select code from industries where code = any($1::text[])",
      [sectors],
    );
    const unknown = sectors.find((code) => !known.some((row) => row.code === code));
    if (unknown !== undefined) {
      throw new InputError("there is no such industry (expected a SIC 2007 code, such as 62)", {
        field: "sectors",
        value: unknown,
      });
    }
  }
  const lots = (spec.lots ?? []).map((lot, index) => checkLots(lot, `lots[${index}]`));
  let weightSetVersion: number | undefined;
  if (spec.weightSet !== undefined) {
    const [set] = await transaction.query<{ version: number }>(
      `select version from weight_sets where name = $1 and ($2::int is null or version = $2)
       order by version desc limit 1`,
      [spec.weightSet.name, spec.weightSet.version ?? null],
    );
    if (set === undefined) {
      throw new InputError("there is no such weight set", {
        field: "weightSet",
        value: spec.weightSet.name,
      });
    }
    weightSetVersion = set.version;
  }
  const objectives = [];
  for (const [index, objective] of spec.objectives.entries()) {
    const at = `objectives[${index}]`;
    const [indicator] = await transaction.query<{ goal: string | null }>(
      "select goal from indicators where id = $1",
      [objective.indicator],
    );
    if (indicator === undefined) {
      throw new InputError("there is no such indicator", {
        field: `${at}.indicator`,
        value: objective.indicator,
      });
    }
    const goal = objective.goal ?? indicator.goal;
    if (goal === null || !(goals as readonly string[]).includes(goal)) {
      throw new InputError(`expected one of the goals ${goals.join(", ")}`, {
        field: `${at}.goal`,
        value: String(goal),
      });
    }
    const baselineTime = periodTime(objective.baselinePeriod);
    const targetTime = periodTime(objective.targetPeriod);
    if (baselineTime === undefined || targetTime === undefined) {
      throw new InputError(
        'expected periods as years ("2030"), financial years ("2029-30") or quarters ("2030-Q1")',
        {
          field: `${at}.${baselineTime === undefined ? "baselinePeriod" : "targetPeriod"}`,
          value: baselineTime === undefined ? objective.baselinePeriod : objective.targetPeriod,
        },
      );
    }
    if (baselineTime.kind !== targetTime.kind) {
      throw new InputError("the baseline and target periods must be of the same kind", {
        field: `${at}.targetPeriod`,
        value: objective.targetPeriod,
      });
    }
    if (!(targetTime.years > baselineTime.years)) {
      throw new InputError("the target period must come after the baseline period", {
        field: `${at}.targetPeriod`,
        value: objective.targetPeriod,
      });
    }
    if (!Number.isFinite(objective.targetValue)) {
      throw new InputError("a target is a number", {
        field: `${at}.targetValue`,
        value: String(objective.targetValue),
      });
    }
    let baselineValue = objective.baselineValue;
    if (baselineValue === undefined) {
      const [observed] = await transaction.query<{ value: number | null }>(
        `select value from observations
         where place_code = $1 and indicator_id = $2 and period = $3`,
        [spec.placeCode, objective.indicator, objective.baselinePeriod],
      );
      if (observed?.value == null) {
        throw new InputError(
          `${spec.placeCode} has no observation of ${objective.indicator} in ${objective.baselinePeriod}; give the baseline value`,
          { field: `${at}.baselineValue` },
        );
      }
      baselineValue = observed.value;
    }
    for (const [actionIndex, action] of (objective.actions ?? []).entries()) {
      await checkAction(transaction, spec.placeCode, action, `${at}.actions[${actionIndex}]`);
    }
    objectives.push({ ...objective, goal, baselineValue });
  }

  const [created] = await transaction.query<{ id: number; version: number }>(
    `insert into strategies (place_code, version, title, summary, weight_set_name,
       weight_set_version, sme_share_target, local_share_target, created_by, fictional, sectors)
     values ($1, coalesce((select max(version) from strategies where place_code = $1), 0) + 1,
       $2, $3, $4, $5, $6, $7, $8, $9, $10)
     returning id, version`,
    [
      spec.placeCode,
      spec.title.trim(),
      spec.summary ?? "",
      spec.weightSet?.name ?? null,
      weightSetVersion ?? null,
      spec.procurement?.smeShareTarget ?? null,
      spec.procurement?.localShareTarget ?? null,
      options.userId ?? null,
      options.fictional ?? false,
      sectors,
    ],
  );
  for (const [position, lot] of lots.entries()) {
    await transaction.query(
      `insert into strategy_lot_commitments (strategy_id, position, contract, buyer, items,
         max_lots, min_lot_value_pence) values ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
      [
        created!.id,
        position,
        lot.contract,
        lot.buyer,
        JSON.stringify(lot.items),
        lot.maxLots ?? null,
        lot.minLotValuePence,
      ],
    );
  }
  for (const [position, objective] of objectives.entries()) {
    const [row] = await transaction.query<{ id: number }>(
      `insert into strategy_objectives (strategy_id, position, goal, title, indicator_id,
         baseline_period, baseline_value, target_period, target_value)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        created!.id,
        position,
        objective.goal,
        objective.title,
        objective.indicator,
        objective.baselinePeriod,
        objective.baselineValue,
        objective.targetPeriod,
        objective.targetValue,
      ],
    );
    for (const [actionPosition, action] of (objective.actions ?? []).entries()) {
      await transaction.query(
        `insert into strategy_actions (objective_id, position, title, kind, owner, starts_on,
           ends_on, status, finance_project_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          row!.id,
          actionPosition,
          action.title,
          action.kind,
          action.owner,
          action.startsOn ?? null,
          action.endsOn ?? null,
          action.status ?? "planned",
          action.financeProjectId ?? null,
        ],
      );
    }
  }
  return created!;
}

/** A lot commitment as stored: items with their value in pence. */
export interface StoredLotCommitment {
  contract: string;
  buyer: string;
  items: { id: string; description: string; cpvCode: string; valuePence: number }[];
  maxLots?: number;
  minLotValuePence: number;
}

/** Checks a lot commitment and puts its pounds into pence. */
function checkLots(lot: LotCommitmentSpec, at: string): StoredLotCommitment {
  if (lot.contract.trim() === "") throw new InputError("a contract needs a name", { field: at });
  if (lot.buyer.trim() === "") throw new InputError("a contract needs its buyer", { field: at });
  if (lot.items.length === 0) {
    throw new InputError("a contract needs at least one item", { field: `${at}.items` });
  }
  if (lot.maxLots !== undefined && !(Number.isInteger(lot.maxLots) && lot.maxLots >= 1)) {
    throw new InputError("the most lots is a whole number of 1 or more", {
      field: `${at}.maxLots`,
      value: String(lot.maxLots),
    });
  }
  const pence = (pounds: number, field: string): number => {
    if (!(Number.isFinite(pounds) && pounds >= 0)) {
      throw new InputError("expected an amount of pounds, 0 or more", {
        field,
        value: String(pounds),
      });
    }
    return Math.round(pounds * 100);
  };
  return {
    contract: lot.contract.trim(),
    buyer: lot.buyer.trim(),
    items: lot.items.map((item, index) => {
      const field = `${at}.items[${index}]`;
      try {
        parseCpv(item.cpv);
      } catch (error) {
        if (error instanceof InputError) {
          throw new InputError(error.reason, { field: `${field}.cpv`, value: item.cpv });
        }
        throw error;
      }
      return {
        id: String(index + 1),
        description: item.description,
        cpvCode: item.cpv.trim(),
        valuePence: pence(item.value, `${field}.value`),
      };
    }),
    ...(lot.maxLots === undefined ? {} : { maxLots: lot.maxLots }),
    minLotValuePence: pence(lot.minLotValue ?? 0, `${at}.minLotValue`),
  };
}

async function checkAction(
  transaction: Queryable,
  placeCode: string,
  action: ActionSpec,
  at: string,
): Promise<void> {
  if (action.title.trim() === "") throw new InputError("an action needs a title", { field: at });
  if (action.owner.trim() === "") {
    throw new InputError("an action needs an owner who delivers it", { field: `${at}.owner` });
  }
  if (!(actionKinds as readonly string[]).includes(action.kind)) {
    throw new InputError(`expected one of ${actionKinds.join(", ")}`, {
      field: `${at}.kind`,
      value: action.kind,
    });
  }
  if (
    action.status !== undefined &&
    !(actionStatuses as readonly string[]).includes(action.status)
  ) {
    throw new InputError(`expected one of ${actionStatuses.join(", ")}`, {
      field: `${at}.status`,
      value: action.status,
    });
  }
  for (const field of ["startsOn", "endsOn"] as const) {
    const date = action[field];
    if (date !== undefined && !(isoDate.test(date) && !Number.isNaN(Date.parse(date)))) {
      throw new InputError("expected a date as YYYY-MM-DD", {
        field: `${at}.${field}`,
        value: date,
      });
    }
  }
  if (
    action.startsOn !== undefined &&
    action.endsOn !== undefined &&
    action.endsOn < action.startsOn
  ) {
    throw new InputError("an action cannot end before it starts", {
      field: `${at}.endsOn`,
      value: action.endsOn,
    });
  }
  if (action.financeProjectId !== undefined) {
    const [project] = await transaction.query<{ place: string }>(
      "select place_code as place from finance_projects where id = $1",
      [action.financeProjectId],
    );
    if (project === undefined) {
      throw new InputError("there is no such project in the finance pipeline", {
        field: `${at}.financeProjectId`,
        value: action.financeProjectId,
      });
    }
    if (project.place !== placeCode) {
      throw new InputError(`the project is in ${project.place}, not ${placeCode}`, {
        field: `${at}.financeProjectId`,
        value: action.financeProjectId,
      });
    }
  }
}

/**
 * Records the board's adoption of a draft strategy: it becomes the place's adopted strategy, and
 * the one adopted before is superseded. Run in the caller's transaction.
 *
 * @throws NotFoundError for an unknown strategy; ConflictError when it is not a draft.
 */
export async function adoptStrategy(
  transaction: Queryable,
  id: number,
  decision: { note: string; userId?: number; at?: Date },
): Promise<void> {
  const [strategy] = await transaction.query<{ place: string; status: string }>(
    "select place_code as place, status from strategies where id = $1 for update",
    [id],
  );
  if (strategy === undefined) throw new NotFoundError(`There is no strategy ${id}.`);
  if (strategy.status !== "draft") {
    throw new ConflictError(`Strategy ${id} is ${strategy.status}; only a draft can be adopted.`);
  }
  if (decision.note.trim() === "") {
    throw new InputError("say how the board adopted it (the meeting and the vote)", {
      field: "note",
    });
  }
  await transaction.query(
    "update strategies set status = 'superseded' where place_code = $1 and status = 'adopted'",
    [strategy.place],
  );
  await transaction.query(
    `update strategies set status = 'adopted', adopted_at = $2, adoption_note = $3, adopted_by = $4
     where id = $1`,
    [id, decision.at ?? new Date(), decision.note.trim(), decision.userId ?? null],
  );
}

/**
 * Records progress on an action: its new status and a note, dated. Run in the caller's
 * transaction.
 *
 * @throws NotFoundError for an unknown action; InputError for an unknown status or no note.
 */
export async function recordActionUpdate(
  transaction: Queryable,
  actionId: number,
  update: { status: string; note: string; userId?: number; at?: Date },
): Promise<void> {
  if (!(actionStatuses as readonly string[]).includes(update.status)) {
    throw new InputError(`expected one of ${actionStatuses.join(", ")}`, {
      field: "status",
      value: update.status,
    });
  }
  if (update.note.trim() === "") {
    throw new InputError("say what has happened", { field: "note" });
  }
  const [action] = await transaction.query(
    "update strategy_actions set status = $2, updated_at = $3 where id = $1 returning id",
    [actionId, update.status, update.at ?? new Date()],
  );
  if (action === undefined) throw new NotFoundError(`There is no action ${actionId}.`);
  await transaction.query(
    `insert into strategy_action_updates (action_id, status, note, recorded_by, recorded_at)
     values ($1, $2, $3, $4, $5)`,
    [actionId, update.status, update.note.trim(), update.userId ?? null, update.at ?? new Date()],
  );
}
