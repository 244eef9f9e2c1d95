import { InputError, NotFoundError } from "../core/errors.js";
import type { Queryable } from "../store/database.js";
import { sharedNeeds, type SharedNeed, type SharedNeedPost } from "./methods/sharedServices.js";

/** The longest note a supplier may write beside a need, in characters. */
export const sharedNeedNoteLength = 300;

/** A need posted by a supplier of the register, with where the supplier is. */
export interface StoredSharedNeedPost extends SharedNeedPost {
  /** The supplier's name in the register. */
  name: string;
  /** The name of the supplier's place (`place` is its code). */
  placeName: string;
  /** What the supplier wrote beside the need, or null. */
  note: string | null;
  /** When the need was first posted. */
  createdAt: Date;
  /** Whether the supplier is one of the fictional demo's. */
  fictional: boolean;
}

/** True when a text is one of the needs suppliers can post. */
export function isSharedNeed(text: unknown): text is SharedNeed {
  return typeof text === "string" && (sharedNeeds as readonly string[]).includes(text);
}

/**
 * Posts a supplier's need to share a service, or, when the supplier has already posted that need,
 * replaces its note: a supplier holds each need at most once.
 *
 * @param supplierId the supplier's id in the register.
 * @param need one of {@link sharedNeeds}.
 * @param note what the supplier adds, up to {@link sharedNeedNoteLength} characters; blank or
 *   undefined for none.
 * @returns "posted" for a new need, "updated" when the need was already posted.
 * @throws InputError for an unknown need or a note too long; NotFoundError for an unknown
 *   supplier.
 */
export async function postSharedNeed(
  database: Queryable,
  supplierId: string,
  need: string,
  note?: string | null,
): Promise<"posted" | "updated"> {
  if (!isSharedNeed(need)) {
    throw new InputError(`expected a need, one of ${sharedNeeds.join(", ")}`, {
      field: "need",
      value: String(need),
    });
  }
  const text = (note ?? "").trim();
  if (text.length > sharedNeedNoteLength) {
    throw new InputError(`the note must have at most ${sharedNeedNoteLength} characters`, {
      field: "note",
    });
  }
  const [supplier] = await database.query("select 1 from procurement_suppliers where id = $1", [
    supplierId,
  ]);
  if (supplier === undefined) {
    throw new NotFoundError(`No supplier of the register has the id ${supplierId}.`);
  }
  // xmax is 0 only on a row this statement inserted; an updated row carries this transaction's id.
  const [row] = await database.query<{ inserted: boolean }>(
    `insert into procurement_shared_needs (supplier_id, need, note) values ($1, $2, $3)
     on conflict (supplier_id, need) do update set note = excluded.note
     returning (xmax = 0) as inserted`,
    [supplierId, need, text === "" ? null : text],
  );
  return row?.inserted === true ? "posted" : "updated";
}

/**
 * Withdraws a supplier's need. Withdrawing a need that is not posted does nothing.
 *
 * @returns true when a posted need was withdrawn.
 */
export async function withdrawSharedNeed(
  database: Queryable,
  supplierId: string,
  need: string,
): Promise<boolean> {
  const rows = await database.query(
    "delete from procurement_shared_needs where supplier_id = $1 and need = $2 returning id",
    [supplierId, need],
  );
  return rows.length > 0;
}

/**
 * Every posted need with the supplier's name, place and coordinates, ready for
 * `sharedServices`: by need (in the order of {@link sharedNeeds}), then supplier id. A supplier
 * with only one of latitude and longitude is given neither, as the method needs both.
 */
export async function listSharedNeedPosts(database: Queryable): Promise<StoredSharedNeedPost[]> {
  const rows = await database.query<{
    supplierId: string;
    need: SharedNeed;
    note: string | null;
    createdAt: Date | string;
    name: string;
    place: string;
    placeName: string;
    lat: number | null;
    lon: number | null;
    fictional: boolean;
  }>(
    `select n.supplier_id as "supplierId", n.need, n.note, n.created_at as "createdAt",
       s.name, s.place_code as place, p.name as "placeName",
       case when s.longitude is not null then s.latitude end as lat,
       case when s.latitude is not null then s.longitude end as lon, s.fictional
     from procurement_shared_needs n
     join procurement_suppliers s on s.id = n.supplier_id
     join places p on p.code = s.place_code
     order by array_position($1::text[], n.need), n.supplier_id`,
    [[...sharedNeeds]],
  );
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}
