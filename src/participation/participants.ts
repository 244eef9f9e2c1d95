import { createHash, randomInt } from "node:crypto";
import { ConflictError, InputError, NotFoundError } from "../core/errors.js";
import type { Queryable } from "../store/database.js";
import { constituencyByKey, getBoard } from "./boards.js";

/** The age bands a participant may give. */
export const ageBands = ["16-24", "25-34", "35-44", "45-54", "55-64", "65+"] as const;

/**
 * A participant of a board: the least personal data that representation needs (constituency,
 * and where given a neighbourhood and an age band). Name and email stay with the user account;
 * nothing here says how the participant voted.
 */
export interface Participant {
  id: number;
  userId: number;
  email: string;
  boardId: number;
  constituencyId: number;
  constituency: string;
  neighbourhoodCode: string | null;
  ageBand: string | null;
  verified: boolean;
}

/** What a person gives when they register with a board. */
export interface Registration {
  userId: number;
  boardId: number;
  constituency: string;
  neighbourhoodCode?: string | null;
  ageBand?: string | null;
}

/**
 * Registers a user as a participant of a board, not yet verified: an officer verifies them, or
 * they redeem an invitation code instead.
 */
export async function registerParticipant(
  transaction: Queryable,
  input: Registration,
): Promise<Participant> {
  const board = await getBoard(transaction, input.boardId);
  const constituency = constituencyByKey(board, input.constituency);
  await checkNeighbourhood(transaction, board.placeCode, input.neighbourhoodCode ?? null);
  const ageBand = input.ageBand ?? null;
  if (ageBand !== null && !(ageBands as readonly string[]).includes(ageBand)) {
    throw new InputError(`expected an age band: ${ageBands.join(", ")}`, {
      field: "ageBand",
      value: ageBand,
    });
  }
  const [row] = await transaction.query<{ id: number }>(
    `insert into participants (user_id, board_id, constituency_id, neighbourhood_code, age_band)
     values ($1, $2, $3, $4, $5) on conflict (user_id, board_id) do nothing returning id`,
    [input.userId, board.id, constituency.id, input.neighbourhoodCode ?? null, ageBand],
  );
  if (row === undefined) {
    throw new ConflictError(`You are already registered with ${board.name}.`);
  }
  return getParticipant(transaction, row.id);
}

/** Verifies a participant: from now on they may vote in consultations open to them. */
export async function verifyParticipant(
  transaction: Queryable,
  participantId: number,
  officerId: number,
): Promise<Participant> {
  const rows = await transaction.query(
    `update participants set verified_at = coalesce(verified_at, now()),
       verified_by = coalesce(verified_by, $2) where id = $1 returning id`,
    [participantId, officerId],
  );
  if (rows.length === 0) throw new NotFoundError(`There is no participant ${participantId}.`);
  return getParticipant(transaction, participantId);
}

/**
 * Issues single-use invitation codes for a constituency (and, where given, a neighbourhood):
 * for a school, a union branch or a door-knocking round. Only the codes' hashes are kept; the
 * codes are returned once, to be printed.
 */
export async function createInvitations(
  transaction: Queryable,
  input: {
    boardId: number;
    constituency: string;
    neighbourhoodCode?: string | null;
    label: string;
    count: number;
    createdBy: number | null;
  },
): Promise<string[]> {
  const board = await getBoard(transaction, input.boardId);
  const constituency = constituencyByKey(board, input.constituency);
  await checkNeighbourhood(transaction, board.placeCode, input.neighbourhoodCode ?? null);
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > 10_000) {
    throw new InputError("expected a whole number of codes from 1 to 10,000", {
      field: "count",
      value: String(input.count),
    });
  }
  const codes = Array.from({ length: input.count }, invitationCode);
  for (const code of codes) {
    await transaction.query(
      `insert into invitations
         (code_hash, board_id, constituency_id, neighbourhood_code, label, created_by)
       values ($1, $2, $3, $4, $5, $6)`,
      [
        hashCode(code),
        board.id,
        constituency.id,
        input.neighbourhoodCode ?? null,
        input.label,
        input.createdBy,
      ],
    );
  }
  return codes;
}

