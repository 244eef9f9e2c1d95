import { once } from "node:events";
import { createReadStream } from "node:fs";
import { Readable, pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { TokenParser, TokenType, Tokenizer, type ParsedElementInfo } from "@streamparser/json";
import { InputError } from "../../core/errors.js";

/** Where an item read from an OCDS file came from, to point a person at it. */
export interface OcdsSource {
  /** The file, as given (or as named by `fileName`). */
  file: string;
  /**
   * The 1-based line on which the item's JSON object begins. In JSON lines this is the line of
   * its document; inside a record of a record package whose line is unknown, the record's line.
   */
  line: number;
  /**
   * The 0-based position of the item's top-level JSON value in the file: 0 for a file of one
   * package, release or record; the position among the documents of a JSON lines file.
   */
  document: number;
  /**
   * A JSON Pointer (RFC 6901) to the item within its document: "" for a bare release,
   * "/releases/3", "/records/2/releases/0", "/records/2/compiledRelease".
   */
  pointer: string;
  /** The item's position in its package's `releases` or `records` array, if it is in one. */
  index?: number;
}

/** One release read from an OCDS file, not yet validated. */
export interface OcdsReadItem {
  /**
   * "release" for a release of a release package, of a record, or on its own. "compiledRelease"
   * for the compiled release of a record whose releases are only linked (a `url`, no data): the
   * file does not hold those releases, so the record's compiled release stands in for them.
   */
  kind: "release" | "compiledRelease";
  /** The JSON object as read; check it with `validateRelease`. */
  release: Record<string, unknown>;
  /**
   * The release's JSON text exactly as the file holds it, when the release is a line of JSON
   * lines on its own (so it need not be written out again to be stored).
   */
  text?: string;
  source: OcdsSource;
}

/** Options of {@link readOcdsReleases} and {@link readOcdsStream}. */
export interface ReadOcdsOptions {
  /**
   * The name of the file in errors and in each item's `source`. Default: the path as given to
   * `readOcdsReleases`, or the `file` given to `readOcdsStream`.
   */
  fileName?: string;
  /**
   * Called for data that is legal but leaves something out: a record whose releases are partly
   * linked (only its full releases are read), linked releases in a release package (skipped), a
   * record with neither releases nor a compiled release. Default: warnings are dropped.
   */
  onWarning?: (message: string, source: OcdsSource) => void;
}

/**
 * Reads the releases in an OCDS file, one at a time, in memory bounded by the largest single
 * release or record rather than by the file. The file may hold a release package
 * (`{"releases": [...]}`), a record package (`{"records": [...]}`), one release, one record, a JSON
 * array of any of these, or any number of them one after another (JSON lines); and it may be
 * gzipped, which is told from its first two bytes (1f 8b), not from its name.
 *
 * From a record it yields the record's releases when the record holds them, and its
 * `compiledRelease` (as `kind: "compiledRelease"`) when the record has only linked releases.
 * Items are yielded as each one's closing brace is read, with where it came from.
 *
 * Throws an {@link InputError} naming the file, and the line where it can, for a missing file,
 * an empty file, malformed JSON, JSON that is cut short, bad gzip data, or JSON that is not OCDS.
 */
export async function* readOcdsReleases(
  path: string,
  options: ReadOcdsOptions = {},
): AsyncGenerator<OcdsReadItem> {
  const file = options.fileName ?? path;
  const stream = createReadStream(path);
  try {
    // Opening fails here, before any parsing, for a missing or unreadable file.
    await once(stream, "open");
    yield* readOcdsStream(stream, file, options);
  } catch (error) {
    throw fileError(error, file);
  } finally {
    stream.destroy();
  }
}

/**
 * Reads the releases in an OCDS stream (standard input, an upload), as {@link readOcdsReleases}
 * reads a file. `file` names the stream in errors and sources, for example "(stdin)".
 */
export async function* readOcdsStream(
  chunks: AsyncIterable<Uint8Array | string>,
  file: string,
  options: ReadOcdsOptions = {},
): AsyncGenerator<OcdsReadItem> {
  const name = options.fileName ?? file;
  const bytes = decompressIfGzipped(chunks, name)[Symbol.asyncIterator]();
  // Peek at the first line: when it is a whole JSON object, the file is JSON lines, and each
  // line is parsed by JSON.parse, several times faster than the streaming parser. Anything else
  // (a pretty-printed package, say) goes to the streaming parser.
  const head: Uint8Array[] = [];
  let headLength = 0;
  let newline = -1;
  while (newline < 0 && headLength < jsonLinesPeekLimit) {
    const next = await bytes.next();
    if (next.done === true) break;
    const at = next.value.indexOf(0x0a);
    if (at >= 0) newline = headLength + at;
    head.push(next.value);
    headLength += next.value.length;
  }
  const first = head.length === 1 ? head[0]! : Buffer.concat(head);
  async function* all(): AsyncGenerator<Uint8Array> {
    if (first.length > 0) yield first;
    for (;;) {
      const next = await bytes.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  const reader = new OcdsStreamReader(name, options.onWarning);
  if (newline >= 0 && isJsonObject(first.subarray(0, newline))) {
    yield* readJsonLines(all(), reader, name);
    return;
  }
  for await (const chunk of all()) yield* reader.write(chunk);
  yield* reader.end();
}

/** How far the first line is looked for, to tell JSON lines from one document. */
const jsonLinesPeekLimit = 64 * 1024;
/** The longest line JSON lines may have: longer, and the line would fill memory. */
const jsonLinesLineLimit = 256 * 1024 * 1024;
const utf8 = new TextDecoder("utf-8", { fatal: false });

/**
 * Why a line of JSON lines is not JSON, in the streaming parser's words ("malformed JSON:
 * unexpected "o" at column 30"), which say where, unlike JSON.parse's.
 */
function lineProblem(bytes: Uint8Array): string {
  const reader = new OcdsStreamReader("(line)", undefined);
  try {
    reader.write(bytes);
    reader.end();
  } catch (error) {
    if (error instanceof InputError) return error.reason;
    throw error;
  }
  return "malformed JSON";
}

/** Whether some bytes are one whole JSON object (white space around it allowed). */
function isJsonObject(bytes: Uint8Array): boolean {
  const text = utf8.decode(bytes).trim();
  if (!text.startsWith("{")) return false;
  try {
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}

/**
 * Reads JSON lines: each non-blank line one JSON document (a release, record or package), parsed
 * whole and read as the streaming reader reads a whole document. A line that is not JSON stops
 * the file with its line number and the parser's reason.
 */
async function* readJsonLines(
  chunks: AsyncIterable<Uint8Array>,
  reader: OcdsStreamReader,
  file: string,
): AsyncGenerator<OcdsReadItem> {
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let line = 0;
  let documents = 0;
  const readLine = (bytes: Uint8Array): OcdsReadItem[] => {
    line += 1;
    const text = utf8.decode(bytes).trim();
    if (text === "") return [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new InputError(lineProblem(bytes), { file, line });
    }
    documents += 1;
    return reader.readWhole(value, line, text);
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, start)) {
      const part = chunk.subarray(start, at);
      const bytes = pendingLength === 0 ? part : Buffer.concat([...pending, part]);
      pending = [];
      pendingLength = 0;
      yield* readLine(bytes);
      start = at + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingLength += chunk.length - start;
      if (pendingLength > jsonLinesLineLimit) {
        throw new InputError(
          `line ${line + 1} is longer than ${jsonLinesLineLimit / 1024 / 1024} MB; a package that large must be spread over lines or pretty-printed`,
          { file, line: line + 1 },
        );
      }
    }
  }
  if (pendingLength > 0) yield* readLine(Buffer.concat(pending));
  if (documents === 0) {
    throw new InputError("the file is empty; expected OCDS JSON (a package, release or record)", {
      file,
    });
  }
}

type JsonObject = Record<string, unknown>;

/**
 * The streaming parser's paths: every top-level value and its fields (to classify it), each
 * release of a release package or record and each record of a record package (to yield them as
 * they complete), and the parts of records whose lines are worth knowing.
 */
const parserPaths = [
  "$",
  "$.*",
  "$.releases.*",
  "$.records.*",
  "$.records.*.releases.*",
  "$.records.*.compiledRelease",
];

/**
 * Feeds bytes to @streamparser/json's tokenizer and token parser, counts lines, and turns the
 * values the parser completes into items. Each release (or record) is taken out of its parent
 * array as soon as it completes, so a package's array never grows.
 */
class OcdsStreamReader {
  private readonly tokenizer = new Tokenizer({ separator: "" });
  private readonly parser = new TokenParser({ paths: parserPaths, separator: "" });
  private readonly items: OcdsReadItem[] = [];
  /** Where each object of interest began, for the items found inside records. */
  private readonly lines = new WeakMap<object, number>();
  /** The lines on which the containers now open began, innermost last. */
  private readonly openLines: number[] = [];
  private closedLine = 1;
  private lastTokenOffset = 0;

  // Line counting: bytes before `scanned` have been counted into `line`.
  private chunk: Uint8Array = new Uint8Array(0);
  private chunkStart = 0;
  private scanned = 0;
  private line = 1;
  private lineStart = 0;

  // The top-level value being read.
  private document = 0;
  private documentLine = 1;
  private fullReleases = 0;
  private linkedReleases = 0;

  constructor(
    private readonly file: string,
    private readonly onWarning: ReadOcdsOptions["onWarning"],
  ) {
    this.tokenizer.onToken = (info) => {
      switch (info.token) {
        case TokenType.LEFT_BRACE:
        case TokenType.LEFT_BRACKET: {
          const line = this.lineAt(info.offset);
          if (this.openLines.length === 0) this.documentLine = line;
          this.openLines.push(line);
          break;
        }
        case TokenType.RIGHT_BRACE:
        case TokenType.RIGHT_BRACKET:
          this.closedLine = this.openLines.pop() ?? this.line;
          break;
        default:
          if (this.openLines.length === 0) this.documentLine = this.lineAt(info.offset);
      }
      this.lastTokenOffset = info.offset;
      this.parser.write(info);
    };
    this.parser.onValue = (info) => this.onValue(info);
  }

  /** Parses one chunk and returns the items it completed. */
  write(chunk: Uint8Array): OcdsReadItem[] {
    this.chunk = chunk;
    try {
      this.tokenizer.write(chunk);
    } catch (error) {
      throw this.parseError(error);
    }
    this.lineAt(this.chunkStart + chunk.length);
    this.chunkStart += chunk.length;
    return this.items.splice(0);
  }

  /** Ends the stream and returns the last items. */
  end(): OcdsReadItem[] {
    try {
      this.tokenizer.end();
      if (!this.parser.isEnded) this.parser.end();
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(
        "the JSON ends in the middle of a value: the file may be cut short or not JSON",
        { file: this.file, line: this.line },
      );
    }
    if (this.document === 0) {
      throw new InputError("the file is empty; expected OCDS JSON (a package, release or record)", {
        file: this.file,
      });
    }
    return this.items.splice(0);
  }

  /**
   * A whole JSON value read elsewhere (a line of JSON lines) on `line`: its items, as for a
   * top-level value of the stream. A bare release carries `text`, the JSON as the file has it.
   */
  readWhole(value: unknown, line: number, text: string): OcdsReadItem[] {
    try {
      this.readDocument(value, line, "");
    } finally {
      this.document += 1;
    }
    const items = this.items.splice(0);
    if (items.length === 1 && items[0]!.release === value) items[0]!.text = text;
    return items;
  }

  private onValue({ value, key, parent, stack }: ParsedElementInfo): void {
    const line = typeof value === "object" && value !== null ? this.closedLine : this.line;
    if (stack.length === 0) {
      this.finishDocument(value, line);
      return;
    }
    if (stack.length === 1) {
      if (Array.isArray(parent)) {
        // An item of a top-level JSON array: read it whole, as its own document.
        this.readDocument(value, line, `/${String(key)}`);
        parent.length -= 1;
      } else if (isObject(value)) {
        this.lines.set(value, line);
      }
      return;
    }
    const container = stack[1]!.key;
    if (stack.length === 2 && Array.isArray(parent) && typeof key === "number") {
      if (container === "releases") {
        this.readPackageRelease(value, line, key);
        parent.length -= 1;
        return;
      }
      if (container === "records") {
        this.readRecord(value, line, `/records/${key}`, key);
        parent.length -= 1;
        return;
      }
    }
    if (isObject(value)) this.lines.set(value, line);
  }

  /** A release of the top-level `releases` array, of a release package or a record. */
  private readPackageRelease(value: unknown, line: number, index: number): void {
    const source = this.source(line, `/releases/${index}`, index);
    if (!isObject(value)) throw notAnObject("a release", source);
    if (isLinkedRelease(value)) {
      this.linkedReleases += 1;
      return;
    }
    this.fullReleases += 1;
    this.items.push({ kind: "release", release: value, source });
  }

  /** The end of a top-level value: tells what it was, and yields what is left to yield. */
  private finishDocument(value: unknown, line: number): void {
    const fullReleases = this.fullReleases;
    const linkedReleases = this.linkedReleases;
    this.fullReleases = 0;
    this.linkedReleases = 0;
    line = this.documentLine;
    try {
      if (Array.isArray(value)) return;
      if (!isObject(value)) {
        throw new InputError(
          `expected an OCDS package, release or record (a JSON object), found ${describe(value)}`,
          { file: this.file, line },
        );
      }
      if ("records" in value) {
        if (!Array.isArray(value.records)) throw notAnArray("records", this.source(line, ""));
        return;
      }
      if ("releases" in value) {
        if (!Array.isArray(value.releases)) throw notAnArray("releases", this.source(line, ""));
        if (isRecord(value)) {
          this.finishRecord(value, fullReleases, linkedReleases, this.source(line, ""), "");
        } else if (linkedReleases > 0) {
          this.warn(
            `the release package has ${linkedReleases} linked release(s) (a url, no data); they were skipped`,
            this.source(line, ""),
          );
        }
        return;
      }
      if (isRelease(value)) {
        this.items.push({ kind: "release", release: value, source: this.source(line, "") });
        return;
      }
      throw notOcds(value, this.source(line, ""));
    } finally {
      this.document += 1;
    }
  }

  /** An item of a top-level array, or a JSON value that is complete: a package, release or record. */
  private readDocument(value: unknown, line: number, pointer: string): void {
    const source = this.source(line, pointer);
    if (!isObject(value)) throw notAnObject("an item of the top-level array", source);
    if ("records" in value) {
      if (!Array.isArray(value.records)) throw notAnArray("records", source);
      value.records.forEach((record, index) =>
        this.readRecord(record, line, `${pointer}/records/${index}`, index),
      );
    } else if ("releases" in value && isRecord(value)) {
      this.readRecord(value, line, pointer, undefined);
    } else if ("releases" in value) {
      if (!Array.isArray(value.releases)) throw notAnArray("releases", source);
      value.releases.forEach((release, index) => {
        const releaseSource = this.source(line, `${pointer}/releases/${index}`, index);
        if (!isObject(release)) throw notAnObject("a release", releaseSource);
        if (!isLinkedRelease(release)) {
          this.items.push({ kind: "release", release, source: releaseSource });
        }
      });
    } else if (isRelease(value)) {
      this.items.push({ kind: "release", release: value, source });
    } else {
      throw notOcds(value, source);
    }
  }

  /** A whole record: yields its full releases, or its compiled release if it has none. */
  private readRecord(
    value: unknown,
    line: number,
    pointer: string,
    index: number | undefined,
  ): void {
    const source = this.source(line, pointer, index);
    if (!isObject(value)) throw notAnObject("a record", source);
    const releases = value.releases ?? [];
    if (!Array.isArray(releases)) throw notAnArray("releases", source);
    let full = 0;
    let linked = 0;
    releases.forEach((release, position) => {
      const releaseLine = (isObject(release) ? this.lines.get(release) : undefined) ?? line;
      const releaseSource = this.source(releaseLine, `${pointer}/releases/${position}`, position);
      if (!isObject(release)) throw notAnObject("a release", releaseSource);
      if (isLinkedRelease(release)) {
        linked += 1;
      } else {
        full += 1;
        this.items.push({ kind: "release", release, source: releaseSource });
      }
    });
    this.finishRecord(value, full, linked, source, pointer);
  }

  private finishRecord(
    record: JsonObject,
    full: number,
    linked: number,
    source: OcdsSource,
    pointer: string,
  ): void {
    const compiled = record.compiledRelease;
    if (full === 0 && isObject(compiled)) {
      const line = this.lines.get(compiled) ?? source.line;
      this.items.push({
        kind: "compiledRelease",
        release: compiled,
        source: { ...source, line, pointer: `${pointer}/compiledRelease` },
      });
    } else if (full === 0) {
      this.warn("the record has no full releases and no compiledRelease; nothing was read", source);
    } else if (linked > 0) {
      this.warn(
        `the record mixes ${full} full and ${linked} linked release(s); only the full ones were read`,
        source,
      );
    }
  }

  private source(line: number, pointer: string, index?: number): OcdsSource {
    const source: OcdsSource = { file: this.file, line, document: this.document, pointer };
    if (index !== undefined) source.index = index;
    return source;
  }

  private warn(message: string, source: OcdsSource): void {
    this.onWarning?.(message, source);
  }

  /**
   * The line of a byte offset in the stream. Offsets only move forward, and lie in the current
   * chunk for the brackets and braces this is asked about, so lines are counted once.
   */
  private lineAt(offset: number): number {
    const end = Math.min(offset, this.chunkStart + this.chunk.length);
    let position = Math.max(this.scanned, this.chunkStart);
    while (position < end) {
      const newline = this.chunk.indexOf(0x0a, position - this.chunkStart);
      if (newline === -1 || newline + this.chunkStart >= end) break;
      this.line += 1;
      this.lineStart = newline + this.chunkStart + 1;
      position = this.lineStart;
    }
    if (end > this.scanned) this.scanned = end;
    return this.line;
  }

  private parseError(error: unknown): unknown {
    if (error instanceof InputError || !(error instanceof Error)) return error;
    // The tokenizer says: Unexpected "x" at chunk position "i" (absolute position "n") in state S.
    const tokenizer =
      /^Unexpected "(.*)" at chunk position "\d+" \(absolute position "(\d+)"\)/s.exec(
        error.message,
      );
    const offset = tokenizer ? Number(tokenizer[2]) : this.lastTokenOffset;
    const line = this.lineAt(offset);
    // A token parser error may name a string that began in an earlier chunk: no column then.
    const column = offset >= this.lineStart ? ` at column ${offset - this.lineStart + 1}` : "";
    const found = tokenizer ? `"${tokenizer[1]}"` : tokenName(error.message);
    return new InputError(`malformed JSON: unexpected ${found}${column}`, {
      file: this.file,
      line,
    });
  }
}

/** A linked release of a record: a `url` (and `date`, `tag`) pointing at the release. */
function isLinkedRelease(release: JsonObject): boolean {
  return "url" in release && !("ocid" in release) && !("id" in release);
}

/**
 * A release on its own, told by its `ocid` or, when that is missing, by its `tag` (which only a
 * release has): a release without an ocid is yielded, for validation to report it, rather than
 * stopping the file as not OCDS.
 */
function isRelease(value: JsonObject): boolean {
  return "ocid" in value || "tag" in value;
}

/**
 * A record, told from a release package (which has no `ocid`) by its `ocid` or its compiled or
 * versioned release. Contracts Finder's records have no `ocid` of their own.
 */
function isRecord(value: JsonObject): boolean {
  return "compiledRelease" in value || "versionedRelease" in value || "ocid" in value;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** The token named by a token parser error ("Unexpected STRING ("b") in state ..."). */
function tokenName(message: string): string {
  const match = /^Unexpected (\w+)(?: \((.*)\))? in state/s.exec(message);
  if (match === null) return "end of a value";
  const name = match[1]!.toLowerCase().replace("_", " ");
  return match[2] === undefined ? name : `${name} ${match[2]}`;
}

// The JSON Pointer goes in the message, not in `field`: InputError would call a field with a line
// a column, as in a CSV file.
function notAnObject(what: string, source: OcdsSource): InputError {
  const where = source.pointer === "" ? "" : ` (at ${source.pointer})`;
  return new InputError(`${what}${where} must be a JSON object`, {
    file: source.file,
    line: source.line,
  });
}

function notAnArray(field: string, source: OcdsSource): InputError {
  return new InputError(`"${field}" (at ${source.pointer}/${field}) must be a JSON array`, {
    file: source.file,
    line: source.line,
  });
}

function notOcds(value: JsonObject, source: OcdsSource): InputError {
  const fields = Object.keys(value).slice(0, 5).join(", ");
  return new InputError(
    `expected an OCDS release package ("releases"), record package ("records"), release ("ocid", "tag") or record; found an object with ${fields === "" ? "no fields" : `fields ${fields}`}`,
    { file: source.file, line: source.line },
  );
}

/**
 * The bytes of a stream, gunzipped when its first two bytes are the gzip magic number (1f 8b,
 * RFC 1952 section 2.3.1). Concatenated gzip members are read one after another.
 */
async function* decompressIfGzipped(
  chunks: AsyncIterable<Uint8Array | string>,
  file: string,
): AsyncGenerator<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headLength = 0;
  while (headLength < 2) {
    const next = await iterator.next();
    if (next.done === true) break;
    const bytes = toBytes(next.value);
    head.push(bytes);
    headLength += bytes.length;
  }
  const first = head.length === 1 ? head[0]! : Buffer.concat(head);
  async function* all(): AsyncGenerator<Uint8Array> {
    if (first.length > 0) yield first;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield toBytes(next.value);
    }
  }
  if (first[0] !== 0x1f || first[1] !== 0x8b) {
    yield* all();
    return;
  }
  // 64 KiB output chunks (zlib's default is 16 KiB) read a gzipped package a quarter faster.
  const gunzip = pipeline(
    Readable.from(all()),
    createGunzip({ chunkSize: 64 * 1024 }),
    () => undefined,
  );
  try {
    for await (const chunk of gunzip) yield chunk as Uint8Array;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("Z_")) {
      // zlib gives no position of its own; the compressed bytes it had been given when it failed
      // are the file's length when the file is cut short, and bound the damage otherwise.
      const message = `${(error as Error).message} at byte ${gunzip.bytesWritten} of the compressed file`;
      throw new InputError(`the gzip data is damaged or cut short (${message})`, { file });
    }
    throw error;
  } finally {
    gunzip.destroy();
  }
}

function toBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
}

function fileError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return new InputError("there is no such file", { file });
  if (code === "EISDIR") return new InputError("this is a folder, not a file", { file });
  if (code === "EACCES")
    return new InputError("the file cannot be read (permission denied)", { file });
  return error;
}
