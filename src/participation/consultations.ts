import { createHash, randomBytes, randomInt, randomUUID } from "node:crypto";
import { ConflictError, ForbiddenError, InputError, NotFoundError } from "../core/errors.js";
import type { Queryable } from "../store/database.js";
import { appendAudit } from "./audit.js";
import {
  checkBallot,
  consultationKinds,
  defaultGrades,
  methodsOfKind,
  type BallotContent,
  type ConsultationKind,
} from "./ballotContent.js";
import { getBoard, type Board } from "./boards.js";
import type { TallyMethod } from "./methods/ballots.js";
import { participantOf } from "./participants.js";

/** One option of a consultation. */
export interface ConsultationOption {
  key: string;
  label: string;
  description: string;
  /** A page with the evidence behind the option (a scorecard or profile page). */
  evidenceUrl: string | null;
  /** What the option costs, for participatory budgeting. */
  cost: number | null;
}

/** How a consultation weights its voters; see {@link Consultation.weighting}. */
export const consultationWeightings = ["board", "post-stratified"] as const;

/** One of {@link consultationWeightings}. */
export type ConsultationWeighting = (typeof consultationWeightings)[number];

/** Where a consultation is in its life. */
export type ConsultationStatus = "scheduled" | "open" | "awaiting count" | "closed";

/** A consultation as pages and the API show it. */
export interface Consultation {
  id: number;
  boardId: number;
  boardName: string;
  placeCode: string;
  placeName: string;
  title: string;
  question: string;
  kind: ConsultationKind;
  method: TallyMethod;
  budget: number | null;
  grades: string[] | null;
  /** The constituencies that may take part (keys); all of the board's when null. */
  eligible: string[] | null;
  /**
   * How voters are weighted in the count: by the board's rule for combining constituencies, or
   * post-stratified to the constituencies' populations (disclosed with the result).
   */
  weighting: ConsultationWeighting;
  opensAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  status: ConsultationStatus;
  /** The published order that breaks ties, drawn when the consultation was set up. */
  tieBreak: string[];
  options: ConsultationOption[];
  /** Ballots received so far. */
  ballots: number;
  /** True when the place is the fictional demo's. */
  fictional: boolean;
}

/** What an officer gives to open a consultation. */
export interface NewConsultation {
  boardId: number;
  title: string;
  question: string;
  kind: ConsultationKind;
  method?: TallyMethod;
  budget?: number | null;
  grades?: string[] | null;
  eligible?: string[] | null;
  weighting?: ConsultationWeighting;
  opensAt: Date;
  closesAt: Date;
  options: readonly (Partial<ConsultationOption> & { key: string; label: string })[];
}

/**
 * Sets up a consultation with its options and draws its tie-break order (a uniformly random
 * permutation of the options, published with it before any ballot is cast).
 */
