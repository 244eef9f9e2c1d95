import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { InputError } from "../core/errors.js";
import { forEachPlainCsvRow, plainLineBreak } from "../data/plainCsv.js";
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
  const reader =
    kind === "ranked" || kind === "approval"
      ? listReader(kind, file)
      : tableReader(kind, file, options.grades ?? defaultGrades);
  // A plain file on disk (no quotes, one kind of line break) is split by hand, several times
  // faster than a CSV parser and with the same result; anything else goes through readCsv.
  const lineBreak = options.source === undefined ? await plainLineBreak(path) : undefined;
  if (lineBreak !== undefined) {
    await forEachPlainCsvRow(path, lineBreak, reader.header, reader.row);
  } else {
    const csv = await readCsv(options.source ?? createReadStream(path), file);
    reader.header(csv.header);
    for await (const row of csv.rows) reader.row(row.fields, row.line);
  }
  return reader.result();
}

interface RowReader {
  header(header: string[]): void;
  row(fields: string[], line: number): void;
  result(): BallotFile;
}

function readCount(text: string, file: string, line: number): number {
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
}

// Ranked and approval files: a count and one field of options. Each way of writing a ballot is
// normalised once; the rows that repeat it only add their count.
function listReader(kind: "ranked" | "approval", file: string): RowReader {
  let countColumn = -1;
  let column = -1;
  let rows = 0;
  const counts = new Map<string, { count: number }>();
  const written = new Map<string, { count: number }>();
  return {
    header(header) {
      countColumn = columnIndex(header, file, { candidates: ["count"] });
      column = columnIndex(header, file, {
        candidates: [kind === "ranked" ? "ranking" : "approved"],
      });
    },
    row(fields, line) {
      rows += 1;
      const count = readCount(fields[countColumn]!, file, line);
      const raw = fields[column]!;
      let entry = written.get(raw);
      if (entry === undefined) {
        const text = raw.trim();
        const key =
          kind === "ranked" ? normaliseRanking(text, file, line) : normaliseApproval(text);
        entry = counts.get(key);
        if (entry === undefined) counts.set(key, (entry = { count: 0 }));
        if (written.size < 1 << 20) written.set(raw, entry);
      }
      entry.count += count;
    },
    result() {
      const named = new Set<string>();
      if (kind === "ranked") {
        const ballots = [...counts].map(([key, { count }]) => {
          const ranking = key === "" ? [] : key.split(">").map((group) => group.split("="));
          for (const group of ranking) for (const option of group) named.add(option);
          return { count, ranking };
        });
        return { ballots: { kind, ballots }, options: sorted(named), rows };
      }
      const ballots = [...counts].map(([key, { count }]) => {
        const approved = key === "" ? [] : key.split(";");
        for (const option of approved) named.add(option);
        return { count, approved };
      });
      return { ballots: { kind, ballots }, options: sorted(named), rows };
    },
  };
}

// Points and grades files: a count, then one column per option.
function tableReader(kind: "points" | "grades", file: string, scale: readonly string[]): RowReader {
  let countColumn = -1;
  let optionColumns: { name: string; index: number }[] = [];
  let rows = 0;
  const gradeIndex = new Map(scale.map((grade, index) => [grade.toLowerCase(), index]));
  const counts = new Map<string, number>();
  const value = (text: string, name: string, line: number): number => {
    if (kind === "points") {
      const points = text === "" ? 0 : Number(text);
      if (!Number.isFinite(points) || points < 0) {
        throw new InputError("expected points, a number 0 or more", {
          file,
          line,
          field: name,
          value: text,
        });
      }
      return points;
    }
    if (text === "") return 0;
    const byName = gradeIndex.get(text.toLowerCase());
    if (byName !== undefined) return byName;
    const grade = Number(text);
    if (!Number.isInteger(grade) || grade < 0 || grade >= scale.length) {
      throw new InputError(
        `expected a grade: ${scale.join(", ")}, or a number from 0 to ${scale.length - 1}`,
        { file, line, field: name, value: text },
      );
    }
    return grade;
  };
  return {
    header(header) {
      countColumn = columnIndex(header, file, { candidates: ["count"] });
      optionColumns = header
        .map((name, index) => ({ name, index }))
        .filter(({ index }) => index !== countColumn);
      if (optionColumns.length === 0) {
        throw new InputError("expected a column for each option after the count", {
          file,
          line: 1,
        });
      }
    },
    row(fields, line) {
      rows += 1;
      const count = readCount(fields[countColumn]!, file, line);
      const key = optionColumns
        .map(({ name, index }) => value(fields[index]!.trim(), name, line))
        .join(",");
      counts.set(key, (counts.get(key) ?? 0) + count);
    },
    result() {
      const names = optionColumns.map(({ name }) => name);
      const entries = [...counts].map(([key, count]) => {
        const values = key.split(",").map(Number);
        return { count, values: Object.fromEntries(names.map((name, i) => [name, values[i]!])) };
      });
      if (kind === "points") {
        return {
          ballots: {
            kind,
            ballots: entries.map(({ count, values }) => ({ count, points: values })),
          },
          options: names,
          rows,
        };
      }
      return {
        ballots: {
          kind,
          ballots: entries.map(({ count, values }) => ({ count, grades: values })),
        },
        options: names,
        rows,
      };
    },
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
