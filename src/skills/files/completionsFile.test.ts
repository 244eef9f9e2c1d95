import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { levelExpected, readCompletionsFile } from "./completionsFile.js";

/** The InputError a reader rejects with. */
async function readError(reading: Promise<unknown>): Promise<InputError> {
  const error = await reading.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof InputError) return error;
  throw error ?? new Error("expected the reader to fail");
}

const read = (text: string) => readCompletionsFile(text, "completions.csv");

describe("readCompletionsFile", () => {
  test("readCompletionsFile reads levels however written, subjects as labels, and people with separators", async () => {
    const rows = await read(
      'Level,Subject,Completions\nRQF3,  Engineering   and Manufacturing ,"1,200"\n6+,4,35.5\nnone,all,0\n',
    );
    expect(rows).toEqual([
      { level: "3", subject: "Engineering and Manufacturing", completions: 1200, line: 2 },
      { level: "6+", subject: "4", completions: 35.5, line: 3 },
      { level: "entry", subject: "all", completions: 0, line: 4 },
    ]);
  });

  test("readCompletionsFile rejects a level and subject given twice, in any case, at the second line", async () => {
    const error = await readError(
      read("level,subject,completions\n3,Engineering,30\n1-2,Engineering,4\n3,ENGINEERING,5\n"),
    );
    expect(error.message).toBe(
      'completions.csv, line 4, column "subject": this level and subject already have completions, at line 2 (found "ENGINEERING")',
    );
  });

  test("readCompletionsFile rejects negative and suppressed completions, saying what to do", async () => {
    expect((await readError(read("level,subject,completions\n3,Engineering,-3\n"))).message).toBe(
      'completions.csv, line 2, column "completions": expected a number of people a year, 0 or more, such as 120 (found "-3")',
    );
    for (const marker of ["low", "c", "x", ""]) {
      const error = await readError(read(`level,subject,completions\n3,Engineering,${marker}\n`));
      expect(error.reason).toMatch(/a suppressed or missing figure cannot be added up/);
    }
  });

  test("readCompletionsFile rejects a blank subject, an unknown level with a hint for a single level, and no rows", async () => {
    expect((await readError(read("level,subject,completions\n3,,5\n"))).reason).toMatch(
      /^expected a subject, such as "Engineering"/,
    );
    const single = await readError(read("level,subject,completions\nLevel 2,Engineering,5\n"));
    expect(single.location).toMatchObject({ line: 2, field: "level", value: "Level 2" });
    expect(single.reason).toMatch(/; level 2 belongs to the band 1-2: add up the rows/);
    expect((await readError(read("level,subject,completions\n"))).reason).toBe(
      "the file has no rows; expected a row per level and subject: level,subject,completions",
    );
    expect((await readError(read("level,completions\n3,5\n"))).message).toMatch(/subject/);
  });
});

describe("levelExpected", () => {
  test("levelExpected hints at the band of a single level, and only then", () => {
    expect(levelExpected("5")).toMatch(/level 5 belongs to the band 4-5/);
    expect(levelExpected("RQF 1")).toMatch(/level 1 belongs to the band 1-2/);
    expect(levelExpected("7")).not.toMatch(/belongs/);
    expect(levelExpected("degree")).toMatch(/^expected a qualification level: entry, 1-2/);
  });
});
