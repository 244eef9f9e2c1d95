import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { InputError } from "../core/errors.js";
import { looksBinary } from "./readCsv.js";

/**
 * The line break of a CSV file that can be split by hand, without a CSV parser: one with no
 * double quote anywhere and one kind of line break ("\n" throughout, or "\r\n" throughout). For
 * such a file, splitting lines at the break and fields at commas reads exactly what csv-parse
 * reads, several times faster. Returns undefined for any other file, which then goes through
 * {@link readCsv}. Reads the file once, in chunks.
 */
export async function plainLineBreak(path: string): Promise<"\n" | "\r\n" | undefined> {
  let lineBreak: "\n" | "\r\n" = "\n";
  let sawLineFeed = false;
  let previousLast = -1;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    if (chunk.indexOf(0x22) !== -1) return undefined;
    if (lineBreak === "\n") {
      const firstReturn = chunk.indexOf(0x0d);
      const firstFeed = chunk.indexOf(0x0a);
      if (firstReturn === -1) {
        sawLineFeed ||= firstFeed !== -1;
        previousLast = chunk[chunk.length - 1]!;
        continue;
      }
      // csv-parse takes the first line break it meets; after a bare "\n", a "\r" is data.
      if (sawLineFeed || (firstFeed !== -1 && firstFeed < firstReturn)) return undefined;
      lineBreak = "\r\n";
    }
    // Every "\r" must start a "\r\n", and every "\n" end one.
    if (previousLast === 0x0d && chunk[0] !== 0x0a) return undefined;
    for (let at = chunk.indexOf(0x0d); at !== -1; at = chunk.indexOf(0x0d, at + 1)) {
      if (at + 1 < chunk.length && chunk[at + 1] !== 0x0a) return undefined;
    }
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) {
      if ((at === 0 ? previousLast : chunk[at - 1]) !== 0x0d) return undefined;
    }
    previousLast = chunk[chunk.length - 1]!;
  }
  if (lineBreak === "\r\n" && previousLast === 0x0d) return undefined;
  return lineBreak;
}

/**
 * Reads a file {@link plainLineBreak} passed, line by line, with the same results as
 * {@link readCsv}: the header trimmed (BOM removed), blank lines skipped but counted, short rows
 * padded with empty fields, 1-based line numbers, and the same errors for a binary or empty
 * file. Each row goes to `onRow` synchronously, which is what makes it fast.
 */
export async function forEachPlainCsvRow(
  path: string,
  lineBreak: "\n" | "\r\n",
  onHeader: (header: string[]) => void,
  onRow: (fields: string[], line: number) => void,
): Promise<void> {
  const file = path;
  const decoder = new StringDecoder("utf8");
  let pending = "";
  let line = 0;
  let width = -1;
  let first = true;
  const take = (text: string): void => {
    line += 1;
    if (!text.includes(",") && text.trim() === "") return;
    const fields = text.split(",");
    if (width === -1) {
      const header = fields.map((name) => name.trim());
      width = header.length;
      onHeader(header);
      return;
    }
    while (fields.length < width) fields.push("");
    onRow(fields, line);
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let text = pending + decoder.write(chunk);
    if (first) {
      first = false;
      if (looksBinary(chunk)) {
        throw new InputError("this is not a CSV text file (it contains binary bytes)", { file });
      }
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (let end = text.indexOf(lineBreak); end !== -1; end = text.indexOf(lineBreak, start)) {
      take(text.slice(start, end));
      start = end + lineBreak.length;
    }
    pending = text.slice(start);
  }
  pending += decoder.end();
  if (pending !== "") take(pending);
  if (width === -1) {
    throw new InputError("the file is empty; expected a header line and at least one row", {
      file,
    });
  }
}
