import { createHash } from "node:crypto";
import { ConflictError, InputError, NotFoundError } from "../core/errors.js";
import { toCsv } from "../core/formatRows.js";
import type { Database, Queryable } from "../store/database.js";
import { appendAudit } from "./audit.js";
import type { BallotContent } from "./ballotContent.js";
import { getBoard, type Board } from "./boards.js";
import { getConsultation, type Consultation } from "./consultations.js";
import { canonicalJson } from "./methods/auditChain.js";
import type { TallyResult } from "./methods/ballots.js";
import {
  constituencyWeights,
  deprivedUnderRepresented,
  postStratificationWeights,
  representation,
  type ConstituencyWeights,
  type DeprivedRepresentation,
  type Representation,
} from "./methods/representation.js";
import { runTally, type AnyBallots } from "./methods/tally.js";

/**
 * The weights a count applied to each constituency's voters: the board's rule (equal voice or
 * per head), or post-stratification to the constituencies' populations, with Kish's effective
 * sample size and design effect disclosed either way.
 */
export interface AppliedWeights extends Omit<ConstituencyWeights, "rule"> {
  rule: ConstituencyWeights["rule"] | "post-stratified";
}

/** What a closed consultation publishes. */
export interface ConsultationResult {
  tally: TallyResult;
  /** Ballots counted. */
  ballots: number;
  /** How the constituencies were combined, and each one's weight per voter. */
  weights: AppliedWeights;
  representation: {
    constituency: Representation;
    neighbourhood: Representation;
    ageBand: Representation;
    deprived: DeprivedRepresentation | null;
  };
  /** SHA-256 of the canonical JSON of the tally, as recorded in the audit log. */
  resultHash: string;
  /** The audit log's head when the result was published, and its sequence. */
  auditHead: string;
  auditSequence: number;
  /** The command that counts the published ballots file again. */
  recount: string;
}

/**
 * Closes a consultation and publishes its result, in one transaction: counts the ballots by
 * the consultation's method, each voter weighted by the board's rule for combining
 * constituencies; measures representation by constituency, neighbourhood and age band; records
 * the closing in the audit log with the hash of the result; and, for a priority budget, stores
 * the weight set it produces. An officer may close an open consultation early.
 */
export async function closeConsultation(
  database: Database,
  consultationId: number,
  actor: { id: number; role: string },
  options: { early?: boolean; weightSetName?: string } = {},
): Promise<ConsultationResult> {
  return database.transaction(async (transaction) => {
    const [locked] = await transaction.query(
      "select id from consultations where id = $1 for update",
      [consultationId],
    );
    if (locked === undefined)
      throw new NotFoundError(`There is no consultation ${consultationId}.`);
    let consultation = await getConsultation(transaction, consultationId);
    if (consultation.status === "closed") {
      throw new ConflictError("This consultation is closed and its result published already.");
    }
    if (consultation.status === "scheduled") {
      throw new ConflictError("This consultation has not opened yet.");
    }
    if (consultation.status === "open") {
      if (options.early !== true) {
        throw new ConflictError(
          `This consultation is open until ${consultation.closesAt.toISOString()}; close it early to count now.`,
        );
      }
      await transaction.query("update consultations set closes_at = now() where id = $1", [
        consultationId,
      ]);
      consultation = await getConsultation(transaction, consultationId);
    }
    const counted = await countConsultation(transaction, consultation);
    const resultHash = sha256(canonicalJson(counted.tally));
    const entry = await appendAudit(transaction, consultationId, {
      actor: `user ${actor.id} (${actor.role})`,
      action: "consultation.closed",
      subject: { ballots: counted.ballots, resultHash, winner: counted.tally.winner },
    });
    const result: ConsultationResult = {
      ...counted,
      resultHash,
      auditHead: entry.hash,
      auditSequence: entry.sequence,
      recount: recountCommand(consultation),
    };
    await transaction.query(
      "update consultations set closed_at = now(), result = $2::jsonb where id = $1",
      [consultationId, JSON.stringify(result)],
    );
    if (consultation.kind === "points") {
      await storeWeightSet(transaction, consultation, result, options.weightSetName);
    }
    return result;
  });
}

/** The published result of a closed consultation. */
export async function consultationResult(
  database: Queryable,
  consultationId: number,
): Promise<ConsultationResult> {
  const [row] = await database.query<{ result: ConsultationResult | null }>(
    "select result from consultations where id = $1",
    [consultationId],
  );
  if (row === undefined) throw new NotFoundError(`There is no consultation ${consultationId}.`);
  if (row.result === null) {
    throw new NotFoundError("The result of this consultation has not been published yet.");
  }
  return row.result;
}

