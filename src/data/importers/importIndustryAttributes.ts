import { InputError } from "../../core/errors.js";
import { industryAttributeNames, type IndustryAttribute } from "../../core/industryAttributes.js";
import { upsertIndustryAttributes } from "../storeRows.js";
import type { CsvReader } from "../readCsv.js";
import { columnIndex, parseStatistic } from "../readCsv.js";
import { readText } from "./fields.js";
import type { ImportContext, ImporterResult } from "./importContext.js";
import { loadIndustryResolver } from "./resolveIndustries.js";

/**
 * Imports industry attributes from a CSV with an `industry` column (SIC code, nomis label or
 * name) and any of `median_pay`, `non_graduate_share`, `growth` and `emissions_intensity`.
 * Industries must be stored; an empty value leaves the attribute unknown.
 */
export async function importIndustryAttributes(
  reader: CsvReader,
  context: ImportContext,
): Promise<ImporterResult> {
  const { file, transaction } = context;
  const header = reader.header;
  const industryColumn = columnIndex(header, file, {
    candidates: ["industry", "sic", "industry_code"],
  });
  const attributes = (Object.keys(industryAttributeNames) as IndustryAttribute[])
    .map((name) => ({
      name,
      index: columnIndex(header, file, { candidates: [name], required: false }),
    }))
    .filter((attribute) => attribute.index >= 0);
  if (attributes.length === 0) {
    throw new InputError(
      `the header has none of the attribute columns ${Object.keys(industryAttributeNames).join(", ")}`,
      { file, line: 1 },
    );
  }
  const industries = await loadIndustryResolver(transaction);
  const codes: string[] = [];
  const names: string[] = [];
  const values: number[] = [];
  const seen = new Map<string, number>();
  let rows = 0;
  for await (const { line, fields } of reader.rows) {
    const text = readText(fields[industryColumn]!, { file, line, field: header[industryColumn]! });
    const code = industries.resolve(text);
    if (code === undefined) {
      throw new InputError("unknown industry: expected a SIC 2007 code, nomis label or name", {
        file,
        line,
        field: header[industryColumn]!,
        value: text,
      });
    }
    const earlier = seen.get(code);
    if (earlier !== undefined) {
      throw new InputError(`industry ${code} is already on line ${earlier}`, {
        file,
        line,
        field: header[industryColumn]!,
      });
    }
    seen.set(code, line);
    for (const attribute of attributes) {
      const parsed = parseStatistic(fields[attribute.index]!);
      if (parsed === undefined) {
        throw new InputError(`expected a number: ${industryAttributeNames[attribute.name]}`, {
          file,
          line,
          field: header[attribute.index]!,
          value: fields[attribute.index]!,
        });
      }
      if (parsed.kind !== "number") continue;
      codes.push(code);
      names.push(attribute.name);
      values.push(parsed.value);
    }
    rows++;
    context.progress(rows);
  }
  if (rows === 0)
    throw new InputError("the file has a header but no industries", { file, line: 2 });
  await upsertIndustryAttributes(
    transaction,
    codes.map((code, index) => [code, names[index]!, values[index]!] as const),
    context.datasetId,
  );
  return { rows, created: [] };
}