export async function createConsultation(
  transaction: Queryable,
  input: NewConsultation,
  actor: { id: number; role: string },
): Promise<Consultation> {
  const board = await getBoard(transaction, input.boardId);
  if (!(consultationKinds as readonly string[]).includes(input.kind)) {
    throw new InputError(`expected a kind: ${consultationKinds.join(", ")}`, {
      field: "kind",
      value: input.kind,
    });
  }
  const methods = methodsOfKind[input.kind];
  const method = input.method ?? methods[0]!;
  if (!methods.includes(method)) {
    throw new InputError(`a ${input.kind} consultation is counted by ${methods.join(", ")}`, {
      field: "method",
      value: method,
    });
  }
  if (!(input.closesAt > input.opensAt)) {
    throw new InputError("the consultation must close after it opens", { field: "closesAt" });
  }
  if (input.options.length < 2) {
    throw new InputError("give at least two options", { field: "options" });
  }
  const keys = new Set<string>();
  for (const option of input.options) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(option.key)) {
      throw new InputError("expected an option key of letters, digits, - and _", {
        field: "options.key",
        value: option.key,
      });
    }
    if (keys.has(option.key)) {
      throw new InputError("each option needs its own key", {
        field: "options.key",
        value: option.key,
      });
    }
    keys.add(option.key);
    if (input.kind === "budgeting" && !(option.cost != null && option.cost > 0)) {
      throw new InputError("give every project of a budgeting consultation its cost", {
        field: `options.${option.key}.cost`,
      });
    }
  }
  let budget = input.budget ?? null;
  if (input.kind === "points") budget ??= 100;
  if (input.kind === "budgeting" && !(budget !== null && budget > 0)) {
    throw new InputError("give the budget to share among the projects", { field: "budget" });
  }
  const eligible = input.eligible ?? null;
  const eligibleIds = eligible?.map((key) => {
    const constituency = board.constituencies.find((candidate) => candidate.key === key);
    if (constituency === undefined) {
      throw new InputError(
        `expected constituencies of the board: ${board.constituencies.map((c) => c.key).join(", ")}`,
        { field: "eligible", value: key },
      );
    }
    return constituency.id;
  });
  const weighting = input.weighting ?? "board";
  if (weighting === "post-stratified") {
    const voting = board.constituencies.filter(
      (c) => eligible === null || eligible.includes(c.key),
    );
    const missing = voting.filter((c) => !(c.population !== null && c.population > 0));
    if (missing.length > 0) {
      throw new InputError(
        `post-stratification needs the population of every constituency taking part; ${missing
          .map((c) => c.name)
          .join(", ")} ${missing.length === 1 ? "has" : "have"} none`,
        { field: "weighting", value: weighting },
      );
    }
  }
  const grades = input.kind === "scores" ? (input.grades ?? defaultGrades) : null;
  const tieBreak = shuffle(input.options.map((option) => option.key));
  const [row] = await transaction.query<{ id: number }>(
    `insert into consultations (board_id, title, question, kind, method, budget, grades,
       eligible, opens_at, closes_at, tie_break, created_by, weighting)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [
      board.id,
      input.title,
      input.question,
      input.kind,
      method,
      budget,
      grades,
      eligibleIds ?? null,
      input.opensAt,
      input.closesAt,
      tieBreak,
      actor.id,
      weighting,
    ],
  );
  const id = row!.id;
  for (const [position, option] of input.options.entries()) {
    await transaction.query(
      `insert into consultation_options
         (consultation_id, key, label, description, evidence_url, cost, position)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        option.key,
        option.label,
        option.description ?? "",
        option.evidenceUrl ?? null,
        option.cost ?? null,
        position,
      ],
    );
  }
  await appendAudit(transaction, id, {
    actor: `user ${actor.id} (${actor.role})`,
    action: "consultation.created",
    subject: {
      title: input.title,
      kind: input.kind,
      method,
      budget,
      grades,
      eligible,
      weighting,
      opensAt: input.opensAt.toISOString(),
      closesAt: input.closesAt.toISOString(),
      options: input.options.map((option) => ({
        key: option.key,
        label: option.label,
        cost: option.cost ?? null,
      })),
      tieBreak,
    },
  });
  return getConsultation(transaction, id);
}

/** A consultation with its options, status and the number of ballots so far. */
export async function getConsultation(database: Queryable, id: number): Promise<Consultation> {
  const [row] = await database.query<ConsultationRow>(`${selectConsultations} where c.id = $1`, [
    id,
  ]);
  if (row === undefined) throw new NotFoundError(`There is no consultation ${id}.`);
  const options = await database.query<ConsultationOption>(
    `select key, label, description, evidence_url as "evidenceUrl", cost
     from consultation_options where consultation_id = $1 order by position`,
    [id],
  );
  return toConsultation(row, options);
}

