import { InputError } from "../../core/errors.js";
import { observationStatuses, type ObservationStatus } from "../../core/vocabulary.js";
import type { CsvReader } from "../readCsv.js";
import { columnIndex, parseStatistic } from "../readCsv.js";
import { observationColumns } from "../storeRows.js";
import { readChoice, readOptionalText, readText, type FieldAt } from "./fields.js";
import type { ImportContext, ImporterResult } from "./importContext.js";
import type { ColumnOptions } from "./columnOptions.js";
import { indicatorIdFor } from "./indicatorIdFor.js";
import { loadPlaceResolver, rowPlaces } from "./resolvePlaces.js";
import { mergeStaged, stageRows } from "./staging.js";

/**
 * Imports observations from a tidy CSV `place,indicator,period,value`, with optional `lower`,
 * `upper`, `status` and `note`, or another header mapped by {@link ColumnOptions}. An unknown
 * place is an error (or skipped, when asked); an unknown indicator is created and listed in a
 * warning, and an indicator named in words ("Gross median weekly pay") gets an id made from them. An empty value is stored as missing; a
 * suppression marker ("x", "..", "c") as suppressed, keeping the marker as its note.
 */
export async function importObservations(
  reader: CsvReader,
  context: ImportContext,
  options: ColumnOptions = {},
): Promise<ImporterResult> {
  const { file, transaction } = context;
  const header = reader.header;
  const column = (name: string, required = false): number =>
    columnIndex(header, file, { candidates: [name], required });
  const columns = {
    place: columnIndex(header, file, {
      requested: options.placeColumn,
      candidates: ["place"],
      flag: "--place-col",
    }),
    indicator: columnIndex(header, file, {
      requested: options.indicatorColumn,
      candidates: ["indicator"],
      flag: "--indicator-col",
    }),
    period: columnIndex(header, file, {
      requested: options.periodColumn,
      candidates: ["period"],
      flag: "--period-col (or give every row one period with --period)",
      required: options.period === undefined || options.periodColumn !== undefined,
    }),
    value: columnIndex(header, file, {
      requested: options.valueColumn,
      candidates: ["value"],
      flag: "--value-col",
    }),
    lower: column("lower"),
    upper: column("upper"),
    status: column("status"),
    note: column("note"),
  };
  const rowPlace = rowPlaces(
    await loadPlaceResolver(transaction, false),
    options.skipUnknownPlaces === true,
  );
  const stored = await transaction.query<{ id: string; name: string }>(
    "select id, name from indicators",
  );
  const indicators = new Set(stored.map((row) => row.id));
  const storedByName = new Map(stored.map((row) => [row.name.trim().toLowerCase(), row.id]));
  // Indicators created by this import, id to name: a file may name indicators in words.
  const newIndicators = new Map<string, string>();
  const idOfName = new Map<string, string>();
  const writer = await stageRows(transaction, "staged_observations", observationColumns);

  let rows = 0;
  let missing = 0;
  for await (const { line, fields } of reader.rows) {
    const at = (index: number): FieldAt => ({ file, line, field: header[index]! });
    const placeCode = rowPlace.resolve(fields[columns.place]!, at(columns.place));
    if (placeCode === undefined) continue;
    const indicatorText = readText(fields[columns.indicator]!, at(columns.indicator));
    let indicatorId = idOfName.get(indicatorText);
    if (indicatorId === undefined) {
      indicatorId = indicators.has(indicatorText)
        ? indicatorText
        : (storedByName.get(indicatorText.toLowerCase()) ?? indicatorIdFor(indicatorText));
      idOfName.set(indicatorText, indicatorId);
      if (!indicators.has(indicatorId) && !newIndicators.has(indicatorId)) {
        newIndicators.set(indicatorId, indicatorText);
      }
    }
    const period =
      columns.period >= 0
        ? readText(fields[columns.period]!, at(columns.period), 40)
        : options.period!;
    let status: ObservationStatus =
      columns.status >= 0 && fields[columns.status]!.trim() !== ""
        ? readChoice(fields[columns.status]!, observationStatuses, at(columns.status))
        : "ok";
    let note = columns.note >= 0 ? readOptionalText(fields[columns.note], at(columns.note)) : null;
    const parsed = parseStatistic(fields[columns.value]!);
    let value: number | null = null;
    if (parsed === undefined) {
      throw new InputError("expected a number, an empty field or a suppression marker (x, .., c)", {
        ...at(columns.value),
        value: fields[columns.value]!,
      });
    } else if (parsed.kind === "number") {
      value = parsed.value;
    } else if (parsed.kind === "suppressed") {
      status = "suppressed";
      note ??= parsed.marker;
    } else {
      missing++;
    }
    const lower = readBound(fields, columns.lower, at);
    const upper = readBound(fields, columns.upper, at);
    if (lower !== null && upper !== null && lower > upper) {
      throw new InputError(
        `the lower bound ${lower} is above the upper bound ${upper}`,
        at(columns.lower),
      );
    }
    await writer.add([line, placeCode, indicatorId, period, value, lower, upper, status, note]);
    rows++;
    if (rows % 10_000 === 0) context.progress(rows);
  }
  await writer.flush();
  context.progress(rows);
  if (rows === 0)
    throw new InputError("the file has a header but no observations", { file, line: 2 });

  const skippedWarning = rowPlace.warning();
  if (skippedWarning !== undefined) context.warn(skippedWarning);
  if (newIndicators.size > 0) {
    const ids = [...newIndicators.keys()].sort();
    await transaction.query(
      `insert into indicators (id, name, dataset_id)
       select id, name, $3 from unnest($1::text[], $2::text[]) as t(id, name)
       on conflict (id) do nothing`,
      [ids, ids.map((id) => newIndicators.get(id)), context.datasetId],
    );
    context.warn(
      `${ids.length} indicator${ids.length === 1 ? " was" : "s were"} not known and ${ids.length === 1 ? "was" : "were"} created: ${ids.slice(0, 10).join(", ")}${ids.length > 10 ? ", …" : ""}. Import an indicators file to name them and set their goal, unit and polarity.`,
    );
  }
  if (missing > 0)
    context.warn(
      `${missing} row${missing === 1 ? " has" : "s have"} an empty value, stored as missing.`,
    );
  await mergeStaged(
    transaction,
    file,
    {
      staged: "staged_observations",
      table: "observations",
      keys: ["place_code", "indicator_id", "period"],
      values: ["value", "lower", "upper", "status", "note"],
      keyDescription: "place, indicator and period",
    },
    context.datasetId,
  );
  return { rows, created: [...newIndicators.keys()].sort() };
}

function readBound(fields: string[], index: number, at: (index: number) => FieldAt): number | null {
  if (index < 0) return null;
  const parsed = parseStatistic(fields[index]!);
  if (parsed === undefined) {
    throw new InputError("expected a number or an empty field", {
      ...at(index),
      value: fields[index]!,
    });
  }
  return parsed.kind === "number" ? parsed.value : null;
}
