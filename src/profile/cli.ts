import { InputError } from "../core/errors.js";
import { formatRows, type OutputFormat } from "../core/formatRows.js";
import { employmentMatrix } from "./employmentMatrix.js";
import { kernelRunner } from "./kernelWorker.js";
import { complexity } from "./methods/complexity.js";
import { locationQuotientMatrix } from "./methods/locationQuotient.js";
import { shiftShare } from "./methods/shiftShare.js";
import { readEmploymentFile, type EmploymentFileColumns } from "./readEmploymentFile.js";

/** The column options every profile command takes. */
export interface ProfileFileOptions extends EmploymentFileColumns {
  format: OutputFormat;
}

type Row = Record<string, string | number | boolean | null>;

const round = (value: number, digits = 4): number | null =>
  Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : null;

/** `placefirst complexity FILE`: ECI and PCI, and with --density the density and COG of each pair. */
export async function runComplexity(
  path: string,
  options: ProfileFileOptions & { threshold: number; density?: boolean },
): Promise<void> {
  const { counts } = await readEmploymentFile(path, options);
  const matrix = employmentMatrix(counts);
  const parallel = kernelRunner();
  const result = complexity(matrix.values, matrix.placeCodes.length, matrix.industryCodes.length, {
    threshold: options.threshold,
    density: options.density === true,
    ...(parallel === undefined ? {} : { parallel }),
  });
  const places: Row[] = matrix.placeCodes.map((place, index) => ({
    place,
    diversity: result.diversity[index]!,
    eci: round(result.eci[index]!),
    ...(result.coi !== undefined ? { coi: round(result.coi[index]!) } : {}),
  }));
  const industries: Row[] = matrix.industryCodes.map((industry, index) => ({
    industry,
    ubiquity: result.ubiquity[index]!,
    pci: round(result.pci[index]!),
  }));
  const width = matrix.industryCodes.length;
  const density: Row[] =
    options.density === true && result.density !== undefined
      ? matrix.placeCodes.flatMap((place, row) =>
          matrix.industryCodes.map((industry, column) => ({
            place,
            industry,
            rca: round(result.rca[row * width + column]!),
            density: round(result.density![row * width + column]!),
            cog: round(result.cog?.[row * width + column] ?? Number.NaN),
          })),
        )
      : [];
  const names = (indices: readonly number[], codes: readonly string[]): string =>
    `${indices
      .slice(0, 5)
      .map((index) => codes[index])
      .join(", ")}${indices.length > 5 ? ", …" : ""}`;
  if (!result.eigenvectorSearch.converged) {
    process.stderr.write(
      `warning: the eigenvector search stopped after ${result.eigenvectorSearch.iterations} iterations without converging (residual ${result.eigenvectorSearch.residual.toExponential(2)}); ECI and PCI are approximate\n`,
    );
  }
  if (result.emptyPlaces.length > 0) {
    process.stderr.write(
      `warning: ${result.emptyPlaces.length} place(s) have no industry with an RCA of ${options.threshold} or more, and no ECI: ${names(result.emptyPlaces, matrix.placeCodes)}\n`,
    );
  }
  if (result.emptyIndustries.length > 0) {
    process.stderr.write(
      `warning: ${result.emptyIndustries.length} industr${result.emptyIndustries.length === 1 ? "y is" : "ies are"} present (RCA ${options.threshold} or more) in no place, and ha${result.emptyIndustries.length === 1 ? "s" : "ve"} no PCI: ${names(result.emptyIndustries, matrix.industryCodes)}\n`,
    );
  }
  if (options.format === "json") {
    process.stdout.write(
      `${JSON.stringify({ places, industries, ...(options.density === true ? { density } : {}) }, null, 2)}\n`,
    );
    return;
  }
  const keys = (rows: Row[]): { key: string }[] =>
    Object.keys(rows[0] ?? {}).map((key) => ({ key }));
  // CSV and tables hold one kind of row: places, then industries (and pairs) after a blank line.
  process.stdout.write(formatRows(places, keys(places), options.format));
  process.stdout.write("\n");
  process.stdout.write(formatRows(industries, keys(industries), options.format));
  if (density.length > 0) {
    process.stdout.write("\n");
    process.stdout.write(formatRows(density, keys(density), options.format));
  }
}

/** `placefirst lq FILE`: location quotients of every place and industry against their total. */
export async function runLocationQuotients(
  path: string,
  options: ProfileFileOptions,
): Promise<void> {
  const { counts } = await readEmploymentFile(path, options);
  const matrix = employmentMatrix(counts);
  const quotients = locationQuotientMatrix(
    matrix.values,
    matrix.placeCodes.length,
    matrix.industryCodes.length,
  );
  const width = matrix.industryCodes.length;
  const rows: Row[] = matrix.placeCodes.flatMap((place, row) =>
    matrix.industryCodes.map((industry, column) => ({
      place,
      industry,
      employment: matrix.values[row * width + column]!,
      location_quotient: round(quotients[row * width + column]!),
    })),
  );
  process.stdout.write(
    formatRows(
      rows,
      [{ key: "place" }, { key: "industry" }, { key: "employment" }, { key: "location_quotient" }],
      options.format,
    ),
  );
}