/** Consultations, the most recent first; those of one board when given. */
export async function listConsultations(
  database: Queryable,
  filter: { boardId?: number } = {},
): Promise<Consultation[]> {
  const rows = await database.query<{ id: number }>(
    `select id from consultations where $1::int is null or board_id = $1
     order by closes_at desc, id desc`,
    [filter.boardId ?? null],
  );
  return Promise.all(rows.map((row) => getConsultation(database, row.id)));
}

/** What a voter is given for a ballot. */
export interface BallotReceipt {
  /** The secret receipt code: keep it to change the ballot or to check it was counted. */
  receipt: string;
  /** The short code the ballot carries in the published ballot list. */
  check: string;
  /** True when the ballot replaced one cast before. */
  replaced: boolean;
}

/**
 * Casts a ballot, secretly and once. In one transaction, with the consultation row locked:
 * the consultation must be open, the user a verified participant of its board in an eligible
 * constituency, and the ballot valid. The participant is marked as having voted and the ballot
 * is stored apart, under a random id, with the hash of a fresh receipt code and the voter's
 * constituency (which equal voice needs) and nothing else of them. A second ballot is refused
 * unless it gives the receipt of the first, which it then replaces.
 */
export async function castBallot(
  database: Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> },
  input: { consultationId: number; userId: number; ballot: unknown; receipt?: string | null },
): Promise<BallotReceipt> {
  return database.transaction(async (transaction) => {
    const [locked] = await transaction.query<{ id: number }>(
      "select id from consultations where id = $1 for update",
      [input.consultationId],
    );
    if (locked === undefined) {
      throw new NotFoundError(`There is no consultation ${input.consultationId}.`);
    }
    const consultation = await getConsultation(transaction, input.consultationId);
    if (consultation.status !== "open") {
      throw new ConflictError(
        consultation.status === "scheduled"
          ? `This consultation opens on ${consultation.opensAt.toISOString()}.`
          : "This consultation has closed; no more ballots can be cast.",
      );
    }
    const participant = await participantOf(transaction, input.userId, consultation.boardId);
    if (participant === undefined) {
      throw new ForbiddenError(`Register with ${consultation.boardName} to take part.`);
    }
    if (!participant.verified) {
      throw new ForbiddenError("Your registration has not been verified yet.");
    }
    if (
      consultation.eligible !== null &&
      !consultation.eligible.includes(participant.constituency)
    ) {
      throw new ForbiddenError(
        `This consultation is for ${consultation.eligible.join(", ")}; you are registered as ${participant.constituency}.`,
      );
    }
    const content = checkBallot(
      {
        kind: consultation.kind,
        options: consultation.options.map((option) => option.key),
        budget: consultation.budget,
        grades: consultation.grades,
      },
      input.ballot,
    );
    const receiptGiven = input.receipt?.trim() ?? "";
    if (receiptGiven !== "") {
      const hash = hashReceipt(receiptGiven);
      const [voted] = await transaction.query(
        "select 1 from votes_cast where consultation_id = $1 and participant_id = $2",
        [consultation.id, participant.id],
      );
      // Only someone who has voted here can replace a ballot, and only the one whose receipt
      // they hold; the ballot itself does not say whose it is.
      const replaced =
        voted === undefined
          ? []
          : await transaction.query(
              `update ballots set content = $3::jsonb
               where consultation_id = $1 and receipt_hash = $2 returning id`,
              [consultation.id, hash, JSON.stringify(content)],
            );
      if (replaced.length === 0) {
        throw new InputError(
          "this receipt code does not match a ballot of yours in this consultation",
          { field: "receipt" },
        );
      }
      await appendAudit(transaction, consultation.id, {
        actor: null,
        action: "ballot.replaced",
        subject: { check: checkCode(hash) },
      });
      return { receipt: receiptGiven, check: checkCode(hash), replaced: true };
    }
    const marked = await transaction.query(
      `insert into votes_cast (consultation_id, participant_id) values ($1, $2)
       on conflict do nothing returning participant_id`,
      [consultation.id, participant.id],
    );
    if (marked.length === 0) {
      throw new ConflictError(
        "You have already voted in this consultation. To change your ballot, give the receipt code you were given.",
      );
    }
    const receipt = randomBytes(16).toString("base64url");
    const hash = hashReceipt(receipt);
    await transaction.query(
      `insert into ballots (id, consultation_id, receipt_hash, constituency_id, content)
       values ($1, $2, $3, $4, $5::jsonb)`,
      [randomUUID(), consultation.id, hash, participant.constituencyId, JSON.stringify(content)],
    );
    await appendAudit(transaction, consultation.id, {
      actor: null,
      action: "ballot.cast",
      subject: { check: checkCode(hash) },
    });
    return { receipt, check: checkCode(hash), replaced: false };
  });
}

