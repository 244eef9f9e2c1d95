import { randomInt } from "node:crypto";
import { ConflictError, ForbiddenError, InputError, NotFoundError } from "../core/errors.js";
import type { Queryable } from "../store/database.js";
import { appendAudit } from "./audit.js";
import { getConsultation, type Consultation } from "./consultations.js";
import { participantOf, type Participant } from "./participants.js";

/** An option a participant proposed, and what the officers decided. */
export interface Proposal {
  id: number;
  consultationId: number;
  label: string;
  description: string;
  status: "pending" | "accepted" | "rejected";
  /** The option it became, when accepted. */
  optionKey: string | null;
  /** Why it was accepted or rejected, in words. */
  reason: string | null;
  /** The constituency of who proposed it; never who. */
  constituency: string | null;
  createdAt: Date;
}

/** A comment on a consultation, or on one of its options. */
export interface Comment {
  id: number;
  consultationId: number;
  optionKey: string | null;
  body: string;
  hidden: boolean;
  /** Why an officer hid it. */
  reason: string | null;
  /** The constituency of who wrote it; never who. */
  constituency: string | null;
  createdAt: Date;
}

type Actor = { id: number; role: string };

/**
 * A verified participant of the consultation's board proposes an option, while it is open or
 * yet to open. Officers accept or reject it ({@link moderateProposal}).
 */
export async function proposeOption(
  database: Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> },
  input: { consultationId: number; userId: number; label: string; description?: string },
): Promise<Proposal> {
  const label = input.label.trim();
  const description = (input.description ?? "").trim();
  if (label === "" || label.length > 200) {
    throw new InputError("give the option a name of up to 200 characters", { field: "label" });
  }
  if (description.length > 2000) {
    throw new InputError("keep the description to 2,000 characters", { field: "description" });
  }
  return database.transaction(async (transaction) => {
    const consultation = await lockConsultation(transaction, input.consultationId);
    if (consultation.status === "closed" || consultation.status === "awaiting count") {
      throw new ConflictError("This consultation has closed; it takes no more proposals.");
    }
    const participant = await verifiedParticipant(transaction, consultation, input.userId);
    const [row] = await transaction.query<{ id: number }>(
      `insert into proposals (consultation_id, participant_id, label, description)
       values ($1, $2, $3, $4) returning id`,
      [consultation.id, participant.id, label, description],
    );
    await appendAudit(transaction, consultation.id, {
      actor: `a participant (${participant.constituency})`,
      action: "proposal.made",
      subject: { proposal: row!.id, label },
    });
    return getProposal(transaction, row!.id);
  });
}

/**
 * An officer accepts or rejects a proposal, with a reason in words. Accepting adds it as an
 * option, which is only fair before anyone has voted: once a ballot is cast the options are
 * fixed, and an accepted proposal is refused with a message saying so. Adding an option draws
 * a new tie-break order, recorded in the audit log.
 */
export async function moderateProposal(
  database: Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> },
  proposalId: number,
  decision: { accept: boolean; reason: string },
  actor: Actor,
): Promise<Proposal> {
  const reason = decision.reason.trim();
  if (reason === "") throw new InputError("say why, in a few words", { field: "reason" });
  return database.transaction(async (transaction) => {
    const proposal = await getProposal(transaction, proposalId);
    const consultation = await lockConsultation(transaction, proposal.consultationId);
    if (proposal.status !== "pending") {
      throw new ConflictError(`This proposal was ${proposal.status} already.`);
    }
    let optionKey: string | null = null;
    if (decision.accept) {
      if (consultation.status === "closed" || consultation.status === "awaiting count") {
        throw new ConflictError("The consultation has closed; its options cannot change.");
      }
      if (consultation.ballots > 0) {
        throw new ConflictError(
          "Ballots have been cast, so the options are fixed; propose it for the next consultation.",
        );
      }
      optionKey = `proposal-${proposal.id}`;
      await transaction.query(
        `insert into consultation_options (consultation_id, key, label, description, position)
         values ($1, $2, $3, $4, $5)`,
        [
          consultation.id,
          optionKey,
          proposal.label,
          proposal.description,
          consultation.options.length,
        ],
      );
      const tieBreak = [...consultation.tieBreak];
      tieBreak.splice(randomInt(tieBreak.length + 1), 0, optionKey);
      await transaction.query("update consultations set tie_break = $2 where id = $1", [
        consultation.id,
        tieBreak,
      ]);
      await appendAudit(transaction, consultation.id, {
        actor: `user ${actor.id} (${actor.role})`,
        action: "option.added",
        subject: { proposal: proposal.id, key: optionKey, label: proposal.label, tieBreak },
      });
    }
    await transaction.query(
      `update proposals set status = $2, reason = $3, moderated_by = $4, option_key = $5
       where id = $1`,
      [proposal.id, decision.accept ? "accepted" : "rejected", reason, actor.id, optionKey],
    );
    await appendAudit(transaction, consultation.id, {
      actor: `user ${actor.id} (${actor.role})`,
      action: decision.accept ? "proposal.accepted" : "proposal.rejected",
      subject: { proposal: proposal.id, reason },
    });
    return getProposal(transaction, proposal.id);
  });
}

