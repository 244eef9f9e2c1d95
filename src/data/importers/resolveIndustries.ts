import type { Queryable } from "../../store/database.js";

/** Looks up industries by SIC code, by nomis label ("01 : Crop and animal…") or by name. */
export interface IndustryResolver {
  /** The industry code for `text`, or undefined when nothing matches. */
  resolve(text: string): string | undefined;
}

/**
 * Loads the industries in the store and returns a resolver that accepts the forms industries come
 * in from ONS and nomis: a code ("C", "01", "62.01"), a nomis label ("C : Manufacturing"), a
 * section with its division range ("C (10-33)") or an exact name (case-insensitive).
 */
export async function loadIndustryResolver(transaction: Queryable): Promise<IndustryResolver> {
  // Sections first: where a section and a division share a name ("Education" is section P and
  // division 85), the name means the broader section.
  const rows = await transaction.query<{ code: string; name: string }>(
    `select code, name from industries
     order by array_position(array['section','division','group','class','subclass','custom'], level), code`,
  );
  const codes = new Set(rows.map((row) => row.code));
  const byName = new Map<string, string>();
  for (const row of rows) {
    const key = normaliseName(row.name);
    if (!byName.has(key)) byName.set(key, row.code);
  }
  const cache = new Map<string, string | undefined>();
  return {
    resolve(text) {
      const cached = cache.get(text);
      if (cached !== undefined || cache.has(text)) return cached;
      const found = resolveOnce(text.trim(), codes, byName);
      cache.set(text, found);
      return found;
    },
  };
}

function resolveOnce(
  text: string,
  codes: ReadonlySet<string>,
  byName: ReadonlyMap<string, string>,
): string | undefined {
  if (codes.has(text)) return text;
  // nomis labels put the code before a colon: "01 : Crop and animal production".
  const labelled = /^([A-Z]|\d{2}(?:\.?\d{1,3})?)\s*:\s*(.+)$/.exec(text);
  if (labelled !== null) {
    if (codes.has(labelled[1]!)) return labelled[1];
    const named = byName.get(normaliseName(labelled[2]!));
    if (named) return named;
  }
  // ONS regional accounts write a section with its division range: "C (10-33)".
  const ranged = /^([A-U])\s*\(\d+(?:-\d+)?\)$/.exec(text);
  if (ranged !== null && codes.has(ranged[1]!)) return ranged[1];
  return byName.get(normaliseName(text)) ?? undefined;
}

/**
 * A name reduced to what tells industries apart: lower case, single spaces, no space around
 * punctuation, and "n.e.c." (not elsewhere classified) written as ONS's census tables write it.
 */
function normaliseName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/\bn\.e\.c\.?/g, "not otherwise specified")
    .replace(/\s*([;,:])\s*/g, "$1 ")
    .replace(/\s+/g, " ")
    .trim();
}