/**
 * `placefirst shift-share --from FILE1 --to FILE2`: the change of each place's employment by
 * industry split into national share, industry mix and local share, against the files' totals.
 */
export async function runShiftShare(
  options: ProfileFileOptions & {
    from: string;
    to: string;
    place?: string;
    estebanMarquillas?: boolean;
  },
): Promise<void> {
  const start = employmentMatrix((await readEmploymentFile(options.from, options)).counts);
  const endCounts = (await readEmploymentFile(options.to, options)).counts;
  const placeCodes = [
    ...new Set([...start.placeCodes, ...endCounts.map((count) => count.placeCode)]),
  ];
  const industryCodes = [
    ...new Set([...start.industryCodes, ...endCounts.map((count) => count.industryCode)]),
  ];
  const before = employmentMatrix(
    start.placeCodes.flatMap((place, row) =>
      start.industryCodes.map((industry, column) => ({
        placeCode: place,
        industryCode: industry,
        employees: start.values[row * start.industryCodes.length + column]!,
      })),
    ),
    { placeCodes, industryCodes },
  );
  const after = employmentMatrix(endCounts, { placeCodes, industryCodes });
  const width = industryCodes.length;
  const sums = (values: Float64Array): Float64Array => {
    const totals = new Float64Array(width);
    for (let index = 0; index < values.length; index++) totals[index % width]! += values[index]!;
    return totals;
  };
  const benchmarkStart = sums(before.values);
  const benchmarkEnd = sums(after.values);
  const chosen = options.place === undefined ? placeCodes : [options.place];
  if (options.place !== undefined && !placeCodes.includes(options.place)) {
    throw new InputError(`the place ${options.place} is in neither file`, { field: "--place" });
  }
  const rows: Row[] = [];
  for (const place of chosen) {
    const row = placeCodes.indexOf(place);
    const result = shiftShare(
      {
        localStart: before.values.subarray(row * width, (row + 1) * width),
        localEnd: after.values.subarray(row * width, (row + 1) * width),
        benchmarkStart,
        benchmarkEnd,
      },
      { variant: options.estebanMarquillas === true ? "estebanMarquillas" : "classic" },
    );
    industryCodes.forEach((industry, column) => {
      rows.push({
        place,
        industry,
        start: before.values[row * width + column]!,
        end: after.values[row * width + column]!,
        national_share: round(result.nationalShare[column]!, 2),
        industry_mix: round(result.industryMix[column]!, 2),
        local_share: round(result.localShare[column]!, 2),
        ...(result.allocation !== undefined
          ? {
              homothetic_competitive: round(result.homotheticCompetitive![column]!, 2),
              allocation: round(result.allocation[column]!, 2),
            }
          : {}),
      });
    });
  }
  process.stdout.write(
    formatRows(
      rows,
      Object.keys(rows[0] ?? {}).map((key) => ({ key })),
      options.format,
    ),
  );
}

/** `placefirst opportunities FILE --place CODE`: the ranked, explained opportunities of a place. */
export async function runOpportunities(
  path: string,
  options: ProfileFileOptions & { place: string; weights?: string; attributes?: string },
): Promise<void> {
  const { loadWeightSet } = await import("../scorecard/framework.js");
  const { opportunitiesFromFile } = await import("./opportunitiesFromFile.js");
  const { weights, attributes, place } = options;
  const ranked = await opportunitiesFromFile(path, place, {
    placeColumn: options.placeColumn,
    industryColumn: options.industryColumn,
    valueColumn: options.valueColumn,
    period: options.period,
    ...(weights !== undefined ? { weights: await loadWeightSet(weights) } : {}),
    ...(attributes !== undefined ? { attributesPath: attributes } : {}),
  });
  if (options.format === "json") {
    process.stdout.write(
      `${JSON.stringify({ place: options.place, opportunities: ranked }, null, 2)}\n`,
    );
    return;
  }
  const rows: Row[] = ranked.map((item) => ({
    rank: item.rank,
    industry: item.code,
    class: item.classification,
    score: round(item.score, 1),
    feasibility: round(item.feasibility, 3),
    attractiveness: round(item.attractiveness, 1),
    rca: round(item.rca, 2),
  }));
  process.stdout.write(
    formatRows(
      rows,
      Object.keys(rows[0] ?? { rank: null }).map((key) => ({ key })),
      options.format,
    ),
  );
}
