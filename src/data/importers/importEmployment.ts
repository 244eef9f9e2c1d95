import { InputError } from "../../core/errors.js";
import type { CsvReader } from "../readCsv.js";
import { columnIndex, parseStatistic } from "../readCsv.js";
import { employmentColumns } from "../storeRows.js";
import { readText, type FieldAt } from "./fields.js";
import type { ImportContext, ImporterResult } from "./importContext.js";
import type { ColumnOptions } from "./columnOptions.js";
import { loadIndustryResolver } from "./resolveIndustries.js";
import { loadPlaceResolver, rowPlaces } from "./resolvePlaces.js";
import { mergeStaged, stageRows } from "./staging.js";

/**
 * Imports employment by industry: `place,industry,employment` (optionally `period`), or an
 * ONS/nomis extract with its own header names mapped by {@link ColumnOptions}. Places must
 * exist (by code, or by a name only one place has); industries are SIC 2007 codes, nomis labels
 * ("C : Manufacturing") or names, and an unknown one is created as a custom industry with a
 * warning. Rows stream through in batches, so a file of millions of rows needs bounded memory.
 */
export async function importEmployment(
  reader: CsvReader,
  context: ImportContext,
  options: ColumnOptions = {},
): Promise<ImporterResult> {
  const { file, transaction } = context;
  const header = reader.header;
  const columns = {
    place: columnIndex(header, file, {
      requested: options.placeColumn,
      candidates: ["place", "geography code", "geography_code", "area_code", "areacd", "code"],
      flag: "--place-col",
    }),
    industry: columnIndex(header, file, {
      requested: options.industryColumn,
      candidates: ["industry", "sic", "sic_code", "industry_code"],
      flag: "--industry-col",
    }),
    value: columnIndex(header, file, {
      requested: options.valueColumn,
      candidates: ["employment", "employees", "value", "count", "obs_value"],
      flag: "--value-col",
    }),
    period: columnIndex(header, file, {
      requested: options.periodColumn,
      candidates: ["period", "date", "year"],
      flag: "--period-col",
      required: options.period === undefined,
    }),
  };
  const rowPlace = rowPlaces(
    await loadPlaceResolver(transaction, true),
    options.skipUnknownPlaces === true,
  );
  const industries = await loadIndustryResolver(transaction);
  const newIndustries = new Map<string, string>();
  const writer = await stageRows(transaction, "staged_employment", employmentColumns);

  let rows = 0;
  let skipped = 0;
  for await (const { line, fields } of reader.rows) {
    const at = (index: number): FieldAt => ({ file, line, field: header[index]! });
    const placeCode = rowPlace.resolve(fields[columns.place]!, at(columns.place));
    if (placeCode === undefined) continue;
    const industryText = readText(fields[columns.industry]!, at(columns.industry));
    let industryCode = industries.resolve(industryText) ?? newIndustries.get(industryText);
    if (industryCode === undefined) {
      industryCode = customIndustryCode(industryText, newIndustries.size + 1);
      newIndustries.set(industryText, industryCode);
    }
    const period =
      columns.period >= 0
        ? readText(fields[columns.period]!, at(columns.period), 40)
        : options.period!;
    const parsed = parseStatistic(fields[columns.value]!);
    if (parsed === undefined || (parsed.kind === "number" && parsed.value < 0)) {
      throw new InputError("expected a number of employees (0 or more)", {
        ...at(columns.value),
        value: fields[columns.value]!,
      });
    }
    rows++;
    if (parsed.kind !== "number") {
      skipped++;
      continue;
    }
    await writer.add([line, placeCode, industryCode, period, parsed.value]);
    if (rows % 10_000 === 0) context.progress(rows);
  }
  await writer.flush();
  context.progress(rows);
  if (rows === 0) throw new InputError("the file has a header but no rows", { file, line: 2 });

  if (newIndustries.size > 0) {
    const entries = [...newIndustries];
    await transaction.query(
      `insert into industries (code, name, level)
       select code, name, 'custom' from unnest($1::text[], $2::text[]) as t(code, name)
       on conflict (code) do nothing`,
      [entries.map(([, code]) => code), entries.map(([name]) => name)],
    );
    const names = entries.map(([name]) => `"${name}"`);
    context.warn(
      `${names.length} industr${names.length === 1 ? "y is" : "ies are"} not SIC 2007 codes or names and ${names.length === 1 ? "was" : "were"} created as custom industries: ${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}.`,
    );
  }
  const skippedWarning = rowPlace.warning();
  if (skippedWarning !== undefined) context.warn(skippedWarning);
  if (skipped > 0) {
    context.warn(
      `${skipped} row${skipped === 1 ? " has" : "s have"} no published value (empty or suppressed) and ${skipped === 1 ? "was" : "were"} skipped.`,
    );
  }
  await mergeStaged(
    transaction,
    file,
    {
      staged: "staged_employment",
      table: "employment",
      keys: ["place_code", "industry_code", "period"],
      values: ["employees"],
      keyDescription: "place, industry and period",
    },
    context.datasetId,
  );
  return { rows: rows - skipped, created: [...newIndustries.values()] };
}

/** A code for an industry the file names but SIC 2007 does not: the text itself when it is code-like. */
function customIndustryCode(text: string, sequence: number): string {
  return /^[A-Za-z0-9_.:-]{1,64}$/.test(text) ? text : `custom-${sequence}`;
}
