import type { PlaceKind } from "../../core/vocabulary.js";

/**
 * How a file's header maps to what an importer reads, for files whose header names differ from
 * Placefirst's own (ONS, nomis and other publishers' extracts). Each `…Column` names a header,
 * matched case-insensitively; unset ones fall back to the usual names.
 */
export interface ColumnOptions {
  /** Places: the column of codes; default `code`. */
  codeColumn?: string;
  /** Places: the column of names; default `name`. */
  nameColumn?: string;
  /** Places: the column of kinds (ONS geography names such as "Unitary Authority" are understood); default `kind`. */
  kindColumn?: string;
  /** Places: the kind of every row, for a file without a kind column. */
  placeKind?: PlaceKind;
  /** Places: the column of parent codes; default `parent`. */
  parentColumn?: string;
  /** Places: the column of populations; default `population`. */
  populationColumn?: string;
  /** Observations and employment: the column of place codes (or unique names); default `place`. */
  placeColumn?: string;
  /** Observations: the column of indicator ids or names; default `indicator`. */
  indicatorColumn?: string;
  /** Employment: the column of SIC 2007 codes, nomis labels or names; default `industry`. */
  industryColumn?: string;
  /** Observations and employment: the column of values; default `value` or `employment`. */
  valueColumn?: string;
  /** Observations and employment: the column of periods; default `period`, `date` or `year`. */
  periodColumn?: string;
  /** Observations and employment: the period of every row, for a file without a period column. */
  period?: string;
  /**
   * Observations and employment: skip rows whose place is empty or not stored (counted in a
   * warning) instead of stopping, for national files of which only some places are wanted.
   * Default false: an unknown place is an error.
   */
  skipUnknownPlaces?: boolean;
}
