import type { RowColumn } from "../core/formatRows.js";
import type { Observation, Place } from "../core/vocabulary.js";
import type { EmploymentRow } from "./service.js";

// The columns of every CSV and table listing of places and data, shared by the CLI and the
// pages so that a download and a command give the same file. The headings are the importers'
// own, so a downloaded file imports again unchanged.

/** Places: `code,name,kind,parent,population`. */
export const placeCsvColumns: readonly RowColumn<Place>[] = [
  { key: "code" },
  { key: "name" },
  { key: "kind" },
  { key: "parentCode", heading: "parent" },
  { key: "population" },
];

/** Observations: the tidy format, `place,indicator,period,value,lower,upper,status,note`. */
export const observationCsvColumns: readonly RowColumn<Observation>[] = [
  { key: "placeCode", heading: "place" },
  { key: "indicatorId", heading: "indicator" },
  { key: "period" },
  { key: "value" },
  { key: "lower" },
  { key: "upper" },
  { key: "status" },
  { key: "note" },
];

/** Employment: `place,industry,period,employment`, with the industry's name. */
export const employmentCsvColumns: readonly RowColumn<EmploymentRow>[] = [
  { key: "placeCode", heading: "place" },
  { key: "industryCode", heading: "industry" },
  { key: "industryName", heading: "industry_name" },
  { key: "period" },
  { key: "employees", heading: "employment" },
  { key: "foundational" },
];
