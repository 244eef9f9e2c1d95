import { Readable } from "node:stream";
import { InputError } from "../../core/errors.js";
import { readCsv, type CsvReader } from "../../data/readCsv.js";

/**
 * Opens a CSV file, stream or text with `readCsv`, turning a missing or unreadable file into an
 * {@link InputError} that names it.
 *
 * @param source a stream, or the CSV as text.
 * @param file the name of the source in errors: the path as given, or "(upload)".
 */
export async function openCsv(source: Readable | string, file: string): Promise<CsvReader> {
  const stream = typeof source === "string" ? Readable.from([Buffer.from(source)]) : source;
  try {
    return await readCsv(stream, file);
  } catch (error) {
    throw fileError(error, file);
  }
}

/** An InputError for a file that is missing or cannot be read; any other error as it is. */
export function fileError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return new InputError("there is no such file", { file });
  if (code === "EISDIR") return new InputError("this is a folder, not a file", { file });
  if (code === "EACCES") {
    return new InputError("the file cannot be read (permission denied)", { file });
  }
  return error;
}
