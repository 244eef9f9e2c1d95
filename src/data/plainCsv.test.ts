import { createReadStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Random } from "../demo/random.js";
import { forEachPlainCsvRow, plainLineBreak } from "./plainCsv.js";
import { readCsv } from "./readCsv.js";

const folder = mkdtempSync(join(tmpdir(), "placefirst-plain-"));
let files = 0;

function file(content: string | Buffer): string {
  const path = join(folder, `file-${(files += 1)}.csv`);
  writeFileSync(path, content);
  return path;
}

type Read = { header: string[]; rows: [number, string[]][] } | { error: string };

async function bySplitting(path: string, lineBreak: "\n" | "\r\n"): Promise<Read> {
  const rows: [number, string[]][] = [];
  let header: string[] = [];
  try {
    await forEachPlainCsvRow(
      path,
      lineBreak,
      (names) => (header = names),
      (fields, line) => rows.push([line, fields]),
    );
  } catch (error) {
    return { error: (error as Error).message };
  }
  return { header, rows };
}

async function byParser(path: string): Promise<Read> {
  try {
    const reader = await readCsv(createReadStream(path), path);
    const rows: [number, string[]][] = [];
    for await (const row of reader.rows) rows.push([row.line, row.fields]);
    return { header: reader.header, rows };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe("plainLineBreak and forEachPlainCsvRow", () => {
  test("plainLineBreak tells a file that can be split by hand from one that cannot", async () => {
    expect(await plainLineBreak(file("count,ranking\n1,A>B\n"))).toBe("\n");
    expect(await plainLineBreak(file("\ufeffcount,ranking\r\n1,A>B\r\n"))).toBe("\r\n");
    expect(await plainLineBreak(file('count,ranking\n1,"A>B"\n'))).toBeUndefined();
    expect(await plainLineBreak(file("count,ranking\r\n1,A>B\n"))).toBeUndefined();
    expect(await plainLineBreak(file("count,ranking\n1,A\rB\n"))).toBeUndefined();
    expect(await plainLineBreak(file("count,ranking\r\n1,A>B\r"))).toBeUndefined();
  });

  test("forEachPlainCsvRow reads what readCsv reads: BOM, CRLF, blank lines, short rows, errors", async () => {
    const cases = [
      "count,ranking\n1,A>B\n2,C\n",
      "\ufeff count , ranking \r\n1,A>B\r\n\r\n3,B=C\r\n",
      "count,ranking\n\n\n1,A\n  \n2\n",
      "count,ranking\n1,A>B,extra\n",
      "\n\ncount,ranking\n1,A",
      "",
      "\n \n",
    ];
    for (const content of cases) {
      const path = file(content);
      const lineBreak = await plainLineBreak(path);
      expect(lineBreak, JSON.stringify(content)).toBeDefined();
      const expected = await byParser(path);
      const actual = await bySplitting(path, lineBreak!);
      if ("error" in expected) {
        expect("error" in actual && actual.error.replace(path, "")).toBe(
          expected.error.replace(path, ""),
        );
      } else {
        expect(actual, JSON.stringify(content)).toEqual(expected);
      }
    }
    const binary = file(Buffer.from([0x63, 0x00, 0x01, 0x02, 0x0a, 0x31]));
    expect(await bySplitting(binary, "\n")).toMatchObject({
      error: expect.stringMatching(/binary/),
    });
  });

  test("forEachPlainCsvRow agrees with readCsv on 300 random plain files", async () => {
    const random = new Random(11);
    const pieces = ["A", "B", ">", "=", ";", ",", " ", "1", "2", "\n", "\n", "\n", "é", "x"];
    let compared = 0;
    for (let round = 0; round < 300; round++) {
      const crlf = random.next() < 0.3;
      let body = "count,ranking\n";
      const length = random.integer(0, 80);
      for (let index = 0; index < length; index++)
        body += pieces[random.integer(0, pieces.length - 1)];
      if (crlf) body = body.replaceAll("\n", "\r\n");
      const path = file(body);
      const lineBreak = await plainLineBreak(path);
      if (lineBreak === undefined) continue;
      compared += 1;
      const expected = await byParser(path);
      const actual = await bySplitting(path, lineBreak);
      expect(actual, JSON.stringify(body)).toEqual(expected);
    }
    expect(compared).toBeGreaterThan(250);
  });
});