/**
 * The ballots as counted, in the `placefirst tally` format: one row per distinct ballot with
 * its count weighted by the board's rule (whole numbers per head; fractions under equal voice).
 */
export async function ballotsCsv(database: Queryable, consultation: Consultation): Promise<string> {
  const { ballots } = await weightedBallots(database, consultation);
  const options = consultation.options.map((option) => option.key);
  const grades = consultation.grades ?? [];
  const rows = ballots.map(({ content, count }): Record<string, string | number> => {
    if ("ranking" in content) {
      return { count, ranking: content.ranking.map((group) => group.join("=")).join(">") };
    }
    if ("approved" in content) return { count, approved: content.approved.join(";") };
    const values = "points" in content ? content.points : content.grades;
    return {
      count,
      ...Object.fromEntries(
        options.map((option) => [
          option,
          "points" in content ? (values[option] ?? 0) : (grades[values[option] ?? 0] ?? ""),
        ]),
      ),
    };
  });
  const keys =
    consultation.kind === "ranked"
      ? ["count", "ranking"]
      : consultation.kind === "approval" || consultation.kind === "budgeting"
        ? ["count", "approved"]
        : ["count", ...options];
  return toCsv(
    rows,
    keys.map((key) => ({ key })),
  );
}

/** The costs of a budgeting consultation's projects, as the `tally --costs` file. */
export function costsCsv(consultation: Consultation): string {
  return toCsv(
    consultation.options.map((option) => ({ project: option.key, cost: option.cost ?? "" })),
    [{ key: "project" }, { key: "cost" }],
  );
}

async function countConsultation(
  database: Queryable,
  consultation: Consultation,
): Promise<Omit<ConsultationResult, "resultHash" | "auditHead" | "auditSequence" | "recount">> {
  const { ballots, weights, total } = await weightedBallots(database, consultation);
  const options = consultation.options.map((option) => option.key);
  const costs = Object.fromEntries(
    consultation.options.map((option) => [option.key, option.cost ?? Number.NaN]),
  );
  const tally = runTally(consultation.method, toMethodBallots(consultation, ballots), options, {
    tieBreak: consultation.tieBreak,
    budget: consultation.kind === "points" ? null : consultation.budget,
    costs: consultation.kind === "budgeting" ? costs : null,
    grades: consultation.grades,
  });
  return {
    tally,
    ballots: total,
    weights,
    representation: await measureRepresentation(database, consultation),
  };
}

async function weightedBallots(
  database: Queryable,
  consultation: Consultation,
): Promise<{
  ballots: { content: BallotContent; count: number }[];
  weights: AppliedWeights;
  total: number;
}> {
  const board = await getBoard(database, consultation.boardId);
  const rows = await database.query<{ content: BallotContent; constituency: string; n: number }>(
    `select b.content, c.key as constituency, count(*)::int as n
     from ballots b join constituencies c on c.id = b.constituency_id
     where b.consultation_id = $1 group by b.content, c.key order by c.key, b.content::text`,
    [consultation.id],
  );
  const eligible = consultation.eligible ?? board.constituencies.map((c) => c.key);
  const turnout: Record<string, number> = Object.fromEntries(eligible.map((key) => [key, 0]));
  for (const row of rows) turnout[row.constituency] = (turnout[row.constituency] ?? 0) + row.n;
  const weights: AppliedWeights =
    consultation.weighting === "post-stratified"
      ? postStratifiedWeights(turnout, board)
      : constituencyWeights(turnout, board.combination);
  const weightOf = new Map(weights.constituencies.map((c) => [c.constituency, c.weight]));
  const merged = new Map<string, { content: BallotContent; count: number }>();
  for (const row of rows) {
    const key = canonicalJson(row.content);
    const entry = merged.get(key) ?? { content: row.content, count: 0 };
    entry.count += row.n * (weightOf.get(row.constituency) ?? 0);
    merged.set(key, entry);
  }
  const ballots = [...merged.values()].filter((entry) => entry.count > 0);
  return { ballots, weights, total: rows.reduce((sum, row) => sum + row.n, 0) };
}

// Post-stratification to the constituencies' populations, in the shape of the board's rules.
function postStratifiedWeights(turnout: Record<string, number>, board: Board): AppliedWeights {
  const population = Object.fromEntries(
    board.constituencies
      .filter((c) => c.key in turnout && c.population !== null)
      .map((c) => [c.key, c.population!]),
  );
  const weighting = postStratificationWeights(turnout, population);
  return {
    rule: "post-stratified",
    constituencies: weighting.groups.map((group) => ({
      constituency: group.group,
      voters: group.voters,
      weight: group.weight,
      totalWeight: group.weight * group.voters,
    })),
    withoutVoters: weighting.unrepresented.map((group) => group.group),
    voters: weighting.voters,
    effectiveSampleSize: weighting.effectiveSampleSize,
    designEffect: weighting.designEffect,
    warnings: weighting.warnings,
  };
}

