import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { InputError } from "../core/errors.js";
import { columnIndex, readCsv } from "../data/readCsv.js";
import { defaultGrades } from "./methods/majorityJudgement.js";
import type { AnyBallots } from "./methods/tally.js";

/** Ballots read from a file, aggregated, with the options they name. */
export interface BallotFile {
  ballots: AnyBallots;
  /** The options: the file's columns for points and scores, else every option named, sorted. */
  options: string[];
  /** Data rows read. */
  rows: number;
}

/**
 * Reads a ballots CSV in the format the `tally` command documents, adding up identical ballots
 * as it goes (a million ballots become as many entries as there are distinct ballots):
 *
 * - ranked: `count,ranking`, the ranking `A>C>B=D` (`>` between ranks, `=` within one);
 * - approval: `count,approved`, the options approved separated by `;`;
 * - points: `count,<option>...`, the points each option gets;
 * - grades: `count,<option>...`, each option's grade, by name (from the scale) or by number
 *   (0 the worst).
 *
 * @throws InputError naming the file, line and column of the first bad row.
 */
export async function readBallotFile(
  path: string,
  kind: AnyBallots["kind"],
  options: { grades?: readonly string[]; source?: Readable } = {},
): Promise<BallotFile> {
  const file = path;
  const reader = await readCsv(options.source ?? createReadStream(path), file);
  const countColumn = columnIndex(reader.header, file, { candidates: ["count"] });
  const readCount = (text: string, line: number): number => {
    const count = Number(text.trim());
    if (text.trim() === "" || !(count > 0) || !Number.isFinite(count)) {
      throw new InputError("expected a positive number of ballots", {
        file,
        line,
        field: "count",
        value: text,
      });
    }
    return count;
  };
  let rows = 0;
  if (kind === "ranked" || kind === "approval") {
    const column = columnIndex(reader.header, file, {
      candidates: [kind === "ranked" ? "ranking" : "approved"],
    });
    const counts = new Map<string, number>();
    const named = new Set<string>();
    for await (const row of reader.rows) {
      rows += 1;
      const count = readCount(row.fields[countColumn]!, row.line);
      const text = row.fields[column]!.trim();
      const key =
        kind === "ranked" ? normaliseRanking(text, file, row.line) : normaliseApproval(text);
      counts.set(key, (counts.get(key) ?? 0) + count);
    }
    if (kind === "ranked") {
      const ballots = [...counts].map(([key, count]) => {
        const ranking = key === "" ? [] : key.split(">").map((group) => group.split("="));
        for (const group of ranking) for (const option of group) named.add(option);
        return { count, ranking };
      });
      return { ballots: { kind, ballots }, options: sorted(named), rows };
    }
    const ballots = [...counts].map(([key, count]) => {
      const approved = key === "" ? [] : key.split(";");
      for (const option of approved) named.add(option);
      return { count, approved };
    });
    return { ballots: { kind, ballots }, options: sorted(named), rows };
  }
  // Points and grades: one column per option after the count.
  const optionColumns = reader.header
    .map((name, index) => ({ name, index }))
    .filter(({ index }) => index !== countColumn);
  if (optionColumns.length === 0) {
    throw new InputError("expected a column for each option after the count", { file, line: 1 });
  }
  const scale = options.grades ?? defaultGrades;
  const gradeIndex = new Map(scale.map((grade, index) => [grade.toLowerCase(), index]));
  const counts = new Map<string, number>();
  for await (const row of reader.rows) {
    rows += 1;
    const count = readCount(row.fields[countColumn]!, row.line);
    const values = optionColumns.map(({ name, index }) => {
      const text = row.fields[index]!.trim();
      if (kind === "points") {
        const value = text === "" ? 0 : Number(text);
        if (!Number.isFinite(value) || value < 0) {
          throw new InputError("expected points, a number 0 or more", {
            file,
            line: row.line,
            field: name,
            value: text,
          });
        }
        return value;
      }
      if (text === "") return 0;
      const byName = gradeIndex.get(text.toLowerCase());
      if (byName !== undefined) return byName;
      const value = Number(text);
      if (!Number.isInteger(value) || value < 0 || value >= scale.length) {
        throw new InputError(
          `expected a grade: ${scale.join(", ")}, or a number from 0 to ${scale.length - 1}`,
          { file, line: row.line, field: name, value: text },
        );
      }
      return value;
    });
    const key = values.join(",");
    counts.set(key, (counts.get(key) ?? 0) + count);
  }
  const names = optionColumns.map(({ name }) => name);
  const entries = [...counts].map(([key, count]) => {
    const values = key.split(",").map(Number);
    return { count, values: Object.fromEntries(names.map((name, i) => [name, values[i]!])) };
  });
  if (kind === "points") {
    return {
      ballots: { kind, ballots: entries.map(({ count, values }) => ({ count, points: values })) },
      options: names,
      rows,
    };
  }
  return {
    ballots: { kind, ballots: entries.map(({ count, values }) => ({ count, grades: values })) },
    options: names,
    rows,
  };
}

/** Reads a costs CSV: a header, then `project,cost` rows. */
export async function readCostsFile(path: string): Promise<Record<string, number>> {
  const reader = await readCsv(createReadStream(path), path);
  if (reader.header.length < 2) {
    throw new InputError("expected two columns: the project and its cost", { file: path, line: 1 });
  }
  const costs: Record<string, number> = {};
  for await (const row of reader.rows) {
    const project = row.fields[0]!.trim();
    const cost = Number(row.fields[1]!.trim());
    if (project === "") {
      throw new InputError("expected a project", {
        file: path,
        line: row.line,
        field: reader.header[0]!,
      });
    }
    if (!(cost > 0) || !Number.isFinite(cost)) {
      throw new InputError("expected a positive cost", {
        file: path,
        line: row.line,
        field: reader.header[1]!,
        value: row.fields[1]!,
      });
    }
    if (costs[project] !== undefined) {
      throw new InputError("each project once", { file: path, line: row.line, value: project });
    }
    costs[project] = cost;
  }
  return costs;
}

// A ranking as a canonical key: spaces removed, options within one rank sorted, so the same
// preferences written differently add up together.
function normaliseRanking(text: string, file: string, line: number): string {
  if (text === "") return "";
  const seen = new Set<string>();
  return text
    .split(">")
    .map((group) => {
      const options = group
        .split("=")
        .map((option) => option.trim())
        .filter((option) => option !== "");
      if (options.length === 0) {
        throw new InputError("expected options between each > (such as A>C>B=D)", {
          file,
          line,
          field: "ranking",
          value: text,
        });
      }
      for (const option of options) {
        if (seen.has(option)) {
          throw new InputError(`option "${option}" is ranked twice`, {
            file,
            line,
            field: "ranking",
            value: text,
          });
        }
        seen.add(option);
      }
      return sorted(options).join("=");
    })
    .join(">");
}

function normaliseApproval(text: string): string {
  const options = text
    .split(";")
    .map((option) => option.trim())
    .filter((option) => option !== "");
  return sorted([...new Set(options)]).join(";");
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
