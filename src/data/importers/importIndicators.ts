import { InputError } from "../../core/errors.js";
import type { Polarity } from "../../core/vocabulary.js";
import type { CsvReader } from "../readCsv.js";
import { columnIndex } from "../readCsv.js";
import { insertUnnest } from "../../store/copyRows.js";
import { readCode, readOptionalText, readText, type FieldAt } from "./fields.js";
import type { ImportContext, ImporterResult } from "./importContext.js";

/**
 * Imports indicator definitions from a CSV with the header `id,name` and optional `goal`, `unit`,
 * `polarity` (1 higher is better, -1 lower is better, 0 neither), `source` and `licence`.
 */
export async function importIndicators(
  reader: CsvReader,
  context: ImportContext,
): Promise<ImporterResult> {
  const { file } = context;
  const header = reader.header;
  const column = (name: string, required = false): number =>
    columnIndex(header, file, { candidates: [name], required });
  const columns = {
    id: column("id", true),
    name: column("name", true),
    goal: column("goal"),
    unit: column("unit"),
    polarity: column("polarity"),
    source: column("source"),
    licence: column("licence"),
  };
  const values: unknown[][] = [[], [], [], [], [], [], [], []];
  const seen = new Map<string, number>();
  for await (const { line, fields } of reader.rows) {
    const at = (index: number): FieldAt => ({ file, line, field: header[index]! });
    const optional = (index: number): string | null =>
      index < 0 ? null : readOptionalText(fields[index], at(index));
    const id = readCode(fields[columns.id]!, at(columns.id));
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new InputError(`indicator ${id} is already on line ${earlier}`, at(columns.id));
    }
    seen.set(id, line);
    const row = [
      id,
      readText(fields[columns.name]!, at(columns.name)),
      optional(columns.goal),
      optional(columns.unit),
      columns.polarity < 0 ? 1 : readPolarity(fields[columns.polarity]!, at(columns.polarity)),
      optional(columns.source),
      optional(columns.licence),
      context.datasetId,
    ];
    row.forEach((value, index) => values[index]!.push(value));
    context.progress(seen.size);
  }
  if (seen.size === 0)
    throw new InputError("the file has a header but no indicators", { file, line: 2 });
  await insertUnnest(
    context.transaction,
    "indicators",
    [
      { name: "id", type: "text" },
      { name: "name", type: "text" },
      { name: "goal", type: "text" },
      { name: "unit", type: "text" },
      { name: "polarity", type: "int2" },
      { name: "source", type: "text" },
      { name: "licence", type: "text" },
      { name: "dataset_id", type: "int4" },
    ],
    values,
    `on conflict (id) do update set name = excluded.name, goal = excluded.goal,
       unit = excluded.unit, polarity = excluded.polarity, source = excluded.source,
       licence = excluded.licence, dataset_id = excluded.dataset_id`,
  );
  return { rows: seen.size, created: [] };
}

const polarityWords: Record<string, Polarity> = {
  "1": 1,
  "+1": 1,
  higher: 1,
  "higher is better": 1,
  "-1": -1,
  lower: -1,
  "lower is better": -1,
  "0": 0,
  neutral: 0,
  "": 1,
};

/** Reads a polarity: 1, +1 or "higher" (higher is better); -1 or "lower"; 0 or "neutral". */
export function readPolarity(text: string, at: FieldAt): Polarity {
  const polarity = polarityWords[text.trim().toLowerCase()];
  if (polarity === undefined) {
    throw new InputError(
      "expected a polarity: 1 (higher is better), -1 (lower is better) or 0 (neither)",
      { ...at, value: text },
    );
  }
  return polarity;
}
