import { InputError } from "../../core/errors.js";
import type { CompiledRelease, OcdsRelease } from "./types.js";

/**
 * The merge rules that depend on the release schema rather than on the data. Paths are the
 * field names from the top of the release joined by dots, with array positions left out
 * (`parties.roles` is the `roles` of every party).
 */
export interface MergeRules {
  /** Fields dropped when merging (`"omitWhenMerged": true` in the schema). */
  omitWhenMerged: ReadonlySet<string>;
  /**
   * Arrays replaced whole by each release that has them, even when empty, rather than merged item
   * by item (`"wholeListMerge": true`, or arrays of strings or of objects without an `id`).
   */
  wholeListMerge: ReadonlySet<string>;
}

/**
 * The merge rules of the OCDS 1.1.5 release schema (open-contracting/standard, schema/
 * release-schema.json at 1.1.5), found by dereferencing it as ocds-merge's `get_merge_rules` does:
 * `omitWhenMerged` on `id`, `date` and `tag`; `wholeListMerge` set explicitly on the
 * `additionalIdentifiers` and `additionalClassifications` arrays; arrays whose items are strings;
 * and arrays of objects whose schema has no `id` (amendments' `changes`).
 *
 * Arrays of strings are replaced whole whatever the rules say; listing them here matters for an
 * empty array only, which then replaces the earlier list instead of being ignored.
 */
export const ocdsMergeRules: MergeRules = {
  omitWhenMerged: new Set(["id", "date", "tag"]),
  wholeListMerge: new Set([
    // "wholeListMerge": true in the schema.
    "awards.items.additionalClassifications",
    "awards.suppliers.additionalIdentifiers",
    "buyer.additionalIdentifiers",
    "contracts.implementation.transactions.payee.additionalIdentifiers",
    "contracts.implementation.transactions.payer.additionalIdentifiers",
    "contracts.items.additionalClassifications",
    "parties.additionalIdentifiers",
    "tender.items.additionalClassifications",
    "tender.procuringEntity.additionalIdentifiers",
    "tender.tenderers.additionalIdentifiers",
    // Arrays of strings.
    "contracts.relatedProcesses.relationship",
    "parties.roles",
    "relatedProcesses.relationship",
    "tender.additionalProcurementCategories",
    "tender.submissionMethod",
    // Arrays of objects whose schema has no `id`.
    "awards.amendment.changes",
    "awards.amendments.changes",
    "contracts.amendment.changes",
    "contracts.amendments.changes",
    "tender.amendment.changes",
    "tender.amendments.changes",
  ]),
};

/** Options of {@link compileReleases}. */
export interface CompileOptions {
  /**
   * The schema's merge rules. Default: {@link ocdsMergeRules} (OCDS 1.1.5). Add the paths of an
   * extension's `wholeListMerge` arrays to compile data that uses one.
   */
  mergeRules?: MergeRules;
}

type JsonObject = { [field: string]: unknown };

/**
 * Compiles the releases of one contracting process into its compiled release, following the OCDS
 * 1.1 merge routine (https://standard.open-contracting.org/1.1/en/schema/merging/):
 *
 * - releases are taken in order of `date` (the instant, so "-06:00" and "Z" compare correctly;
 *   releases at the same instant keep their given order);
 * - a later value replaces an earlier one; objects merge field by field; `null` removes the field;
 *   an empty object changes nothing;
 * - arrays of objects that all have an `id` merge item by item on `id` (compared by value and
 *   type, so `1` and `"1"` differ, as in ocds-merge); an empty such array changes nothing;
 * - arrays of strings or numbers, arrays the schema marks `wholeListMerge`, and arrays of objects
 *   some of which lack an `id` replace the earlier array whole;
 * - the releases' own `id`, `date` and `tag` are dropped; the result has `tag: ["compiled"]`,
 *   the latest release's `date`, and `id` `${ocid}-${date}` as ocds-merge and ocdskit write it.
 *
 * Two choices differ from ocds-merge, where the specification is silent or the reference
 * implementation departs from it. An array of objects without `id` (1.0-era `suppliers`) replaces
 * the earlier array, where ocds-merge appends its objects again with each release and so repeats
 * them. And `null` removes a field that held an object, as the specification says, where
 * ocds-merge keeps the object.
 *
 * Throws an {@link InputError} for an empty list, releases of more than one `ocid`, or a release
 * without a valid `date`; use {@link groupByOcid} first for mixed releases.
 */
