import { formatRows, type OutputFormat } from "../../core/formatRows.js";
import type { PlaceKind } from "../../core/vocabulary.js";
import {
  getPlace,
  listEmployment,
  listIndicators,
  listObservations,
  listPlaces,
} from "../../data/service.js";
import {
  employmentCsvColumns,
  observationCsvColumns,
  placeCsvColumns,
} from "../../data/csvColumns.js";
import { withDatabase } from "../withDatabase.js";

/** `placefirst places`. */
export async function runPlaces(options: {
  kind?: PlaceKind;
  parent?: string;
  format: OutputFormat;
}): Promise<void> {
  const places = await withDatabase("placefirst places", (database) =>
    listPlaces(database, { kind: options.kind, parentCode: options.parent }),
  );
  process.stdout.write(formatRows(places, placeCsvColumns, options.format));
}

/** `placefirst indicators`. */
export async function runIndicators(options: { format: OutputFormat }): Promise<void> {
  const indicators = await withDatabase("placefirst indicators", (database) =>
    listIndicators(database),
  );
  process.stdout.write(
    formatRows(
      indicators,
      [
        { key: "id" },
        { key: "name" },
        { key: "goal" },
        { key: "unit" },
        { key: "polarity" },
        { key: "source" },
      ],
      options.format,
    ),
  );
}

/** `placefirst observations --place CODE`. */
export async function runObservations(options: {
  place: string;
  indicator?: string;
  format: OutputFormat;
}): Promise<void> {
  const rows = await withDatabase("placefirst observations", async (database) => {
    await getPlace(database, options.place);
    return listObservations(database, { placeCode: options.place, indicatorId: options.indicator });
  });
  process.stdout.write(formatRows(rows, observationCsvColumns, options.format));
}

/** `placefirst employment --place CODE`. */
export async function runEmployment(options: {
  place: string;
  period?: string;
  format: OutputFormat;
}): Promise<void> {
  const rows = await withDatabase("placefirst employment", async (database) => {
    await getPlace(database, options.place);
    return listEmployment(database, { placeCode: options.place, period: options.period });
  });
  process.stdout.write(formatRows(rows, employmentCsvColumns, options.format));
}
