import { InputError, PlacefirstError } from "../core/errors.js";
import { formatRows, type OutputFormat } from "../core/formatRows.js";
import { readBallotFile, readCostsFile } from "./ballotFile.js";
import type { TallyMethod } from "./methods/ballots.js";
import { ballotKindOf, runTally } from "./methods/tally.js";

/** Options of `placefirst tally`. */
export interface TallyCommandOptions {
  method: TallyMethod;
  format: OutputFormat;
  budget?: string;
  costs?: string;
  grades?: string;
  tieBreak?: string;
  options?: string;
}

/**
 * `placefirst tally FILE --method M`: counts a ballots CSV and prints the result, in the same
 * form as a consultation publishes it, so a published ballot file can be counted again by anyone.
 */
export async function runTallyCommand(path: string, options: TallyCommandOptions): Promise<void> {
  const kind = ballotKindOf[options.method];
  const grades = options.grades === undefined ? undefined : list(options.grades);
  const file = await readBallotFile(path, kind, grades === undefined ? {} : { grades });
  const costs = options.costs === undefined ? null : await readCostsFile(options.costs);
  let optionIds = options.options === undefined ? file.options : list(options.options);
  if (options.options === undefined && costs !== null) {
    optionIds = [...new Set([...optionIds, ...Object.keys(costs)])].sort((a, b) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
  }
  const budget = options.budget === undefined ? null : Number(options.budget);
  if (budget !== null && !(budget > 0 && Number.isFinite(budget))) {
    throw new InputError("expected a positive budget", {
      field: "--budget",
      value: options.budget,
    });
  }
  const result = runTally(options.method, file.ballots, optionIds, {
    ...(options.tieBreak === undefined ? {} : { tieBreak: list(options.tieBreak) }),
    budget,
    costs,
    grades: grades ?? null,
  });
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const rows = result.ranking.map((option, index) => ({
    place: index + 1,
    option,
    tied: result.ties.some((group) => group.includes(option)) ? "yes" : "",
  }));
  process.stdout.write(
    formatRows(rows, [{ key: "place" }, { key: "option" }, { key: "tied" }], options.format),
  );
  if (options.format === "table") {
    process.stderr.write(
      `${options.method}: ${file.rows} rows read; winner ${result.winner ?? "none"}` +
        (result.ties.length > 0
          ? `; ties broken by the tie-break order: ${result.ties.map((group) => group.join(" = ")).join("; ")}`
          : "") +
        "\n",
    );
  }
}

function list(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** `placefirst weights list`: the stored priority weight sets. */
export async function runWeightsList(options: { format: OutputFormat }): Promise<void> {
  const { withDatabase } = await import("../cli/withDatabase.js");
  const { listWeightSets } = await import("./results.js");
  const sets = await withDatabase("placefirst weights list", listWeightSets);
  const rows = sets.map((set) => ({
    name: set.name,
    version: set.version,
    consultation: set.consultationId,
    weights: Object.entries(set.weights)
      .map(([key, value]) => `${key} ${value.toFixed(3)}`)
      .join(", "),
  }));
  process.stdout.write(
    formatRows(
      rows,
      [{ key: "name" }, { key: "version" }, { key: "consultation" }, { key: "weights" }],
      options.format,
    ),
  );
}

/**
 * `placefirst weights export NAME`: prints a weight set's `{ option: weight }` as JSON, the file
 * `opportunities --weights` and the other commands take.
 */
export async function runWeightsExport(
  name: string,
  options: { version?: string; provenance?: boolean },
): Promise<void> {
  const { withDatabase } = await import("../cli/withDatabase.js");
  const { getWeightSet } = await import("./results.js");
  const version = options.version === undefined ? undefined : Number(options.version);
  if (version !== undefined && !(Number.isInteger(version) && version >= 1)) {
    throw new InputError("expected a version number, 1 or more", {
      field: "--version",
      value: options.version,
    });
  }
  const set = await withDatabase("placefirst weights export", (database) =>
    getWeightSet(database, name, version),
  );
  const output =
    options.provenance === true
      ? { name: set.name, version: set.version, weights: set.weights, provenance: set.provenance }
      : set.weights;
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

/**
 * `placefirst audit`: verifies a consultation's hash-chained audit log, from the store or from a
 * log downloaded from the API (`/api/v1/consultations/{id}/audit`). Exit 1 when it does not
 * verify.
 */
export async function runAuditVerify(
  consultation: string | undefined,
  options: { file?: string; head?: string },
): Promise<void> {
  const { verifyChain } = await import("./methods/auditChain.js");
  let verification;
  if (options.file !== undefined) {
    const { readFile } = await import("node:fs/promises");
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(options.file, "utf8"));
    } catch (error) {
      throw new InputError(`expected a JSON audit log: ${(error as Error).message}`, {
        file: options.file,
      });
    }
    const entries = Array.isArray(parsed)
      ? parsed
      : (parsed as { entries?: unknown } | null)?.entries;
    if (!Array.isArray(entries)) {
      throw new InputError('expected a list of entries, or an object with "entries"', {
        file: options.file,
      });
    }
    verification = verifyChain(
      entries as Parameters<typeof verifyChain>[0],
      options.head === undefined ? {} : { expectedHead: options.head },
    );
  } else {
    const id = Number(consultation);
    if (!Number.isInteger(id) || id < 1) {
      throw new InputError("expected a consultation number, or --file", {
        field: "consultation",
        value: consultation ?? "",
      });
    }
    const { withDatabase } = await import("../cli/withDatabase.js");
    const { verifyAudit } = await import("./audit.js");
    verification = await withDatabase("placefirst audit", (database) => verifyAudit(database, id));
  }
  if (verification.ok) {
    process.stdout.write(
      `The audit log verifies: ${verification.entries} entries, head ${verification.head}.\n`,
    );
    return;
  }
  throw new PlacefirstError(
    `the audit log does NOT verify, at entry ${verification.sequence}: ${verification.problem}`,
  );
}
