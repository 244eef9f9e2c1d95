import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { InputError, PlacefirstError } from "../core/errors.js";
import type { Place, Polarity } from "../core/vocabulary.js";
import { columnIndex, parseStatistic, readCsv } from "../data/readCsv.js";
import { listIndicators, listPlaces } from "../data/service.js";
import type { Queryable } from "../store/database.js";
import type { ScorecardObservation } from "./assembleScorecard.js";
import {
  computeScorecard,
  type ScorecardOptions,
  type ScorecardReport,
} from "./computeScorecard.js";
import { frameworkIndicators, loadFramework, type Framework } from "./framework.js";

/** Whether a code fits the framework's choice of places by `codes` and `codePattern`. */
function codeFilter(framework: Framework): (code: string) => boolean {
  const { codes, codePattern } = framework.places;
  const pattern = codePattern === undefined ? undefined : new RegExp(codePattern);
  const chosen = codes === undefined ? undefined : new Set(codes);
  return (code) =>
    (chosen === undefined || chosen.has(code)) && (pattern === undefined || pattern.test(code));
}

/** The places a framework scores among those stored. */
export function selectPlaces(framework: Framework, places: readonly Place[]): Place[] {
  const selection = framework.places;
  const fits = codeFilter(framework);
  const nothingChosen = Object.values(selection).every((value) => value === undefined);
  return places.filter(
    (place) =>
      (nothingChosen ? place.kind === "district" : true) &&
      (selection.kind === undefined || place.kind === selection.kind) &&
      (selection.within === undefined || place.parentCode === selection.within) &&
      fits(place.code),
  );
}

/** Computes a framework's scorecard over the stored places and observations. */
export async function scorecardFromStore(
  database: Queryable,
  framework: Framework,
  options: ScorecardOptions = {},
): Promise<ScorecardReport> {
  const places = await listPlaces(database);
  const scored = selectPlaces(framework, places);
  if (scored.length === 0) {
    throw new InputError("no stored place fits the framework's choice of places", {
      field: "places",
    });
  }
  const ids = frameworkIndicators(framework).map((indicator) => indicator.id);
  const observations = await database.query<ScorecardObservation>(
    `select place_code as "placeCode", indicator_id as "indicatorId", period, value
     from observations where indicator_id = any($1::text[])`,
    [ids],
  );
  const storedPolarity = new Map<string, Polarity>(
    (await listIndicators(database)).map((indicator) => [indicator.id, indicator.polarity]),
  );
  const parentOf = new Map(places.map((place) => [place.code, place.parentCode ?? undefined]));
  const reference = framework.leftBehind.reference;
  return computeScorecard(
    framework,
    scored.map((place) => place.code),
    observations,
    options,
    {
      names: new Map(places.map((place) => [place.code, place.name])),
      storedPolarity,
      referenceOf: (code) => (reference === "parent" ? parentOf.get(code) : reference),
    },
  );
}

/**
 * Computes a framework's scorecard from a tidy observations CSV (`place,indicator,period,value`)
 * without the store. The places scored are those in the file that fit the framework's `codes`
 * or `codePattern`; a choice by kind or parent needs the store.
 */
export async function scorecardFromFile(
  path: string,
  framework: Framework,
  options: ScorecardOptions = {},
): Promise<ScorecardReport> {
  if (framework.places.kind !== undefined || framework.places.within !== undefined) {
    throw new InputError(
      "the framework chooses places by kind or parent, which needs the store: import the places and run without --data, or choose them by codes or codePattern",
      { field: "places" },
    );
  }
  const wanted = new Set(frameworkIndicators(framework).map((indicator) => indicator.id));
  const observations = await readObservationsFile(path, wanted);
  const inFile = [...new Set(observations.map((observation) => observation.placeCode))].sort();
  const scored = inFile.filter(codeFilter(framework));
  if (scored.length === 0) {
    throw new InputError("no place in the file fits the framework's choice of places", {
      file: basename(path),
    });
  }
  const reference = framework.leftBehind.reference;
  return computeScorecard(framework, scored, observations, options, {
    referenceOf: () => (reference === "parent" ? undefined : reference),
  });
}

/**
 * Reads the observations of the wanted indicators from a tidy CSV, checking each value and that no
 * place, indicator and period appears twice.
 */
async function readObservationsFile(
  path: string,
  wanted: ReadonlySet<string>,
): Promise<ScorecardObservation[]> {
  const file = basename(path);
  let reader;
  try {
    reader = await readCsv(createReadStream(path), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new InputError("no such file", { file: path });
    throw error;
  }
  const header = reader.header;
  const columns = {
    place: columnIndex(header, file, { candidates: ["place"] }),
    indicator: columnIndex(header, file, { candidates: ["indicator"] }),
    period: columnIndex(header, file, { candidates: ["period"] }),
    value: columnIndex(header, file, { candidates: ["value"] }),
  };
  const rows: ScorecardObservation[] = [];
  const seen = new Map<string, number>();
  for await (const { line, fields } of reader.rows) {
    const indicatorId = fields[columns.indicator]!.trim();
    if (!wanted.has(indicatorId)) continue;
    const placeCode = fields[columns.place]!.trim();
    const period = fields[columns.period]!.trim();
    const parsed = parseStatistic(fields[columns.value]!);
    if (parsed === undefined) {
      throw new InputError("expected a number, an empty field or a suppression marker (x, .., c)", {
        file,
        line,
        field: header[columns.value],
        value: fields[columns.value],
      });
    }
    const key = `${placeCode}\u0000${indicatorId}\u0000${period}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new InputError(`this row repeats the place, indicator and period of line ${earlier}`, {
        file,
        line,
      });
    }
    seen.set(key, line);
    rows.push({
      placeCode,
      indicatorId,
      period,
      value: parsed.kind === "number" ? parsed.value : null,
    });
  }
  return rows;
}

/**
 * The districts the shipped demo framework's left-behind lens flags, from the stored
 * observations; none when the store cannot be scored with it (no indicators, say). Other
 * capabilities use it for their fair-share checks.
 */
export async function leftBehindPlaces(database: Queryable): Promise<string[]> {
  const { shippedFrameworks } = await import("./shippedFrameworks.js");
  try {
    const report = await scorecardFromStore(database, await loadFramework(shippedFrameworks.demo!));
    return report.places.filter((entry) => entry.leftBehind).map((entry) => entry.place);
  } catch (error) {
    if (error instanceof PlacefirstError) return [];
    throw error;
  }
}
