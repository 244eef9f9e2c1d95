import { ConflictError, InputError, NotFoundError } from "../core/errors.js";
import { getPlace } from "../data/service.js";
import type { Queryable } from "../store/database.js";
import type { ConstituencyWeightRule } from "./methods/representation.js";

/** A constituency of a board: who its seats and votes stand for. */
export interface Constituency {
  id: number;
  key: string;
  name: string;
  seats: number;
  /** The people it stands for (residents, employees, members), where known. */
  population: number | null;
}

/** A local strategy board for a place. */
export interface Board {
  id: number;
  placeCode: string;
  placeName: string;
  name: string;
  /** How the constituencies' votes are combined in results. */
  combination: ConstituencyWeightRule;
  constituencies: Constituency[];
  /** The members who sit on the board, each for a constituency. */
  members: BoardMember[];
}

/** A member of a board: a user who holds a seat for a constituency. */
export interface BoardMember {
  userId: number;
  email: string;
  constituency: string;
  role: "chair" | "member";
}

/** The constituencies a board has unless it is given others. */
export const defaultConstituencies: readonly Omit<Constituency, "id" | "population">[] = [
  { key: "residents", name: "Residents", seats: 4 },
  { key: "young-people", name: "Young people", seats: 2 },
  { key: "councillors", name: "Councillors", seats: 3 },
  { key: "employers", name: "Employers", seats: 2 },
  { key: "trade-unions", name: "Trade unions", seats: 2 },
  { key: "third-sector", name: "Third sector", seats: 2 },
];

/** What it takes to set up a board. */
export interface NewBoard {
  placeCode: string;
  name: string;
  combination: ConstituencyWeightRule;
  constituencies?: readonly {
    key: string;
    name: string;
    seats?: number;
    population?: number | null;
  }[];
}

/** Sets up a board with its constituencies (the default six unless given). */
export async function createBoard(transaction: Queryable, input: NewBoard): Promise<Board> {
  await getPlace(transaction, input.placeCode);
  const constituencies = input.constituencies ?? defaultConstituencies;
  if (constituencies.length === 0) {
    throw new InputError("a board needs at least one constituency", { field: "constituencies" });
  }
  const keys = new Set<string>();
  for (const constituency of constituencies) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(constituency.key)) {
      throw new InputError("expected a key of lower-case letters, digits and hyphens", {
        field: "constituencies.key",
        value: constituency.key,
      });
    }
    if (keys.has(constituency.key)) {
      throw new InputError("each constituency needs its own key", {
        field: "constituencies.key",
        value: constituency.key,
      });
    }
    keys.add(constituency.key);
  }
  const [board] = await transaction.query<{ id: number }>(
    "insert into boards (place_code, name, combination) values ($1, $2, $3) returning id",
    [input.placeCode, input.name, input.combination],
  );
  for (const constituency of constituencies) {
    await transaction.query(
      `insert into constituencies (board_id, key, name, seats, population)
       values ($1, $2, $3, $4, $5)`,
      [
        board!.id,
        constituency.key,
        constituency.name,
        constituency.seats ?? 0,
        "population" in constituency ? (constituency.population ?? null) : null,
      ],
    );
  }
  return getBoard(transaction, board!.id);
}

/** A board with its constituencies. */
export async function getBoard(database: Queryable, id: number): Promise<Board> {
  const [board] = await database.query<Omit<Board, "constituencies" | "members">>(
    `select b.id, b.place_code as "placeCode", p.name as "placeName", b.name, b.combination
     from boards b join places p on p.code = b.place_code where b.id = $1`,
    [id],
  );
  if (board === undefined) throw new NotFoundError(`There is no board ${id}.`);
  const constituencies = await database.query<Constituency>(
    `select id, key, name, seats, population from constituencies
     where board_id = $1 order by id`,
    [id],
  );
  const members = await database.query<BoardMember>(
    `select m.user_id as "userId", u.email, c.key as constituency, m.role
     from board_members m join users u on u.id = m.user_id
     join constituencies c on c.id = m.constituency_id
     where m.board_id = $1 order by m.role, u.email`,
    [id],
  );
  return { ...board, constituencies, members };
}

/**
 * Seats a user on a board for a constituency, as its chair or a member, or changes their seat.
 * A constituency's seats are not exceeded, and a board has one chair.
 */
export async function seatMember(
  transaction: Queryable,
  input: { boardId: number; email: string; constituency: string; role: "chair" | "member" },
): Promise<Board> {
  const board = await getBoard(transaction, input.boardId);
  const constituency = constituencyByKey(board, input.constituency);
  const [user] = await transaction.query<{ id: number; role: string }>(
    "select id, role from users where email = $1",
    [input.email.trim().toLowerCase()],
  );
  if (user === undefined) {
    throw new InputError("no user has this email; add the user first", {
      field: "email",
      value: input.email,
    });
  }
  const others = board.members.filter((member) => member.userId !== user.id);
  const taken = others.filter((member) => member.constituency === constituency.key).length;
  if (constituency.seats > 0 && taken >= constituency.seats) {
    throw new ConflictError(
      `${constituency.name} has ${constituency.seats} seats and all are taken.`,
    );
  }
  if (input.role === "chair" && others.some((member) => member.role === "chair")) {
    throw new ConflictError("The board has a chair already.");
  }
  await transaction.query(
    `insert into board_members (board_id, user_id, constituency_id, role) values ($1, $2, $3, $4)
     on conflict (board_id, user_id) do update
       set constituency_id = excluded.constituency_id, role = excluded.role`,
    [board.id, user.id, constituency.id, input.role],
  );
  return getBoard(transaction, board.id);
}

/** Every board, by place and name. */
export async function listBoards(database: Queryable): Promise<Board[]> {
  const rows = await database.query<{ id: number }>(
    `select b.id from boards b join places p on p.code = b.place_code order by p.name, b.name`,
  );
  return Promise.all(rows.map((row) => getBoard(database, row.id)));
}

/** The constituency of a board with the given key. */
export function constituencyByKey(board: Board, key: string): Constituency {
  const constituency = board.constituencies.find((candidate) => candidate.key === key);
  if (constituency === undefined) {
    throw new InputError(
      `expected one of the board's constituencies: ${board.constituencies
        .map((candidate) => candidate.key)
        .join(", ")}`,
      { field: "constituency", value: key },
    );
  }
  return constituency;
}
