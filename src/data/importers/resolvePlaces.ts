import type { Queryable } from "../../store/database.js";

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
