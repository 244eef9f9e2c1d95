import { InputError } from "../../core/errors.js";
import { placeKinds, type PlaceKind } from "../../core/vocabulary.js";
import type { CsvReader } from "../readCsv.js";
import { columnIndex, parseStatistic } from "../readCsv.js";
import { insertUnnest } from "../../store/copyRows.js";
import { readChoice, readCode, readText } from "./fields.js";
import type { ImportContext, ImporterResult } from "./importContext.js";

/**
 * Imports places from a CSV with the header `code,name,kind,parent` and optional `population`.
 * A parent may be another row of the same file or a place already stored. Existing places with
 * the same code are updated.
 */
export async function importPlaces(
  reader: CsvReader,
  context: ImportContext,
): Promise<ImporterResult> {
  const { file } = context;
  const header = reader.header;
  const columns = {
    code: columnIndex(header, file, { candidates: ["code"] }),
    name: columnIndex(header, file, { candidates: ["name"] }),
    kind: columnIndex(header, file, { candidates: ["kind"] }),
    parent: columnIndex(header, file, { candidates: ["parent"], required: false }),
    population: columnIndex(header, file, { candidates: ["population"], required: false }),
  };
  const codes: string[] = [];
  const names: string[] = [];
  const kinds: PlaceKind[] = [];
  const parents: (string | null)[] = [];
  const populations: (number | null)[] = [];
  const lineOf = new Map<string, number>();

  for await (const { line, fields } of reader.rows) {
    const at = (field: string): { file: string; line: number; field: string } => ({
      file,
      line,
      field,
    });
    const code = readCode(fields[columns.code]!, at(header[columns.code]!));
    const earlier = lineOf.get(code);
    if (earlier !== undefined) {
      throw new InputError(
        `place ${code} is already on line ${earlier}`,
        at(header[columns.code]!),
      );
    }
    lineOf.set(code, line);
    const parentText = columns.parent >= 0 ? fields[columns.parent]!.trim() : "";
    const parent = parentText === "" ? null : readCode(parentText, at(header[columns.parent]!));
    if (parent === code) {
      throw new InputError("a place cannot be its own parent", {
        ...at(header[columns.parent]!),
        value: parentText,
      });
    }
    codes.push(code);
    names.push(readText(fields[columns.name]!, at(header[columns.name]!)));
    kinds.push(readChoice(fields[columns.kind]!, placeKinds, at(header[columns.kind]!)));
    parents.push(parent);
    populations.push(
      columns.population >= 0
        ? readPopulation(fields[columns.population]!, at(header[columns.population]!))
        : null,
    );
    context.progress(codes.length);
  }
  if (codes.length === 0) {
    throw new InputError("the file has a header but no places", { file, line: 2 });
  }

  // Every parent must be in this file or already stored; say which line names a missing one.
  const stored = new Set(
    (await context.transaction.query<{ code: string }>("select code from places")).map(
      (row) => row.code,
    ),
  );
  for (let index = 0; index < codes.length; index++) {
    const parent = parents[index];
    if (parent !== null && parent !== undefined && !lineOf.has(parent) && !stored.has(parent)) {
      throw new InputError(
        `parent ${parent} is neither in this file nor among the stored places; import the parent first or add it to the file`,
        { file, line: lineOf.get(codes[index]!)!, field: header[columns.parent]! },
      );
    }
  }

  await insertUnnest(
    context.transaction,
    "places",
    [
      { name: "code", type: "text" },
      { name: "name", type: "text" },
      { name: "kind", type: "text" },
      { name: "parent_code", type: "text" },
      { name: "population", type: "int8" },
      { name: "dataset_id", type: "int4" },
    ],
    [codes, names, kinds, parents, populations, codes.map(() => context.datasetId)],
    `on conflict (code) do update set name = excluded.name, kind = excluded.kind,
       parent_code = excluded.parent_code,
       population = coalesce(excluded.population, places.population),
       dataset_id = excluded.dataset_id`,
  );
  return { rows: codes.length, created: [] };
}

function readPopulation(
  text: string,
  at: { file: string; line: number; field: string },
): number | null {
  const parsed = parseStatistic(text);
  if (parsed?.kind === "missing" || parsed?.kind === "suppressed") return null;
  if (parsed === undefined || parsed.value < 0 || !Number.isInteger(parsed.value)) {
    throw new InputError("expected a whole number of people, or an empty field", {
      ...at,
      value: text,
    });
  }
  return parsed.value;
}