/**
 * Redeems an invitation code: the user becomes a verified participant of the code's board, in
 * its constituency and neighbourhood. A code works once.
 */
export async function redeemInvitation(
  transaction: Queryable,
  input: { userId: number; code: string; ageBand?: string | null },
): Promise<Participant> {
  const [invitation] = await transaction.query<{
    boardId: number;
    constituencyId: number;
    neighbourhoodCode: string | null;
    usedAt: Date | null;
  }>(
    `select board_id as "boardId", constituency_id as "constituencyId",
       neighbourhood_code as "neighbourhoodCode", used_at as "usedAt"
     from invitations where code_hash = $1 for update`,
    [hashCode(normaliseCode(input.code))],
  );
  if (invitation === undefined) {
    throw new InputError("this invitation code does not exist; check it letter by letter", {
      field: "code",
    });
  }
  if (invitation.usedAt !== null) {
    throw new ConflictError("This invitation code has already been used.");
  }
  const board = await getBoard(transaction, invitation.boardId);
  const constituency = board.constituencies.find((c) => c.id === invitation.constituencyId)!;
  const participant = await registerParticipant(transaction, {
    userId: input.userId,
    boardId: board.id,
    constituency: constituency.key,
    neighbourhoodCode: invitation.neighbourhoodCode,
    ageBand: input.ageBand ?? null,
  });
  await transaction.query("update participants set verified_at = now() where id = $1", [
    participant.id,
  ]);
  await transaction.query(
    "update invitations set used_at = now(), used_by = $2 where code_hash = $1",
    [hashCode(normaliseCode(input.code)), participant.id],
  );
  return getParticipant(transaction, participant.id);
}

/** A participant by id. */
export async function getParticipant(database: Queryable, id: number): Promise<Participant> {
  const [row] = await database.query<Participant>(`${selectParticipants} where pa.id = $1`, [id]);
  if (row === undefined) throw new NotFoundError(`There is no participant ${id}.`);
  return row;
}

/** A user's participation in a board, if any. */
export async function participantOf(
  database: Queryable,
  userId: number,
  boardId: number,
): Promise<Participant | undefined> {
  const [row] = await database.query<Participant>(
    `${selectParticipants} where pa.user_id = $1 and pa.board_id = $2`,
    [userId, boardId],
  );
  return row;
}

/** A board's participants, unverified first, for officers. */
export async function listParticipants(
  database: Queryable,
  boardId: number,
): Promise<Participant[]> {
  return database.query<Participant>(
    `${selectParticipants} where pa.board_id = $1 order by pa.verified_at is not null, pa.id`,
    [boardId],
  );
}

const selectParticipants = `select pa.id, pa.user_id as "userId", u.email,
    pa.board_id as "boardId", pa.constituency_id as "constituencyId", c.key as constituency,
    pa.neighbourhood_code as "neighbourhoodCode", pa.age_band as "ageBand",
    pa.verified_at is not null as verified
  from participants pa join users u on u.id = pa.user_id
  join constituencies c on c.id = pa.constituency_id`;

async function checkNeighbourhood(
  database: Queryable,
  placeCode: string,
  neighbourhoodCode: string | null,
): Promise<void> {
  if (neighbourhoodCode === null) return;
  const [row] = await database.query("select 1 from places where code = $1 and parent_code = $2", [
    neighbourhoodCode,
    placeCode,
  ]);
  if (row === undefined) {
    throw new InputError(`expected the code of a neighbourhood of ${placeCode}`, {
      field: "neighbourhoodCode",
      value: neighbourhoodCode,
    });
  }
}

// Codes of 16 letters and digits without look-alikes (no 0, O, 1, I, L), shown in groups of 4.
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

function invitationCode(): string {
  let code = "";
  for (let index = 0; index < 16; index++) {
    code += codeAlphabet[randomInt(codeAlphabet.length)];
    if (index % 4 === 3 && index < 15) code += "-";
  }
  return code;
}

function normaliseCode(code: string): string {
  const bare = code.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return bare.replace(/(.{4})(?=.)/g, "$1-");
}

function hashCode(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}
