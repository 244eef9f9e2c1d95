import { statSync } from "node:fs";

/** The options of `placefirst import postcodes`. */
export interface PostcodeImportCommandOptions {
  /** Where the data come from, kept as provenance. */
  source?: string;
  /** The data's licence, kept as provenance. */
  licence?: string;
  /** `json` prints the whole summary; `table` a few sentences. */
  format: "json" | "table";
}

/**
 * `placefirst import postcodes FILE`: loads a postcode directory (ONSPD or NSPL) in one
 * transaction, with a progress bar on a terminal, and says what was stored and left out.
 */
export async function runPostcodeImport(
  file: string,
  options: PostcodeImportCommandOptions,
): Promise<void> {
  const { withDatabase } = await import("../cli/withDatabase.js");
  const { ImportProgress } = await import("../cli/commands/importCommand.js");
  const { importPostcodeDirectory } = await import("./postcodeDirectory.js");
  const progress = new ImportProgress(file === "-" ? undefined : fileSize(file));
  const summary = await withDatabase("placefirst import postcodes", (database) =>
    importPostcodeDirectory(database, file, {
      ...(file === "-" ? { stream: process.stdin } : {}),
      ...(options.source === undefined ? {} : { source: options.source }),
      ...(options.licence === undefined ? {} : { licence: options.licence }),
      onProgress: (state) => progress.update(state),
    }),
  ).finally(() => progress.stop());
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  for (const warning of summary.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (summary.alreadyImported) {
    process.stdout.write(
      `${summary.file} is the postcode directory stored already (same contents, dataset ${summary.datasetId}); nothing changed.\n`,
    );
    return;
  }
  const lines = [
    `Read ${count(summary.postcodes, "postcode")} from ${summary.file} (districts from ` +
      `"${summary.districtColumn}"): ${number(summary.live)} live with a grid reference, ` +
      `${number(summary.terminated)} terminated and ${number(summary.gridless)} without a grid reference left out.`,
    `Stored ${count(summary.stored, "outward code")} with their district and centroid ` +
      `(dataset ${summary.datasetId})` +
      (summary.replaced === 0
        ? "."
        : `, replacing the ${count(summary.replaced, "outward code")} stored before.`),
  ];
  const { outwardCodes, districts } = summary.unstored;
  if (outwardCodes > 0) {
    const shown = districts.slice(0, 5).join(", ");
    const more = districts.length > 5 ? ` and ${number(districts.length - 5)} more` : "";
    lines.push(
      `Left out ${count(outwardCodes, "outward code")} in ${count(districts.length, "district")} ` +
        `that ${districts.length === 1 ? "is not a stored place" : "are not stored places"} ` +
        `(${shown}${more}); ` +
        "import those places first to keep them.",
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** The file's size in bytes for the progress bar; undefined when it cannot be read (the import says why). */
function fileSize(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

function number(value: number): string {
  return value.toLocaleString("en-GB");
}

function count(value: number, one: string, many = `${one}s`): string {
  return `${number(value)} ${value === 1 ? one : many}`;
}
