import { statSync } from "node:fs";
import { SingleBar } from "cli-progress";
import { InputError } from "../../core/errors.js";
import type { PlaceKind } from "../../core/vocabulary.js";
import { importFile, type ImportKind, type ImportSummary } from "../../data/importFile.js";
import { withDatabase } from "../withDatabase.js";

/** The options of `placefirst import`. */
export interface ImportCommandOptions {
  codeCol?: string;
  nameCol?: string;
  kindCol?: string;
  placeKind?: PlaceKind;
  parentCol?: string;
  populationCol?: string;
  indicatorCol?: string;
  skipUnknownPlaces?: boolean;
  placeCol?: string;
  industryCol?: string;
  valueCol?: string;
  periodCol?: string;
  period?: string;
  source?: string;
  licence?: string;
  id?: string;
  name?: string;
  codeProperty?: string;
  format: "json" | "table";
}

/** `placefirst import KIND FILE`: imports in one transaction, with progress on stderr. */
export async function runImport(
  kind: string,
  file: string,
  options: ImportCommandOptions,
): Promise<void> {
  const size = file === "-" ? undefined : fileSize(file);
  const progress = new ImportProgress(size);
  let summary: ImportSummary;
  try {
    summary = await withDatabase(`placefirst import ${kind}`, (database) =>
      importFile(database, {
        kind: kind as ImportKind,
        path: file,
        stream: file === "-" ? process.stdin : undefined,
        codeColumn: options.codeCol,
        nameColumn: options.nameCol,
        kindColumn: options.kindCol,
        placeKind: options.placeKind,
        parentColumn: options.parentCol,
        populationColumn: options.populationCol,
        indicatorColumn: options.indicatorCol,
        skipUnknownPlaces: options.skipUnknownPlaces,
        placeColumn: options.placeCol,
        industryColumn: options.industryCol,
        valueColumn: options.valueCol,
        periodColumn: options.periodCol,
        period: options.period,
        source: options.source,
        licence: options.licence,
        layoutId: options.id,
        layoutName: options.name,
        codeProperty: options.codeProperty,
        onProgress: (state) => progress.update(state),
      }),
    );
  } finally {
    progress.stop();
  }
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  for (const warning of summary.warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(
    summary.alreadyImported
      ? `${summary.file} was already imported (same contents, dataset ${summary.datasetId}); nothing changed.\n`
      : `Imported ${summary.rows} ${kind} rows from ${summary.file} (dataset ${summary.datasetId}).\n`,
  );
}

function fileSize(file: string): number {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new InputError("this is a folder, not a file", { file });
    return stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError("no such file", { file });
  }
}

/**
 * A progress bar on stderr for imports that take more than two seconds, shown only on a
 * terminal so that logs and pipes stay clean.
 */
export class ImportProgress {
  private bar: SingleBar | undefined;
  private readonly started = Date.now();

  constructor(private readonly size: number | undefined) {}

  update(state: { rows: number; bytes: number }): void {
    if (this.bar === undefined) {
      if (!process.stderr.isTTY || Date.now() - this.started < 2000) return;
      this.bar = new SingleBar({
        stream: process.stderr,
        format:
          this.size !== undefined
            ? "importing [{bar}] {percentage}% | {rows} rows | {eta_formatted} left"
            : "importing {rows} rows",
        hideCursor: true,
      });
      this.bar.start(this.size ?? 1, 0, { rows: 0 });
    }
    this.bar.update(Math.min(state.bytes, this.size ?? 1), {
      rows: state.rows.toLocaleString("en-GB"),
    });
  }

  stop(): void {
    this.bar?.stop();
  }
}