/**
 * Looks a receipt up: whether its ballot is recorded in the consultation, with its check code,
 * and, once results are published, the ballot as it was counted.
 */
export async function checkReceipt(
  database: Queryable,
  consultationId: number,
  receipt: string,
): Promise<{ check: string; content: BallotContent | null }> {
  const consultation = await getConsultation(database, consultationId);
  const hash = hashReceipt(receipt.trim());
  const [ballot] = await database.query<{ content: BallotContent }>(
    "select content from ballots where consultation_id = $1 and receipt_hash = $2",
    [consultationId, hash],
  );
  if (ballot === undefined) {
    throw new NotFoundError("No ballot in this consultation has that receipt code.");
  }
  return {
    check: checkCode(hash),
    content: consultation.status === "closed" ? ballot.content : null,
  };
}

/** The ballots of a consultation, each with its check code and constituency, by check code. */
export async function listBallots(
  database: Queryable,
  consultationId: number,
): Promise<{ check: string; constituency: string; content: BallotContent }[]> {
  const rows = await database.query<{
    hash: string;
    constituency: string;
    content: BallotContent;
  }>(
    `select b.receipt_hash as hash, c.key as constituency, b.content
     from ballots b join constituencies c on c.id = b.constituency_id
     where b.consultation_id = $1 order by b.receipt_hash`,
    [consultationId],
  );
  return rows.map((row) => ({
    check: checkCode(row.hash),
    constituency: row.constituency,
    content: row.content,
  }));
}

/** The board a consultation belongs to. */
export async function boardOf(database: Queryable, consultation: Consultation): Promise<Board> {
  return getBoard(database, consultation.boardId);
}

function hashReceipt(receipt: string): string {
  return createHash("sha256").update(receipt).digest("hex");
}

/** The first 16 hex digits of the receipt's hash: what the published list shows. */
function checkCode(hash: string): string {
  return hash.slice(0, 16);
}

interface ConsultationRow extends Omit<Consultation, "status" | "options"> {
  now: Date;
}

const selectConsultations = `select c.id, c.board_id as "boardId", b.name as "boardName",
    b.place_code as "placeCode", p.name as "placeName", c.title, c.question, c.kind, c.method,
    c.budget, c.grades,
    (select array_agg(k.key order by k.id) from constituencies k where k.id = any(c.eligible))
      as eligible, c.weighting,
    c.opens_at as "opensAt", c.closes_at as "closesAt", c.closed_at as "closedAt",
    c.tie_break as "tieBreak",
    (select count(*)::int from ballots x where x.consultation_id = c.id) as ballots,
    p.fictional, now() as now
  from consultations c join boards b on b.id = c.board_id join places p on p.code = b.place_code`;

function toConsultation(row: ConsultationRow, options: ConsultationOption[]): Consultation {
  const { now, ...rest } = row;
  const status: ConsultationStatus =
    row.closedAt !== null
      ? "closed"
      : now < row.opensAt
        ? "scheduled"
        : now < row.closesAt
          ? "open"
          : "awaiting count";
  return { ...rest, eligible: row.eligible ?? null, status, options };
}

function shuffle(items: string[]): string[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = randomInt(index + 1);
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}
