import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { hasSharedData, sharedFile } from "../../../test/helpers/sharedData.js";
import { InputError } from "../../core/errors.js";
import {
  readOcdsReleases,
  readOcdsStream,
  type OcdsReadItem,
  type OcdsSource,
  type ReadOcdsOptions,
} from "./readOcds.js";

const folder = mkdtempSync(join(tmpdir(), "placefirst-ocds-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Writes a temporary file and returns its path. */
function temporaryFile(name: string, content: string | Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string, options: ReadOcdsOptions = {}): Promise<OcdsReadItem[]> {
  const items: OcdsReadItem[] = [];
  for await (const item of readOcdsReleases(path, options)) items.push(item);
  return items;
}

/** The InputError that reading the file throws. */
async function readError(path: string): Promise<InputError> {
  try {
    await readAll(path);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`reading ${path} did not throw`);
}

const release = (ocid: string, id: string) => ({
  ocid,
  id,
  date: "2024-01-01T00:00:00Z",
  tag: ["tender"],
});

describe("readOcdsReleases on small files", () => {
  test("readOcdsReleases(JSON lines) yields each line's releases with its line and document", async () => {
    const lines = [
      JSON.stringify(release("a", "1")),
      JSON.stringify({ uri: "u", releases: [release("b", "1"), release("b", "2")] }),
      "",
      JSON.stringify({ ocid: "c", releases: [release("c", "1")], compiledRelease: {} }),
    ];
    const items = await readAll(temporaryFile("lines.jsonl", `${lines.join("\n")}\n`));
    expect(items.map((item) => [item.release.id, item.source.line, item.source.document])).toEqual([
      ["1", 1, 0],
      ["1", 2, 1],
      ["2", 2, 1],
      ["1", 4, 2],
    ]);
    expect(items.map((item) => item.source.pointer)).toEqual([
      "",
      "/releases/0",
      "/releases/1",
      "/releases/0",
    ]);
    expect(items[2]!.source.index).toBe(1);
    expect(items[0]!.source.file).toMatch(/lines\.jsonl$/);
  });

  test("readOcdsReleases(a gzipped file named .json) tells gzip from the magic bytes", async () => {
    const text = `${JSON.stringify(release("a", "1"))}\n${JSON.stringify(release("a", "2"))}\n`;
    const items = await readAll(temporaryFile("packed.json", gzipSync(text)));
    expect(items.map((item) => [item.release.id, item.source.line])).toEqual([
      ["1", 1],
      ["2", 2],
    ]);
    // And a plain file is read as plain whatever its name says.
    const plain = await readAll(temporaryFile("plain.json.gz", text));
    expect(plain).toHaveLength(2);
  });

  test("readOcdsReleases(a pretty-printed package) gives the line on which each release begins", async () => {
    const text = JSON.stringify({ releases: [release("a", "1"), release("a", "2")] }, null, 2);
    const items = await readAll(temporaryFile("pretty.json", text));
    const lines = text.split("\n");
    for (const item of items) {
      expect(lines[item.source.line - 1]!.trim()).toBe("{");
      expect(lines[item.source.line]).toContain('"ocid": "a"');
    }
    expect(items.map((item) => item.source.line)).toEqual([3, 11]);
  });

  test("readOcdsReleases(a top-level array) reads each item as a release, package or record", async () => {
    const text = JSON.stringify([release("a", "1"), { releases: [release("b", "1")] }]);
    const items = await readAll(temporaryFile("array.json", text));
    expect(items.map((item) => [item.release.ocid, item.source.pointer])).toEqual([
      ["a", "/0"],
      ["b", "/1/releases/0"],
    ]);
  });

  test("readOcdsReleases(a record with only linked releases) yields its compiledRelease and says so", async () => {
    const record = {
      ocid: "a",
      releases: [
        { url: "https://example.com/a-1.json", date: "2024-01-01T00:00:00Z", tag: ["tender"] },
      ],
      compiledRelease: { ...release("a", "a-2024"), tag: ["compiled"] },
    };
    const items = await readAll(
      temporaryFile("records.json", JSON.stringify({ records: [record] })),
    );
    expect(items).toHaveLength(1);
    expect(items[0]!.kind).toBe("compiledRelease");
    expect(items[0]!.source.pointer).toBe("/records/0/compiledRelease");
    expect(items[0]!.release.tag).toEqual(["compiled"]);
  });

  test("readOcdsReleases warns of a record mixing linked and full releases and reads the full ones", async () => {
    const record = {
      ocid: "a",
      releases: [{ url: "https://example.com/a-1.json" }, release("a", "2")],
      compiledRelease: release("a", "c"),
    };
    const warnings: [string, OcdsSource][] = [];
    const items = await readAll(temporaryFile("mixed.json", JSON.stringify(record)), {
      onWarning: (message, source) => warnings.push([message, source]),
    });
    expect(items.map((item) => [item.kind, item.release.id])).toEqual([["release", "2"]]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]![0]).toMatch(/1 full and 1 linked/);
  });

  test("readOcdsReleases warns of linked releases in a release package and skips them", async () => {
    const text = JSON.stringify({
      releases: [{ url: "https://example.com/1" }, release("a", "1")],
    });
    const warnings: string[] = [];
    const items = await readAll(temporaryFile("linked.json", text), {
      onWarning: (message) => warnings.push(message),
    });
    expect(items).toHaveLength(1);
    expect(warnings).toEqual([expect.stringMatching(/1 linked release/)]);
  });

  test("readOcdsReleases(malformed JSON) throws an InputError with the file, line and column", async () => {
    const path = temporaryFile(
      "bad.json",
      '{\n  "releases": [\n    {"ocid": "a", "id": tru}\n  ]\n}\n',
    );
    const error = await readError(path);
    expect(error.location).toEqual({ file: path, line: 3 });
    expect(error.message).toMatch(/malformed JSON: unexpected "}" at column 28/);
  });

  test("readOcdsReleases(JSON lines with a bad line) names that line", async () => {
    const text = `${JSON.stringify(release("a", "1"))}\n{"ocid" "a"}\n`;
    const error = await readError(temporaryFile("badline.jsonl", text));
    expect(error.location.line).toBe(2);
    expect(error.message).toMatch(/malformed JSON: unexpected string "a"/);
  });

  test("readOcdsReleases(a file cut short) throws an InputError saying so", async () => {
    const error = await readError(temporaryFile("cut.json", '{"releases": [{"ocid": "a"'));
    expect(error.message).toMatch(/ends in the middle of a value/);
  });

  test("readOcdsReleases(an empty file) throws an InputError", async () => {
    expect((await readError(temporaryFile("empty.json", "  \n"))).message).toMatch(/empty/);
  });

  test("readOcdsReleases(JSON that is not OCDS) throws an InputError naming what it found", async () => {
    const object = await readError(temporaryFile("other.json", '{"name": "x", "rows": []}'));
    expect(object.message).toMatch(/found an object with fields name, rows/);
    const text = await readError(temporaryFile("string.json", '\n"hello"'));
    expect(text.message).toMatch(/found a string/);
    expect(text.location.line).toBe(2);
    const entry = await readError(temporaryFile("entry.json", '{"releases": [1]}'));
    expect(entry.message).toMatch(/: a release \(at \/releases\/0\) must be a JSON object$/);
    expect(entry.location.line).toBe(1);
  });

  test("readOcdsReleases(damaged gzip) throws an InputError", async () => {
    const packed = gzipSync(JSON.stringify({ releases: [release("a", "1")] }));
    const error = await readError(
      temporaryFile("damaged.json", packed.subarray(0, packed.length - 12)),
    );
    expect(error.message).toMatch(/gzip data is damaged or cut short/);
  });

  test("readOcdsReleases(a missing file) throws an InputError", async () => {
    const error = await readError(join(folder, "missing.json"));
    expect(error.message).toMatch(/no such file/);
  });

  test("readOcdsReleases(a folder) throws an InputError", async () => {
    const error = await readError(folder);
    expect(error.message).toMatch(/a folder, not a file/);
  });

  test("readOcdsReleases(a file starting with a UTF-8 byte order mark) reads it", async () => {
    const path = temporaryFile("bom.json", `\uFEFF${JSON.stringify(release("a", "1"))}`);
    expect((await readAll(path)).map((item) => item.release.id)).toEqual(["1"]);
  });

  test("readOcdsReleases stops reading when the caller stops early", async () => {
    const releases = Array.from({ length: 5000 }, (_, i) => JSON.stringify(release("a", `${i}`)));
    const path = temporaryFile("long.jsonl", releases.join("\n"));
    const ids: unknown[] = [];
    for await (const item of readOcdsReleases(path)) {
      ids.push(item.release.id);
      if (ids.length === 3) break;
    }
    expect(ids).toEqual(["0", "1", "2"]);
  });

  test("readOcdsReleases with fileName names the file so in sources and errors", async () => {
    const path = temporaryFile("named.json", JSON.stringify(release("a", "1")));
    const items = await readAll(path, { fileName: "upload.json" });
    expect(items[0]!.source.file).toBe("upload.json");
  });
});

describe("readOcdsStream", () => {
  test("readOcdsStream yields a release before the rest of a package has been read", async () => {
    // A package on one line, several times longer than the 64 KB the reader looks into to tell
    // JSON lines (whose first line is a whole object) from one document.
    const text = JSON.stringify({
      releases: Array.from({ length: 10000 }, (_, i) => release("a", `${i}`)),
    });
    let chunksRead = 0;
    async function* chunks(): AsyncGenerator<string> {
      for (let start = 0; start < text.length; start += 1000) {
        chunksRead += 1;
        yield text.slice(start, start + 1000);
      }
    }
    const seenAt: number[] = [];
    for await (const item of readOcdsStream(chunks(), "(stdin)")) {
      seenAt.push(chunksRead);
      expect(item.source.file).toBe("(stdin)");
    }
    expect(seenAt).toHaveLength(10000);
    // The first release is yielded once the first 64 KB are read, not after the whole package.
    expect(seenAt[0]).toBeLessThanOrEqual(70);
    expect(chunksRead).toBeGreaterThan(4 * seenAt[0]!);
  });

  test("readOcdsStream splits a multi-byte character across chunks correctly", async () => {
    const bytes = Buffer.from(JSON.stringify({ ...release("a", "1"), title: "Café – £5" }));
    async function* oneByteAtATime(): AsyncGenerator<Uint8Array> {
      for (const byte of bytes) yield Uint8Array.of(byte);
    }
    const items: OcdsReadItem[] = [];
    for await (const item of readOcdsStream(oneByteAtATime(), "bytes")) items.push(item);
    expect(items[0]!.release.title).toBe("Café – £5");
  });
});

if (!hasSharedData) {
  console.warn(
    "Skipping the real-data OCDS reader tests: ../shared/data is not beside the project.",
  );
}

describe.skipIf(!hasSharedData)("readOcdsReleases on published OCDS files", () => {
  test("readOcdsReleases(each Contracts Finder release file) yields its one bare release", async () => {
    const directory = sharedFile("procurement/uk_contracts_finder_sample/releases");
    const files = readdirSync(directory).filter((name) => name.endsWith(".json"));
    // MANIFEST.md says 22; 21 are there (2c44d7bf has no older "packageInfo" variant).
    expect(files).toHaveLength(21);
    for (const name of files) {
      const items = await readAll(join(directory, name));
      expect(items, name).toHaveLength(1);
      expect(items[0]!.kind).toBe("release");
      expect(items[0]!.source).toMatchObject({ line: 1, document: 0, pointer: "" });
      expect(name.startsWith(items[0]!.release.ocid as string)).toBe(true);
    }
  });

  test("readOcdsReleases(each Contracts Finder record file) yields the record's full release", async () => {
    const directory = sharedFile("procurement/uk_contracts_finder_sample/records");
    for (const name of readdirSync(directory).filter((file) => file.endsWith(".json"))) {
      const items = await readAll(join(directory, name));
      expect(items, name).toHaveLength(1);
      expect(items[0]!.kind).toBe("release");
      expect(items[0]!.source.pointer).toBe("/releases/0");
      expect(`${items[0]!.release.ocid as string}.json`).toBe(name);
      const parsed = JSON.parse(readFileSync(join(directory, name), "utf8")) as {
        releases: unknown[];
      };
      expect(items[0]!.release).toEqual(parsed.releases[0]);
    }
  });

  test("readOcdsReleases(the worked example's all-stages package) yields its six releases in order", async () => {
    const path = sharedFile("procurement/ocds_fictional_example_1_1/ocds-213czf-000-00001.json");
    const items = await readAll(path);
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { releases: unknown[] };
    expect(items.map((item) => item.release)).toEqual(parsed.releases);
    expect(items.map((item) => item.source.index)).toEqual([0, 1, 2, 3, 4, 5]);
    const lines = items.map((item) => item.source.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });

  test("readOcdsReleases(the worked example's record) yields its compiledRelease, its releases being links", async () => {
    for (const name of ["ocds-213czf-000-00001.json", "ocds-213czf-000-00001-withversions.json"]) {
      const path = sharedFile(`procurement/ocds_fictional_example_1_1/record/${name}`);
      const items = await readAll(path);
      expect(items.map((item) => [item.kind, item.source.pointer])).toEqual([
        ["compiledRelease", "/records/0/compiledRelease"],
      ]);
      expect(items[0]!.release.id).toBe("ocds-213czf-000-00001-2011-01-10T09:30:00Z");
    }
  });

  test("readOcdsReleases(the ocdskit packages) yields 2, 2 and 1 releases", async () => {
    const counts: number[] = [];
    for (const name of [
      "release-package-1.json",
      "release-package-2.json",
      "release-package_1.1-2.json",
    ]) {
      counts.push((await readAll(sharedFile(`procurement/ocdskit_realdata/${name}`))).length);
    }
    expect(counts).toEqual([2, 2, 1]);
  });
});
