import { InputError } from "../../core/errors.js";
import { observationStatuses, type ObservationStatus } from "../../core/vocabulary.js";
import type { CsvReader } from "../readCsv.js";
import { columnIndex, parseStatistic } from "../readCsv.js";
import { BatchWriter } from "./bulkInsert.js";
import { readChoice, readCode, readOptionalText, readText, type FieldAt } from "./fields.js";
import type { ImportContext, ImporterResult } from "./importContext.js";
import { loadPlaceResolver } from "./resolvePlaces.js";
import { mergeStaged } from "./staging.js";

/**
 * Imports observations from a tidy CSV `place,indicator,period,value`, with optional `lower`,
 * `upper`, `status` and `note`. An unknown place is an error; an unknown indicator is created
 * with its id as its name and listed in a warning. An empty value is stored as missing; a
 * suppression marker ("x", "..", "c") as suppressed, keeping the marker as its note.
 */
export async function importObservations(
  reader: CsvReader,
  context: ImportContext,
): Promise<ImporterResult> {
  const { file, transaction } = context;
  const header = reader.header;
  const column = (name: string, required = false): number =>
    columnIndex(header, file, { candidates: [name], required });
  const columns = {
    place: column("place", true),
    indicator: column("indicator", true),
    period: column("period", true),
    value: column("value", true),
    lower: column("lower"),
    upper: column("upper"),
    status: column("status"),
    note: column("note"),
  };
  const places = await loadPlaceResolver(transaction, false);
  const indicators = new Set(
    (await transaction.query<{ id: string }>("select id from indicators")).map((row) => row.id),
  );
  const newIndicators = new Set<string>();
  await transaction.exec(`create temp table staged_observations (
    line integer, place_code text, indicator_id text, period text, value float8,
    lower float8, upper float8, status text, note text) on commit drop`);
  const writer = new BatchWriter(transaction, "staged_observations", [
    { name: "line", type: "int4" },
    { name: "place_code", type: "text" },
    { name: "indicator_id", type: "text" },
    { name: "period", type: "text" },
    { name: "value", type: "float8" },
    { name: "lower", type: "float8" },
    { name: "upper", type: "float8" },
    { name: "status", type: "text" },
    { name: "note", type: "text" },
  ]);

  let rows = 0;
  let missing = 0;
  for await (const { line, fields } of reader.rows) {
    const at = (index: number): FieldAt => ({ file, line, field: header[index]! });
    const placeText = fields[columns.place]!;
    const placeCode = places.resolve(placeText);
    if (placeCode === undefined) {
      throw new InputError("unknown place; import it first with `placefirst import places`", {
        ...at(columns.place),
        value: placeText,
      });
    }
    const indicatorId = readCode(fields[columns.indicator]!, at(columns.indicator));
    if (!indicators.has(indicatorId) && !newIndicators.has(indicatorId))
      newIndicators.add(indicatorId);
    const period = readText(fields[columns.period]!, at(columns.period), 40);
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

  if (newIndicators.size > 0) {
    const ids = [...newIndicators].sort();
    await transaction.query(
      `insert into indicators (id, name, dataset_id) select id, id, $2 from unnest($1::text[]) as id
       on conflict (id) do nothing`,
      [ids, context.datasetId],
    );
    context.warn(
      `${ids.length} indicator${ids.length === 1 ? " was" : "s were"} not known and ${ids.length === 1 ? "was" : "were"} created with the id as the name: ${ids.slice(0, 10).join(", ")}${ids.length > 10 ? ", …" : ""}. Import an indicators file to name them and set their goal, unit and polarity.`,
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
  return { rows, created: [...newIndicators].sort() };
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