/**
 * A verified participant of the board comments on a consultation (or one of its options) until
 * it closes. Comments show at once; officers hide those that break the rules, with a reason.
 */
export async function addComment(
  database: Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> },
  input: { consultationId: number; userId: number; body: string; optionKey?: string | null },
): Promise<Comment> {
  const body = input.body.trim();
  if (body === "" || body.length > 2000) {
    throw new InputError("write a comment of up to 2,000 characters", { field: "body" });
  }
  return database.transaction(async (transaction) => {
    const consultation = await lockConsultation(transaction, input.consultationId);
    if (consultation.status === "closed" || consultation.status === "awaiting count") {
      throw new ConflictError("This consultation has closed; it takes no more comments.");
    }
    const optionKey = input.optionKey ?? null;
    if (optionKey !== null && !consultation.options.some((option) => option.key === optionKey)) {
      throw new InputError("that is not an option of this consultation", {
        field: "optionKey",
        value: optionKey,
      });
    }
    const participant = await verifiedParticipant(transaction, consultation, input.userId);
    const [row] = await transaction.query<{ id: number }>(
      `insert into comments (consultation_id, participant_id, option_key, body)
       values ($1, $2, $3, $4) returning id`,
      [consultation.id, participant.id, optionKey, body],
    );
    return getComment(transaction, row!.id);
  });
}

/** An officer hides a comment, with a reason that stays visible in its place. */
export async function hideComment(
  database: Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> },
  commentId: number,
  reason: string,
  actor: Actor,
): Promise<Comment> {
  if (reason.trim() === "") throw new InputError("say why, in a few words", { field: "reason" });
  return database.transaction(async (transaction) => {
    const comment = await getComment(transaction, commentId);
    await lockConsultation(transaction, comment.consultationId);
    await transaction.query(
      "update comments set hidden = true, reason = $2, moderated_by = $3 where id = $1",
      [commentId, reason.trim(), actor.id],
    );
    await appendAudit(transaction, comment.consultationId, {
      actor: `user ${actor.id} (${actor.role})`,
      action: "comment.hidden",
      subject: { comment: commentId, reason: reason.trim() },
    });
    return getComment(transaction, commentId);
  });
}

/** A consultation's proposals, the oldest first. */
export async function listProposals(
  database: Queryable,
  consultationId: number,
): Promise<Proposal[]> {
  return database.query<Proposal>(`${selectProposals} where p.consultation_id = $1 order by p.id`, [
    consultationId,
  ]);
}

/**
 * A consultation's comments, the oldest first. A hidden comment keeps its place with the
 * reason, without its text, unless `withHidden` (for officers).
 */
export async function listComments(
  database: Queryable,
  consultationId: number,
  options: { withHidden?: boolean } = {},
): Promise<Comment[]> {
  const rows = await database.query<Comment>(
    `${selectComments} where c.consultation_id = $1 order by c.id`,
    [consultationId],
  );
  return options.withHidden === true
    ? rows
    : rows.map((row) => (row.hidden ? { ...row, body: "" } : row));
}

async function getProposal(database: Queryable, id: number): Promise<Proposal> {
  const [row] = await database.query<Proposal>(`${selectProposals} where p.id = $1`, [id]);
  if (row === undefined) throw new NotFoundError(`There is no proposal ${id}.`);
  return row;
}

async function getComment(database: Queryable, id: number): Promise<Comment> {
  const [row] = await database.query<Comment>(`${selectComments} where c.id = $1`, [id]);
  if (row === undefined) throw new NotFoundError(`There is no comment ${id}.`);
  return row;
}

async function lockConsultation(transaction: Queryable, id: number): Promise<Consultation> {
  const [locked] = await transaction.query(
    "select id from consultations where id = $1 for update",
    [id],
  );
  if (locked === undefined) throw new NotFoundError(`There is no consultation ${id}.`);
  return getConsultation(transaction, id);
}

async function verifiedParticipant(
  transaction: Queryable,
  consultation: Consultation,
  userId: number,
): Promise<Participant> {
  const participant = await participantOf(transaction, userId, consultation.boardId);
  if (participant === undefined) {
    throw new ForbiddenError(`Register with ${consultation.boardName} to take part.`);
  }
  if (!participant.verified)
    throw new ForbiddenError("Your registration has not been verified yet.");
  return participant;
}

const selectProposals = `select p.id, p.consultation_id as "consultationId", p.label,
    p.description, p.status, p.option_key as "optionKey", p.reason, k.name as constituency,
    p.created_at as "createdAt"
  from proposals p left join participants pa on pa.id = p.participant_id
  left join constituencies k on k.id = pa.constituency_id`;

const selectComments = `select c.id, c.consultation_id as "consultationId",
    c.option_key as "optionKey", c.body, c.hidden, c.reason, k.name as constituency,
    c.created_at as "createdAt"
  from comments c left join participants pa on pa.id = c.participant_id
  left join constituencies k on k.id = pa.constituency_id`;