function toMethodBallots(
  consultation: Consultation,
  ballots: { content: BallotContent; count: number }[],
): AnyBallots {
  switch (consultation.kind) {
    case "ranked":
      return {
        kind: "ranked",
        ballots: ballots.map(({ content, count }) => ({
          count,
          ranking: (content as { ranking: string[][] }).ranking,
        })),
      };
    case "approval":
    case "budgeting":
      return {
        kind: "approval",
        ballots: ballots.map(({ content, count }) => ({
          count,
          approved: (content as { approved: string[] }).approved,
        })),
      };
    case "points":
      return {
        kind: "points",
        ballots: ballots.map(({ content, count }) => ({
          count,
          points: (content as { points: Record<string, number> }).points,
        })),
      };
    case "scores":
      return {
        kind: "grades",
        ballots: ballots.map(({ content, count }) => ({
          count,
          grades: (content as { grades: Record<string, number> }).grades,
        })),
      };
  }
}

async function measureRepresentation(
  database: Queryable,
  consultation: Consultation,
): Promise<ConsultationResult["representation"]> {
  const board = await getBoard(database, consultation.boardId);
  const voters = await database.query<{
    constituency: string;
    neighbourhood: string | null;
    ageBand: string | null;
  }>(
    `select c.key as constituency, p.neighbourhood_code as neighbourhood, p.age_band as "ageBand"
     from votes_cast v join participants p on p.id = v.participant_id
     join constituencies c on c.id = p.constituency_id where v.consultation_id = $1`,
    [consultation.id],
  );
  const countBy = (
    key: (row: (typeof voters)[number]) => string | null,
  ): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const row of voters) {
      const group = key(row);
      if (group !== null) counts[group] = (counts[group] ?? 0) + 1;
    }
    return counts;
  };
  const eligible = board.constituencies.filter(
    (c) => consultation.eligible === null || consultation.eligible.includes(c.key),
  );
  const byConstituency = {
    ...Object.fromEntries(eligible.map((c) => [c.key, 0])),
    ...countBy((row) => row.constituency),
  };
  const constituencyPopulation = eligible.every((c) => c.population !== null)
    ? Object.fromEntries(eligible.map((c) => [c.key, c.population!]))
    : undefined;
  const neighbourhoods = await database.query<{ code: string; population: number | null }>(
    "select code, population from places where parent_code = $1 order by code",
    [board.placeCode],
  );
  const byNeighbourhood = {
    ...Object.fromEntries(neighbourhoods.map((n) => [n.code, 0])),
    ...countBy((row) => row.neighbourhood),
  };
  const neighbourhoodPopulation = neighbourhoods.every((n) => n.population !== null)
    ? Object.fromEntries(neighbourhoods.map((n) => [n.code, n.population!]))
    : undefined;
  const scores = await database.query<{ code: string; value: number }>(
    `select distinct on (o.place_code) o.place_code as code, o.value
     from observations o join places p on p.code = o.place_code
     where p.parent_code = $1 and o.indicator_id = 'imd_score' and o.value is not null
     order by o.place_code, o.period desc`,
    [board.placeCode],
  );
  return {
    constituency: representation(byConstituency, constituencyPopulation),
    neighbourhood: representation(byNeighbourhood, neighbourhoodPopulation),
    ageBand: representation(countBy((row) => row.ageBand)),
    deprived:
      neighbourhoodPopulation === undefined || scores.length === 0
        ? null
        : deprivedUnderRepresented(byNeighbourhood, neighbourhoodPopulation, {
            score: Object.fromEntries(scores.map((s) => [s.code, s.value])),
          }),
  };
}

function recountCommand(consultation: Consultation): string {
  const parts = [
    `placefirst tally consultation-${consultation.id}-ballots.csv --method ${consultation.method}`,
    `--options ${consultation.options.map((option) => option.key).join(",")}`,
    `--tie-break ${consultation.tieBreak.join(",")}`,
  ];
  if (consultation.kind === "budgeting") {
    parts.push(
      `--budget ${consultation.budget}`,
      `--costs consultation-${consultation.id}-costs.csv`,
    );
  }
  if (consultation.kind === "scores" && consultation.grades !== null) {
    parts.push(`--grades "${consultation.grades.join(",")}"`);
  }
  return parts.join(" ");
}

