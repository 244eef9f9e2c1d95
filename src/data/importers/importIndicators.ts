import { InputError } from "../../core/errors.js";
import type { Indicator, Polarity } from "../../core/vocabulary.js";
import type { CsvReader } from "../readCsv.js";
import { columnIndex } from "../readCsv.js";
import { upsertIndicators } from "../storeRows.js";
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
  const indicators: Indicator[] = [];
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
    indicators.push({
      id,
      name: readText(fields[columns.name]!, at(columns.name)),
      goal: optional(columns.goal),
      unit: optional(columns.unit),
      polarity:
        columns.polarity < 0 ? 1 : readPolarity(fields[columns.polarity]!, at(columns.polarity)),
      source: optional(columns.source),
      licence: optional(columns.licence),
    });
    context.progress(seen.size);
  }
  if (seen.size === 0)
    throw new InputError("the file has a header but no indicators", { file, line: 2 });
  await upsertIndicators(context.transaction, indicators, context.datasetId);
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
