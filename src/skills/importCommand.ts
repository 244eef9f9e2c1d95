import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { InputError } from "../core/errors.js";
import type { Database } from "../store/database.js";
import { withDatabase } from "../cli/withDatabase.js";
import { readIndustryOccupationFile } from "./files/industryOccupationFile.js";
import { readOccupationLevelFile } from "./files/occupationLevelFile.js";
import { readPayFile } from "./files/payFile.js";
import { readPlanFile } from "./files/planFile.js";
import { readReplacementFile } from "./files/replacementFile.js";
import { readSupplyFile } from "./files/supplyFile.js";
import { placeSkillsGap, skillsPlaces } from "./service.js";
import { savePlaceSkills, saveSkillsMixes } from "./store.js";

/** Options of `placefirst skills import`, as commander parses them. */
export interface SkillsImportOptions {
  place?: string;
  plan?: string;
  supply?: string;
  years: number;
  source?: string;
  occupations?: string;
  levels?: string;
  replacement?: string;
  pay?: string;
}

/** What `placefirst skills import` stored. */
export interface SkillsImportSummary {
  /** False when the same files were imported before, and nothing changed. */
  stored: boolean;
  place?: { code: string; industries: number; years: number };
  occupationMixes?: number;
  levelMixes?: number;
  replacementRates?: number;
  pay?: number;
  /** The places whose gap was computed again to check the store still fits together. */
  placesChecked: number;
}

/**
 * Checks which files were given: a place's plan and supply come together, with the place; at
 * least something is imported.
 */
export function checkImportOptions(options: SkillsImportOptions): void {
  const placeParts = [options.place, options.plan, options.supply];
  if (placeParts.some((part) => part !== undefined) && placeParts.includes(undefined)) {
    throw new InputError(
      "a place's plan and supply are imported together: give --place, --plan and --supply",
    );
  }
  const mixes = [options.occupations, options.levels, options.replacement, options.pay];
  if (options.place === undefined && mixes.every((file) => file === undefined)) {
    throw new InputError(
      "nothing to import: give --place with --plan and --supply, or the shared --occupations, --levels, --replacement or --pay files",
    );
  }
  if (!(Number.isInteger(options.years) && options.years >= 1 && options.years <= 30)) {
    throw new InputError("the horizon must be a whole number of years from 1 to 30", {
      field: "years",
      value: String(options.years),
    });
  }
}

/**
 * Imports skills inputs, all or nothing: the files are read and checked, stored in one
 * transaction, and then the gap of every place with a plan is computed again; if any no longer
 * fits together (an industry of its plan without an occupation mix, say) the import is refused
 * and the store left as it was.
 */
export async function importSkills(
  database: Database,
  options: SkillsImportOptions,
): Promise<SkillsImportSummary> {
  checkImportOptions(options);
  const plan = options.plan === undefined ? undefined : await readPlanFile(options.plan);
  const supply = options.supply === undefined ? undefined : await readSupplyFile(options.supply);
  const industryOccupation =
    options.occupations === undefined
      ? undefined
      : await readIndustryOccupationFile(options.occupations);
  const occupationLevel =
    options.levels === undefined ? undefined : await readOccupationLevelFile(options.levels);
  const replacement =
    options.replacement === undefined ? undefined : await readReplacementFile(options.replacement);
  const pay = options.pay === undefined ? undefined : await readPayFile(options.pay);
  const files = [
    options.plan,
    options.supply,
    options.occupations,
    options.levels,
    options.replacement,
    options.pay,
  ].filter((file) => file !== undefined);
  const hash = createHash("sha256");
  hash.update(`${options.place ?? ""}\u0000${options.years}\u0000${options.source ?? ""}`);
  for (const file of files) hash.update("\u0000").update(readFileSync(file));
  const sha256 = hash.digest("hex");

  return database.transaction(async (transaction) => {
    const [earlier] = await transaction.query(
      "select 1 from datasets where kind = 'skills' and sha256 = $1",
      [sha256],
    );
    if (earlier !== undefined) return { stored: false, placesChecked: 0 };
    const [dataset] = await transaction.query<{ id: number }>(
      `insert into datasets (kind, file_name, sha256, rows) values ('skills', $1, $2, $3)
       returning id`,
      [
        files.map((file) => basename(file)).join(", "),
        sha256,
        [plan, supply, industryOccupation, occupationLevel, replacement, pay].reduce(
          (sum, rows) => sum + (rows?.length ?? 0),
          0,
        ),
      ],
    );
    const strip = <Row extends { line: number }>({ line: _line, ...rest }: Row) => rest;
    await saveSkillsMixes(
      transaction,
      {
        ...(industryOccupation === undefined
          ? {}
          : { industryOccupation: industryOccupation.map(strip) }),
        ...(occupationLevel === undefined ? {} : { occupationLevel: occupationLevel.map(strip) }),
        ...(replacement === undefined ? {} : { replacement: replacement.map(strip) }),
        ...(pay === undefined
          ? {}
          : { payByOccupation: Object.fromEntries(pay.map((row) => [row.occupation, row.pay])) }),
      },
      dataset!.id,
    );
    if (options.place !== undefined) {
      await savePlaceSkills(
        transaction,
        {
          placeCode: options.place,
          years: options.years,
          source: options.source ?? basename(options.plan!),
          plan: plan!.map(strip),
          supply: supply!.map(strip),
        },
        dataset!.id,
      );
    }
    const places = await skillsPlaces(transaction);
    for (const place of places) {
      try {
        await placeSkillsGap(transaction, place.code);
      } catch (error) {
        if (error instanceof InputError) {
          throw new InputError(
            `after this import the skills inputs of ${place.name} (${place.code}) no longer fit together, so nothing was stored: ${error.reason}`,
            error.location,
          );
        }
        throw error;
      }
    }
    return {
      stored: true,
      ...(options.place === undefined
        ? {}
        : { place: { code: options.place, industries: plan!.length, years: options.years } }),
      ...(industryOccupation === undefined
        ? {}
        : { occupationMixes: new Set(industryOccupation.map((row) => row.industry)).size }),
      ...(occupationLevel === undefined
        ? {}
        : { levelMixes: new Set(occupationLevel.map((row) => row.occupation)).size }),
      ...(replacement === undefined ? {} : { replacementRates: replacement.length }),
      ...(pay === undefined ? {} : { pay: pay.length }),
      placesChecked: places.length,
    };
  });
}

/** `placefirst skills import`: imports into the store and says what was stored. */
export async function runSkillsImport(options: SkillsImportOptions): Promise<void> {
  checkImportOptions(options);
  const summary = await withDatabase("placefirst skills import", (database) =>
    importSkills(database, options),
  );
  if (!summary.stored) {
    process.stdout.write("These files were imported before; nothing changed.\n");
    return;
  }
  const parts = [
    summary.place &&
      `a ${summary.place.years}-year plan of ${summary.place.industries} industries and its supply for ${summary.place.code}`,
    summary.occupationMixes !== undefined &&
      `the occupation mixes of ${summary.occupationMixes} industries`,
    summary.levelMixes !== undefined && `the level mixes of ${summary.levelMixes} occupations`,
    summary.replacementRates !== undefined && `${summary.replacementRates} replacement rates`,
    summary.pay !== undefined && `the pay of ${summary.pay} occupations`,
  ].filter((part): part is string => typeof part === "string");
  process.stdout.write(
    `Stored ${parts.join("; ")}. The skills gap of ${summary.placesChecked} place${summary.placesChecked === 1 ? "" : "s"} checked.\n`,
  );
}
