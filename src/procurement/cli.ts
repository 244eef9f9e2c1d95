import type { OutputFormat } from "../core/formatRows.js";

/** `placefirst import ocds FILE...`: imports OCDS files in one transaction, with progress. */
export async function runOcdsImport(
  files: readonly string[],
  options: { format: "json" | "table" },
): Promise<void> {
  const { withDatabase } = await import("../cli/withDatabase.js");
  const { importOcds } = await import("./importOcds.js");
  const onTerminal = process.stderr.isTTY === true;
  const summary = await withDatabase("placefirst import ocds", (database) =>
    importOcds(database, files, {
      onProgress: ({ releases, file }) => {
        if (onTerminal) process.stderr.write(`\r${file}: ${releases} releases read`);
      },
    }),
  );
  if (onTerminal) process.stderr.write("\n");
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  for (const warning of summary.warnings) process.stderr.write(`warning: ${warning}\n`);
  for (const problem of summary.problems) {
    process.stderr.write(
      `skipped: ${problem.file}, line ${problem.line}${problem.ocid === undefined ? "" : `, ${problem.ocid}`}, ${problem.path}: ${problem.message}\n`,
    );
  }
  for (const file of summary.files) {
    if (file.alreadyImported) {
      process.stdout.write(`${file.file} was already imported (same contents); skipped.\n`);
    }
  }
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  process.stdout.write(
    `Read ${count(summary.read, "release", "releases")}: ${summary.stored} stored, ${summary.duplicates} already stored, ${summary.invalid} invalid and skipped. ${count(summary.processes, "contracting process", "contracting processes")} compiled.\n`,
  );
}

/**
 * `placefirst ocds compile FILE...`: the compiled release of each ocid in the files, by the OCDS
 * merge rules, as a JSON array, without touching the store. Invalid releases stop it with their
 * file, line, ocid and field.
 */
export async function runOcdsCompile(
  files: readonly string[],
  options: { format: OutputFormat },
): Promise<void> {
  const { InputError } = await import("../core/errors.js");
  const { compileReleases, groupByOcid, readOcdsReleases, validateRelease } =
    await import("./ocds/index.js");
  const releases = [];
  for (const file of files) {
    for await (const item of readOcdsReleases(file)) {
      const { release, problems } = validateRelease(item.release);
      if (release === undefined) {
        const [problem] = problems;
        const ocid = typeof item.release.ocid === "string" ? `${item.release.ocid}, ` : "";
        throw new InputError(
          `${ocid}${problem?.path ?? "release"}: ${problem?.message ?? "not a valid release"}`,
          { file: item.source.file, line: item.source.line },
        );
      }
      releases.push(release);
    }
  }
  const compiled = [...groupByOcid(releases)].map(([, group]) => compileReleases(group));
  if (options.format !== "json") {
    const { formatRows } = await import("../core/formatRows.js");
    process.stdout.write(
      formatRows(
        compiled.map((release) => ({
          ocid: release.ocid,
          date: release.date,
          title: release.tender?.title ?? "",
          awards: release.awards?.length ?? 0,
        })),
        (["ocid", "date", "title", "awards"] as const).map((key) => ({ key })),
        options.format,
      ),
    );
    return;
  }
  process.stdout.write(`${JSON.stringify(compiled, null, 2)}\n`);
}
