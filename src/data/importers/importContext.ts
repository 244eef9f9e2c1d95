import type { Queryable } from "../../store/database.js";

/** What an importer is given besides its file: the open transaction and ways to report. */
export interface ImportContext {
  /** The transaction the whole import runs in; rolled back if the importer throws. */
  transaction: Queryable;
  /** The file name to put in messages. */
  file: string;
  /** The provenance row this import writes under. */
  datasetId: number;
  /** Records a warning about data that are legal but suspicious (said once, with a count). */
  warn(message: string): void;
  /** Reports how many data rows have been read so far. */
  progress(rows: number): void;
}

/** What an importer did. */
export interface ImporterResult {
  /** Data rows read and stored. */
  rows: number;
  /** Indicators, industries or other things created because the file named them. */
  created: string[];
}