/** A named, versioned priority weight set: `{ option: weight }` summing to 1. */
export interface WeightSet {
  id: number;
  name: string;
  version: number;
  weights: Record<string, number>;
  provenance: Record<string, unknown>;
  consultationId: number | null;
  createdAt: Date;
}

async function storeWeightSet(
  transaction: Queryable,
  consultation: Consultation,
  result: ConsultationResult,
  requestedName: string | undefined,
): Promise<void> {
  const details = result.tally.details as { shares?: Record<string, number> };
  const shares = details.shares ?? {};
  if (Object.keys(shares).length === 0) return;
  const name = requestedName ?? slug(consultation.title);
  const board = await getBoard(transaction, consultation.boardId);
  await transaction.query(
    `insert into weight_sets (name, version, weights, provenance, consultation_id)
     values ($1, coalesce((select max(version) from weight_sets where name = $1), 0) + 1,
       $2::jsonb, $3::jsonb, $4)`,
    [
      name,
      JSON.stringify(shares),
      JSON.stringify({
        consultation: consultation.id,
        title: consultation.title,
        place: consultation.placeCode,
        board: board.name,
        method: consultation.method,
        combination: board.combination,
        ballots: result.ballots,
        resultHash: result.resultHash,
        auditHead: result.auditHead,
      }),
      consultation.id,
    ],
  );
}

/** A weight set by name: the latest version, or the one asked for. */
export async function getWeightSet(
  database: Queryable,
  name: string,
  version?: number,
): Promise<WeightSet> {
  const [row] = await database.query<WeightSet>(
    `${selectWeightSets} where name = $1 and ($2::int is null or version = $2)
     order by version desc limit 1`,
    [name, version ?? null],
  );
  if (row === undefined) {
    throw new NotFoundError(
      `There is no weight set "${name}"${version === undefined ? "" : ` version ${version}`}.`,
    );
  }
  return row;
}

/** Every weight set, every version, newest first. */
export async function listWeightSets(database: Queryable): Promise<WeightSet[]> {
  return database.query<WeightSet>(`${selectWeightSets} order by name, version desc`);
}

const selectWeightSets = `select id, name, version, weights, provenance,
  consultation_id as "consultationId", created_at as "createdAt" from weight_sets`;

/** A board's decision on a closed consultation. */
export interface Decision {
  consultationId: number;
  adopted: string;
  votesFor: number | null;
  votesAgainst: number | null;
  abstentions: number | null;
  reasons: string;
  recordedAt: Date;
}

/** Records the board's decision on a closed consultation, once, in the audit log too. */
export async function recordDecision(
  database: Database,
  consultationId: number,
  input: Omit<Decision, "consultationId" | "recordedAt">,
  actor: { id: number; role: string },
): Promise<Decision> {
  if (input.adopted.trim() === "" || input.reasons.trim() === "") {
    throw new InputError("say what the board adopts and why", {
      field: input.adopted.trim() === "" ? "adopted" : "reasons",
    });
  }
  return database.transaction(async (transaction) => {
    await transaction.query("select id from consultations where id = $1 for update", [
      consultationId,
    ]);
    const consultation = await getConsultation(transaction, consultationId);
    if (consultation.status !== "closed") {
      throw new ConflictError("The board decides on a consultation once its result is published.");
    }
    const rows = await transaction.query<Decision>(
      `insert into decisions (consultation_id, adopted, votes_for, votes_against, abstentions,
         reasons, recorded_by) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (consultation_id) do nothing
       returning consultation_id as "consultationId", adopted, votes_for as "votesFor",
         votes_against as "votesAgainst", abstentions, reasons, recorded_at as "recordedAt"`,
      [
        consultationId,
        input.adopted,
        input.votesFor,
        input.votesAgainst,
        input.abstentions,
        input.reasons,
        actor.id,
      ],
    );
    if (rows.length === 0) throw new ConflictError("The board's decision is recorded already.");
    await appendAudit(transaction, consultationId, {
      actor: `user ${actor.id} (${actor.role})`,
      action: "decision.recorded",
      subject: {
        adopted: input.adopted,
        votesFor: input.votesFor,
        votesAgainst: input.votesAgainst,
        abstentions: input.abstentions,
      },
    });
    return rows[0]!;
  });
}

/** The board's decision on a consultation, if recorded. */
export async function getDecision(
  database: Queryable,
  consultationId: number,
): Promise<Decision | undefined> {
  const [row] = await database.query<Decision>(
    `select consultation_id as "consultationId", adopted, votes_for as "votesFor",
       votes_against as "votesAgainst", abstentions, reasons, recorded_at as "recordedAt"
     from decisions where consultation_id = $1`,
    [consultationId],
  );
  return row;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function slug(text: string): string {
  const value = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return value === "" ? "priorities" : value;
}
