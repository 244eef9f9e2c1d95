import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { InputError } from "../core/errors.js";
import type { Database } from "../store/database.js";
import { withDatabase } from "../cli/withDatabase.js";
import { readCompletionsFile } from "./files/completionsFile.js";
import { readIndustryOccupationFile } from "./files/industryOccupationFile.js";
import { readOccupationLevelFile } from "./files/occupationLevelFile.js";
import { readPayFile } from "./files/payFile.js";
import { readPlanFile } from "./files/planFile.js";
import { readReplacementFile } from "./files/replacementFile.js";
import { readResidentsFile, withResidentsFile } from "./files/residentsFile.js";
import { readSupplyFile } from "./files/supplyFile.js";
import type { RetentionOption } from "./gapCommand.js";
import { defaultEntryAges, projectSupply, type AgeRange } from "./methods/index.js";
import { placeSkillsGap, skillsPlaces } from "./service.js";
import {
  savePlaceSkills,
  saveSkillsMixes,
  type StoredPlaceSkills,
  type StoredSupplyProjection,
} from "./store.js";

/** Options of `placefirst skills import`, as commander parses them. */
export interface SkillsImportOptions {
  /** The place whose plan and supply these are. */
  place?: string;
  /** The sector plan CSV, with `place`. */
  plan?: string;
  /** The supply CSV, totals by level over the horizon; or `completions`, not both. */
  supply?: string;
  /** The completions CSV, to project the place's supply from; or `supply`, not both. */
  completions?: string;
  /** The residents CSV, optional with `completions`. */
  residents?: string;
  /** With `completions`: the share of new entrants who stay; default the method's (0.7). */
  retention?: RetentionOption;
  /** With `completions`: the ages whose residents estimate a level's entrants; default 16-24. */
  entryAges?: AgeRange;
  /** The share of the place's openings filled by in-commuters, 0 to 1, with either supply. */
  inCommuting?: number;
  /** The plan's horizon in years, 1 to 30. */
  years: number;
  /** Where the plan came from, in words; default the plan file's name. */
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
  /** The place's plan, and whether its supply is the totals given or projected. */
  place?: { code: string; industries: number; years: number; supply: "totals" | "projected" };
  occupationMixes?: number;
  levelMixes?: number;
  replacementRates?: number;
  pay?: number;
  /** The places whose gap was computed again to check the store still fits together. */
  placesChecked: number;
}

/**
 * Checks which files were given: a place's plan and supply come together, with the place; the
 * supply as totals or as completions to project it from, not both; the projection's options with
 * completions; at least something is imported.
 */
export function checkImportOptions(options: SkillsImportOptions): void {
  if (options.supply !== undefined && options.completions !== undefined) {
    throw new InputError(
      "give a place's supply as totals by level (--supply) or the completions to project it from (--completions), not both",
    );
  }
  const projectionParts = [options.residents, options.retention, options.entryAges];
  if (options.completions === undefined && projectionParts.some((part) => part !== undefined)) {
    throw new InputError(
      "--residents, --retention and --entry-ages project the supply from completions: give --completions with them",
    );
  }
  const placeParts = [options.place, options.plan, options.supply ?? options.completions];
  if (placeParts.some((part) => part !== undefined) && placeParts.includes(undefined)) {
    throw new InputError(
      "a place's plan and supply are imported together: give --place, --plan and --supply (or --completions to project the supply)",
    );
  }
  if (options.inCommuting !== undefined && options.place === undefined) {
    throw new InputError(
      "the in-commuting share is a place's: give it with --place, --plan and --supply or --completions",
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
 * and the store left as it was. A place's supply is stored as the totals given or as the inputs
 * to project it from, replacing whichever it had.
 */
export async function importSkills(
  database: Database,
  options: SkillsImportOptions,
): Promise<SkillsImportSummary> {
  checkImportOptions(options);
  const plan = options.plan === undefined ? undefined : await readPlanFile(options.plan);
  const supply = options.supply === undefined ? undefined : await readSupplyFile(options.supply);
  const projection =
    options.completions === undefined
      ? undefined
      : await readSupplyProjection(options.completions, options);
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
    options.completions,
    options.residents,
    options.occupations,
    options.levels,
    options.replacement,
    options.pay,
  ].filter((file) => file !== undefined);
  const hash = createHash("sha256");
  hash.update(`${options.place ?? ""}\u0000${options.years}\u0000${options.source ?? ""}`);
  // The same files with another retention or in-commuting share are another import; without
  // these options the hash is what it was before they existed.
  const assumptions = {
    retention: options.retention,
    entryAges: options.entryAges,
    inCommuting: options.inCommuting,
  };
  if (Object.values(assumptions).some((value) => value !== undefined)) {
    hash.update("\u0000").update(JSON.stringify(assumptions));
  }
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
        [
          plan,
          supply,
          projection?.completions,
          projection?.residents,
          industryOccupation,
          occupationLevel,
          replacement,
          pay,
        ].reduce((sum, rows) => sum + (rows?.length ?? 0), 0),
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
      const common = {
        placeCode: options.place,
        years: options.years,
        source: options.source ?? basename(options.plan!),
        plan: plan!.map(strip),
        ...(options.inCommuting === undefined ? {} : { inCommutingShare: options.inCommuting }),
      };
      // checkImportOptions let through exactly one of the supply and the completions.
      const place: StoredPlaceSkills =
        projection === undefined
          ? { ...common, supply: supply!.map(strip) }
          : { ...common, projection };
      await savePlaceSkills(transaction, place, dataset!.id);
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
        : {
            place: {
              code: options.place,
              industries: plan!.length,
              years: options.years,
              supply: projection === undefined ? ("totals" as const) : ("projected" as const),
            },
          }),
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
      `a ${summary.place.years}-year plan of ${summary.place.industries} industries and ${summary.place.supply === "projected" ? "the completions its supply is projected from" : "its supply"} for ${summary.place.code}`,
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

/**
 * Reads the completions and residents files and checks that they project a supply with the
 * options given (residents' bands that cover the entry ages, say), naming the file at fault,
 * before anything is stored.
 */
async function readSupplyProjection(
  completionsFile: string,
  options: SkillsImportOptions,
): Promise<StoredSupplyProjection> {
  const strip = <Row extends { line: number }>({ line: _line, ...rest }: Row) => rest;
  const completions = (await readCompletionsFile(completionsFile)).map(strip);
  const residents =
    options.residents === undefined
      ? undefined
      : (await readResidentsFile(options.residents)).map(strip);
  const projection: StoredSupplyProjection = {
    completions,
    ...(residents === undefined ? {} : { residents }),
    ...(options.retention?.all === undefined ? {} : { retention: options.retention.all }),
    retentionByLevel: options.retention?.byLevel ?? {},
    entryAges: options.entryAges ?? { ...defaultEntryAges },
  };
  withResidentsFile(options.residents, () =>
    projectSupply(
      { completions, ...(residents === undefined ? {} : { residents }) },
      {
        years: options.years,
        ...(projection.retention === undefined ? {} : { retention: projection.retention }),
        retentionByLevel: projection.retentionByLevel,
        entryAges: projection.entryAges,
      },
    ),
  );
  return projection;
}
