import { InputError } from "../../core/errors.js";
import type { Queryable } from "../../store/database.js";
import type { FieldAt } from "./fields.js";

/** Looks up place codes, and (where asked) unique place names, against the store. */
export interface PlaceResolver {
  /** The code of the place written as `text` (a code, or a unique name), or undefined. */
  resolve(text: string): string | undefined;
  /** Why `text` resolves to no place, for the message. */
  explain(text: string): string;
}

/**
 * Loads every place code (and, when `matchNames` is set, every name that belongs to exactly one
 * place, compared case-insensitively) so that rows can be checked without a query each.
 */
export async function loadPlaceResolver(
  transaction: Queryable,
  matchNames: boolean,
): Promise<PlaceResolver> {
  const rows = await transaction.query<{ code: string; name: string }>(
    "select code, name from places",
  );
  const codes = new Set(rows.map((row) => row.code));
  const byName = new Map<string, string | null>();
  if (matchNames) {
    for (const row of rows) {
      const key = row.name.trim().toLowerCase();
      // A name shared by two places is ambiguous and is not used.
      byName.set(key, byName.has(key) ? null : row.code);
    }
  }
  return {
    resolve(text) {
      const trimmed = text.trim();
      if (codes.has(trimmed)) return trimmed;
      return byName.get(trimmed.toLowerCase()) ?? undefined;
    },
    explain(text) {
      if (byName.get(text.trim().toLowerCase()) === null) {
        return "this name belongs to more than one stored place; use the place's code";
      }
      return "unknown place; import it first with `placefirst import places`, or pass --skip-unknown-places";
    },
  };
}

/** The warning for rows skipped with `--skip-unknown-places`, naming a few of the places. */
export function skippedPlacesWarning(skipped: ReadonlySet<string>): string {
  const shown = [...skipped].slice(0, 5).map((text) => (text === "" ? "(empty)" : text));
  const more = skipped.size > 5 ? ", …" : "";
  return `Rows for ${skipped.size} place${skipped.size === 1 ? "" : "s"} not stored were skipped: ${shown.join(", ")}${more}.`;
}

/** The places of an import's rows, with the rows skipped for unknown places counted. */
export interface RowPlaces {
  /**
   * The code of the row's place; undefined when the row is to be skipped (an unknown place with
   * `skipUnknownPlaces`). Throws an {@link InputError} at the field for an unknown place otherwise.
   */
  resolve(text: string, at: FieldAt): string | undefined;
  /** The warning about the places skipped, if any were. */
  warning(): string | undefined;
}

/** Resolves the place of each row of an import against the stored places. */
export function rowPlaces(places: PlaceResolver, skipUnknownPlaces: boolean): RowPlaces {
  const skipped = new Set<string>();
  return {
    resolve(text, at) {
      const code = places.resolve(text);
      if (code !== undefined) return code;
      if (!skipUnknownPlaces) throw new InputError(places.explain(text), { ...at, value: text });
      skipped.add(text.trim());
      return undefined;
    },
    warning: () => (skipped.size === 0 ? undefined : skippedPlacesWarning(skipped)),
  };
}
