import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { InputError } from "../core/errors.js";
import { industryAttributeNames } from "../core/industryAttributes.js";
import { foundationalDivisions, foundationalSections } from "../core/sic2007.js";
import { columnIndex, parseStatistic, readCsv } from "../data/readCsv.js";
import { employmentMatrix } from "./employmentMatrix.js";
import { complexity } from "./methods/complexity.js";
import {
  opportunities,
  type OpportunityCriterion,
  type OpportunityIndustry,
  type RankedOpportunity,
} from "./methods/opportunities.js";
import { defaultOpportunityWeights } from "./opportunitiesService.js";
import { readEmploymentFile, type EmploymentFileColumns } from "./readEmploymentFile.js";

/**
 * Ranks a place's opportunities from files: an employment CSV of every place compared (for RCA,
 * density and complexity) and, optionally, an industry attributes CSV
 * (`industry,median_pay,non_graduate_share,growth,emissions_intensity`). Industry codes are
 * matched as written; SIC 2007 division and section codes are known to be foundational or not.
 */
export async function opportunitiesFromFile(
  path: string,
  placeCode: string,
  options: EmploymentFileColumns & {
    weights?: Readonly<Record<string, number>>;
    attributesPath?: string;
  } = {},
): Promise<RankedOpportunity[]> {
  const matrix = employmentMatrix((await readEmploymentFile(path, options)).counts);
  const row = matrix.placeCodes.indexOf(placeCode);
  if (row < 0)
    throw new InputError(`the place ${placeCode} is not in the file`, {
      file: basename(path),
      field: "--place",
    });
  const width = matrix.industryCodes.length;
  const result = complexity(matrix.values, matrix.placeCodes.length, width, { density: true });
  const attributes =
    options.attributesPath === undefined ? new Map() : await readAttributes(options.attributesPath);
  const industries: OpportunityIndustry[] = matrix.industryCodes.map((code, column) => {
    const own = attributes.get(code);
    return {
      code,
      name: code,
      rca: result.rca[row * width + column]!,
      density: result.density![row * width + column]!,
      values: {
        complexityGain: finite(result.cog![row * width + column]!),
        complexity: finite(result.pci[column]!),
        pay: own?.get("median_pay") ?? null,
        skillsAccess: own?.get("non_graduate_share") ?? null,
        growth: own?.get("growth") ?? null,
        emissions: own?.get("emissions_intensity") ?? null,
        foundational: foundationalDivisions.has(code) || foundationalSections.has(code) ? 1 : 0,
      },
    };
  });
  try {
    return opportunities(industries, {
      weights: (options.weights ?? defaultOpportunityWeights) as Partial<
        Record<OpportunityCriterion, number>
      >,
    });
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(error.message, { field: "weights" });
    throw error;
  }
}

async function readAttributes(path: string): Promise<Map<string, Map<string, number>>> {
  const file = basename(path);
  const reader = await readCsv(createReadStream(path), file).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new InputError("no such file", { file: path });
    throw error;
  });
  const industry = columnIndex(reader.header, file, {
    candidates: ["industry", "sic", "industry_code"],
  });
  const columns = Object.keys(industryAttributeNames)
    .map((name) => ({
      name,
      index: columnIndex(reader.header, file, { candidates: [name], required: false }),
    }))
    .filter((column) => column.index >= 0);
  const attributes = new Map<string, Map<string, number>>();
  for await (const { line, fields } of reader.rows) {
    const values = new Map<string, number>();
    for (const column of columns) {
      const parsed = parseStatistic(fields[column.index]!);
      if (parsed === undefined) {
        throw new InputError("expected a number", {
          file,
          line,
          field: reader.header[column.index],
          value: fields[column.index],
        });
      }
      if (parsed.kind === "number") values.set(column.name, parsed.value);
    }
    attributes.set(fields[industry]!.trim(), values);
  }
  return attributes;
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