export function compileReleases(
  releases: readonly OcdsRelease[],
  options: CompileOptions = {},
): CompiledRelease {
  const rules = options.mergeRules ?? ocdsMergeRules;
  const first = releases[0];
  if (first === undefined) throw new InputError("there are no releases to compile");
  const ocid = first.ocid;
  const dated = releases.map((release) => {
    if (release.ocid !== ocid) {
      throw new InputError(
        `releases of more than one contracting process ("${ocid}" and "${String(release.ocid)}"); group them by ocid first`,
        { field: "ocid", value: String(release.ocid) },
      );
    }
    const time = typeof release.date === "string" ? Date.parse(release.date) : Number.NaN;
    if (Number.isNaN(time)) {
      throw new InputError(`release "${String(release.id)}" of ${ocid} has no valid date`, {
        field: "date",
        value: String(release.date),
      });
    }
    return { release, time };
  });
  // Array.prototype.sort is stable (ES2019), so releases of the same instant keep their order.
  dated.sort((a, b) => a.time - b.time);

  const latestDate = dated[dated.length - 1]!.release.date;
  const compiled: JsonObject = { tag: ["compiled"], id: `${ocid}-${latestDate}`, date: latestDate };
  for (const { release } of dated) mergeObject(compiled, release, "", rules);
  // The release's `ocid` merges as an ordinary field; set it last so that no `null` can remove it.
  compiled.ocid = ocid;
  return compiled as CompiledRelease;
}

/**
 * Groups releases by `ocid`, keeping the order in which they were given within each group and the
 * order in which each `ocid` first appears. Holds every release in memory: for a large file, group
 * in the store instead.
 */
export function groupByOcid<Release extends { ocid: string }>(
  releases: Iterable<Release>,
): Map<string, Release[]> {
  const groups = new Map<string, Release[]>();
  for (const release of releases) {
    const group = groups.get(release.ocid);
    if (group === undefined) groups.set(release.ocid, [release]);
    else group.push(release);
  }
  return groups;
}

function mergeObject(output: JsonObject, input: JsonObject, path: string, rules: MergeRules): void {
  for (const [field, value] of Object.entries(input)) {
    const fieldPath = path === "" ? field : `${path}.${field}`;
    if (rules.omitWhenMerged.has(fieldPath)) continue;
    if (value === null) {
      delete output[field];
      continue;
    }
    const merged = mergeValue(output[field], value, fieldPath, rules);
    if (merged !== undefined) output[field] = merged;
  }
}

/** The merged value of a field, or undefined to leave the output as it is. */
function mergeValue(existing: unknown, input: unknown, path: string, rules: MergeRules): unknown {
  if (isObject(input)) {
    // "If the object is empty in input, do nothing": an empty object neither adds nor clears.
    if (Object.keys(input).length === 0) return undefined;
    const target = isObject(existing) ? existing : {};
    mergeObject(target, input, path, rules);
    return target;
  }
  if (!Array.isArray(input)) return input;
  if (rules.wholeListMerge.has(path) || !input.every(isObject)) return cloneJson(input);
  // An empty array of objects is an identifier merge with nothing to merge.
  if (input.length === 0) return undefined;
  if (!input.every((item) => item.id !== undefined && item.id !== null)) {
    return input.map((item) => {
      const copy: JsonObject = {};
      mergeObject(copy, item, path, rules);
      return copy;
    });
  }
  const target: JsonObject[] = Array.isArray(existing) && existing.every(isObject) ? existing : [];
  const byId = new Map<unknown, JsonObject>();
  for (const item of target) if (!byId.has(item.id)) byId.set(item.id, item);
  for (const item of input) {
    let match = byId.get(item.id);
    if (match === undefined) {
      match = {};
      target.push(match);
      byId.set(item.id, match);
    }
    mergeObject(match, item, path, rules);
  }
  return target;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (isObject(value)) {
    const copy: JsonObject = {};
    for (const [field, item] of Object.entries(value)) copy[field] = cloneJson(item);
    return copy as T;
  }
  return value;
}
