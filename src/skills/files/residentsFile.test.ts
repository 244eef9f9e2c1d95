import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { parseAgeBand, readResidentsFile } from "./residentsFile.js";

/** The InputError a reader rejects with. */
async function readError(reading: Promise<unknown>): Promise<InputError> {
  const error = await reading.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof InputError) return error;
  throw error ?? new Error("expected the reader to fail");
}

const read = (text: string) => readResidentsFile(text, "residents.csv");

describe("parseAgeBand", () => {
  test("parseAgeBand reads closed and open bands as written in files and Census tables", () => {
    expect(
      ["16-24", "16 – 24", "16 to 24", "Aged 16 to 24 years", "aged 25 to 34 years old"].map(
        parseAgeBand,
      ),
    ).toEqual([
      { ageFrom: 16, ageTo: 24 },
      { ageFrom: 16, ageTo: 24 },
      { ageFrom: 16, ageTo: 24 },
      { ageFrom: 16, ageTo: 24 },
      { ageFrom: 25, ageTo: 34 },
    ]);
    expect(
      ["65+", "65 and over", "Aged 65 years and over", "65 or older"].map(parseAgeBand),
    ).toEqual([{ ageFrom: 65 }, { ageFrom: 65 }, { ageFrom: 65 }, { ageFrom: 65 }]);
    expect(["", "teens", "16-", "-24", "16-24-30", "sixteen to 24"].map(parseAgeBand)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("readResidentsFile", () => {
  test("readResidentsFile reads levels, bands and residents, open bands without an end", async () => {
    expect(
      await read(
        'level,age_band,residents\nnone,16-24,"1,500"\nlevel 3,Aged 16 to 24 years,900\n3,65+,20\n',
      ),
    ).toEqual([
      { level: "entry", ageFrom: 16, ageTo: 24, residents: 1500, line: 2 },
      { level: "3", ageFrom: 16, ageTo: 24, residents: 900, line: 3 },
      { level: "3", ageFrom: 65, residents: 20, line: 4 },
    ]);
  });

  test("readResidentsFile rejects bands that overlap within a level, naming the other's line", async () => {
    const error = await readError(
      read("level,age_band,residents\n3,16-24,5\n6+,20-29,5\n3,60+,1\n3,20-29,5\n"),
    );
    expect(error.message).toBe(
      'residents.csv, line 5, column "age_band": this band overlaps 16-24 at the same level, at line 2; give each age once (found "20-29")',
    );
    const open = await readError(read("level,age_band,residents\n3,50+,5\n3,60-64,5\n"));
    expect(open.reason).toMatch(/^this band overlaps 50\+ at the same level, at line 2/);
  });

  test("readResidentsFile rejects a band that is not one, starts below 16, runs backwards or past 120", async () => {
    const reason = async (band: string) =>
      (await readError(read(`level,age_band,residents\n3,${band},5\n`))).reason;
    expect(await reason("teens")).toMatch(/^expected an age band of whole years from 16, such as/);
    expect(await reason("10-15")).toBe(
      "expected a band from age 16 or over: qualifications are counted from 16",
    );
    expect(await reason("24-16")).toMatch(/^expected the oldest age of the band at or above/);
    expect(await reason("90-130")).toMatch(/at most 120$/);
  });

  test("readResidentsFile rejects an unknown level, negative residents and no rows", async () => {
    expect((await readError(read("level,age_band,residents\n4,16-24,5\n"))).reason).toMatch(
      /level 4 belongs to the band 4-5/,
    );
    expect((await readError(read("level,age_band,residents\n3,16-24,-5\n"))).location).toEqual({
      file: "residents.csv",
      line: 2,
      field: "residents",
      value: "-5",
    });
    expect((await readError(read("level,age_band,residents\n"))).reason).toMatch(
      /^the file has no rows/,
    );
  });
});
