import type { User } from "../api/auth/users.js";
import { ForbiddenError, InputError, NotFoundError } from "../core/errors.js";
import type { Queryable } from "../store/database.js";
import { decidedStatuses, type Instrument } from "./methods/projectLifecycle.js";

/** The kinds of lender. */
export const lenderKinds = [
  "national development bank",
  "regional bank",
  "local bank",
  "community finance",
] as const;
/** A kind of lender. */
export type LenderKind = (typeof lenderKinds)[number];

/** A lender and its funds, each with what it has committed and where. */
export interface Lender {
  id: string;
  name: string;
  kind: LenderKind;
  fictional: boolean;
  funds: Fund[];
}

/** A fund: its budget and mandate, and the money committed from it to funding decisions. */
export interface Fund {
  id: string;
  lenderId: string;
  name: string;
  budgetPence: number;
  instruments: Instrument[];
  /** The places it may finance; null: any. */
  mandatePlaces: string[] | null;
  /** The sectors (SIC sections or divisions) it may finance; null: any. */
  mandateSectors: string[] | null;
  /** The least share of its money that must go to marginalised places, 0 to 1. */
  minShareMarginalised: number;
  fictional: boolean;
  /** Money committed to projects approved or later, in pence. */
  committedPence: number;
  /** Of which to projects in left-behind places. */
  committedMarginalisedPence: number;
  /** The share of the committed money in left-behind places; null when nothing is committed. */
  shareMarginalised: number | null;
  /** The projects in its pipeline (any status). */
  projects: number;
}

/** The lenders, each with its funds. */
export async function listLenders(database: Queryable): Promise<Lender[]> {
  const lenders = await database.query<Omit<Lender, "funds">>(
    "select id, name, kind, fictional from finance_lenders order by name",
  );
  const funds = await database.query<Omit<Fund, "shareMarginalised">>(
    `select f.id, f.lender_id as "lenderId", f.name, f.budget_pence::float8 as "budgetPence",
       f.instruments, f.mandate_places as "mandatePlaces",
       f.mandate_sectors as "mandateSectors", f.min_share_marginalised as "minShareMarginalised",
       f.fictional,
       coalesce(sum(p.amount_pence) filter (where p.status = any($1::text[])), 0)::float8
         as "committedPence",
       coalesce(sum(p.amount_pence) filter (where p.status = any($1::text[])
         and p.left_behind), 0)::float8 as "committedMarginalisedPence",
       count(p.id)::int as projects
     from finance_funds f left join finance_projects p on p.fund_id = f.id
     group by f.id order by f.name`,
    [[...decidedStatuses]],
  );
  return lenders.map((lender) => ({
    ...lender,
    funds: funds
      .filter((fund) => fund.lenderId === lender.id)
      .map((fund) => ({
        ...fund,
        shareMarginalised:
          fund.committedPence > 0 ? fund.committedMarginalisedPence / fund.committedPence : null,
      })),
  }));
}

/** A lender to add or replace. */
export interface LenderInput {
  id: string;
  name: string;
  kind: LenderKind;
  fictional?: boolean;
}

/** Adds a lender, or replaces the name and kind of one with the same id. */
export async function saveLender(database: Queryable, lender: LenderInput): Promise<void> {
  await database.query(
    `insert into finance_lenders (id, name, kind, fictional) values ($1, $2, $3, $4)
     on conflict (id) do update set name = excluded.name, kind = excluded.kind`,
    [lender.id, lender.name, lender.kind, lender.fictional ?? false],
  );
}

/** A fund to add or replace; money in pence. */
export interface FundInput {
  id: string;
  lenderId: string;
  name: string;
  budgetPence: number;
  instruments: readonly Instrument[];
  mandatePlaces?: readonly string[] | null;
  mandateSectors?: readonly string[] | null;
  minShareMarginalised?: number;
  fictional?: boolean;
}

/**
 * Adds a fund, or replaces one with the same id (of the same lender). Every place of the mandate
 * must be stored; a fund cannot move to another lender.
 */
