import { InputError } from "../../core/errors.js";
import { placeKinds, type PlaceKind } from "../../core/vocabulary.js";
import type { CsvReader } from "../readCsv.js";
import { columnIndex, parseStatistic } from "../readCsv.js";
import { upsertPlaces } from "../storeRows.js";
import { readCode, readText, type FieldAt } from "./fields.js";
import type { ColumnOptions } from "./columnOptions.js";
import type { ImportContext, ImporterResult } from "./importContext.js";

/**
 * Imports places from a CSV with the header `code,name,kind,parent` and optional `population`.
 * A parent may be another row of the same file or a place already stored. Existing places with
 * the same code are updated.
 */
export async function importPlaces(
  reader: CsvReader,
  context: ImportContext,
  options: ColumnOptions = {},
): Promise<ImporterResult> {
  const { file } = context;
  const header = reader.header;
  const columns = {
    code: columnIndex(header, file, {
      requested: options.codeColumn,
      candidates: ["code"],
      flag: "--code-col",
    }),
    name: columnIndex(header, file, {
      requested: options.nameColumn,
      candidates: ["name"],
      flag: "--name-col",
    }),
    kind: columnIndex(header, file, {
      requested: options.kindColumn,
      candidates: ["kind"],
      flag: "--kind-col (or give every row one kind with --kind)",
      required: options.placeKind === undefined || options.kindColumn !== undefined,
    }),
    parent: columnIndex(header, file, {
      requested: options.parentColumn,
      candidates: ["parent"],
      required: options.parentColumn !== undefined,
    }),
    population: columnIndex(header, file, {
      requested: options.populationColumn,
      candidates: ["population"],
      required: options.populationColumn !== undefined,
    }),
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
    kinds.push(
      columns.kind >= 0
        ? readKind(fields[columns.kind]!, at(header[columns.kind]!))
        : options.placeKind!,
    );
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

  await upsertPlaces(
    context.transaction,
    codes.map((code, index) => ({
      code,
      name: names[index]!,
      kind: kinds[index]!,
      parentCode: parents[index] ?? null,
      population: populations[index] ?? null,
    })),
    context.datasetId,
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

/**
 * The kinds of area ONS and its sister agencies name in their files, mapped to Placefirst's kinds.
 * Upper-tier counties, combined authorities and other groupings are `custom`.
 */
const geographyKinds: Record<string, PlaceKind> = {
  country: "nation",
  nation: "nation",
  "english region": "region",
  "local authority district": "district",
  "lower tier local authority": "district",
  "unitary authority": "district",
  "non-metropolitan district": "district",
  "metropolitan district": "district",
  "london borough": "district",
  "council area": "district",
  "local government district": "district",
  "county or unitary authority": "custom",
  county: "custom",
  "metropolitan county": "custom",
  "combined authority": "custom",
  "lower layer super output area": "neighbourhood",
  "middle layer super output area": "neighbourhood",
  lsoa: "neighbourhood",
  msoa: "neighbourhood",
  ward: "neighbourhood",
};

/** Reads a place kind: one of Placefirst's kinds, or an ONS geography name such as "Unitary Authority". */
export function readKind(text: string, at: FieldAt): PlaceKind {
  const lower = text.trim().toLowerCase();
  const kind = (placeKinds as readonly string[]).includes(lower)
    ? (lower as PlaceKind)
    : geographyKinds[lower];
  if (kind === undefined) {
    throw new InputError(
      `expected one of ${placeKinds.join(", ")} (or an ONS geography such as "Unitary Authority")`,
      { ...at, value: text },
    );
  }
  return kind;
}