export async function saveFund(database: Queryable, fund: FundInput): Promise<void> {
  const [lender] = await database.query("select 1 from finance_lenders where id = $1", [
    fund.lenderId,
  ]);
  if (lender === undefined) {
    throw new InputError("no lender has this id", { field: "lenderId", value: fund.lenderId });
  }
  const [existing] = await database.query<{ lenderId: string }>(
    `select lender_id as "lenderId" from finance_funds where id = $1`,
    [fund.id],
  );
  if (existing !== undefined && existing.lenderId !== fund.lenderId) {
    throw new InputError(`the fund belongs to ${existing.lenderId}; it cannot move lender`, {
      field: "lenderId",
      value: fund.lenderId,
    });
  }
  if (fund.mandatePlaces != null && fund.mandatePlaces.length > 0) {
    const known = new Set(
      (
        await database.query<{ code: string }>(
          "select code from places where code = any($1::text[])",
          [[...fund.mandatePlaces]],
        )
      ).map((row) => row.code),
    );
    const unknown = fund.mandatePlaces.find((code) => !known.has(code));
    if (unknown !== undefined) {
      throw new InputError("no stored place has this code", {
        field: "mandatePlaces",
        value: unknown,
      });
    }
  }
  const list = (values: readonly string[] | null | undefined) =>
    values == null || values.length === 0 ? null : [...values];
  await database.query(
    `insert into finance_funds (id, lender_id, name, budget_pence, instruments, mandate_places,
       mandate_sectors, min_share_marginalised, fictional)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (id) do update set name = excluded.name, budget_pence = excluded.budget_pence,
       instruments = excluded.instruments, mandate_places = excluded.mandate_places,
       mandate_sectors = excluded.mandate_sectors,
       min_share_marginalised = excluded.min_share_marginalised`,
    [
      fund.id,
      fund.lenderId,
      fund.name,
      fund.budgetPence,
      [...fund.instruments],
      list(fund.mandatePlaces),
      list(fund.mandateSectors),
      fund.minShareMarginalised ?? 0,
      fund.fictional ?? false,
    ],
  );
}

/** Makes a user (an officer) one of a lender's officers. */
export async function addLenderOfficer(
  database: Queryable,
  lenderId: string,
  email: string,
): Promise<void> {
  const [user] = await database.query<{ id: number; role: string }>(
    "select id, role from users where email = $1",
    [email.trim().toLowerCase()],
  );
  if (user === undefined) throw new NotFoundError(`No user has the e-mail address ${email}.`);
  if (user.role !== "officer") {
    throw new InputError(`expected an officer; this user is ${user.role}`, {
      field: "email",
      value: email,
    });
  }
  const [lender] = await database.query("select 1 from finance_lenders where id = $1", [lenderId]);
  if (lender === undefined) throw new NotFoundError(`No lender has the id ${lenderId}.`);
  await database.query(
    `insert into finance_lender_officers (user_id, lender_id) values ($1, $2)
     on conflict do nothing`,
    [user.id, lenderId],
  );
}

/** The lenders a user works for (all of them for an admin: `"all"`). */
export async function lendersOf(database: Queryable, user: User): Promise<"all" | Set<string>> {
  if (user.role === "admin") return "all";
  if (user.role !== "officer") return new Set();
  return new Set(
    (
      await database.query<{ lender: string }>(
        `select lender_id as lender from finance_lender_officers where user_id = $1`,
        [user.id],
      )
    ).map((row) => row.lender),
  );
}

/**
 * Refuses a user who may not manage a project or loan of this lender: an admin may manage any;
 * an officer only a lender's they work for; a project with no fund (no lender yet) any officer.
 */
export async function assertManages(
  database: Queryable,
  user: User,
  lenderId: string | null,
): Promise<void> {
  const scope = await lendersOf(database, user);
  if (scope === "all") return;
  if (user.role !== "officer") {
    throw new ForbiddenError("Only a lender's officers and admins manage its pipeline and book.");
  }
  if (lenderId === null) return;
  if (!scope.has(lenderId)) {
    throw new ForbiddenError(
      `You are not an officer of ${lenderId}; only its officers manage its projects and loans.`,
    );
  }
}
