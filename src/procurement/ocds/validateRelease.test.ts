import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { hasSharedData, sharedFile } from "../../../test/helpers/sharedData.js";
import { readOcdsReleases } from "./readOcds.js";
import { currencyCodes, validateRelease } from "./validateRelease.js";

/** A minimal valid release, with the given fields added or replaced. */
function release(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ocid: "ocds-test-1",
    id: "r1",
    date: "2024-01-01T09:30:00Z",
    tag: ["tender"],
    ...fields,
  };
}

/** The paths of the problems found in a release with the given fields. */
function problemPaths(fields: Record<string, unknown>): string[] {
  return validateRelease(release(fields)).problems.map((problem) => problem.path);
}

describe("validateRelease", () => {
  test("validateRelease(a minimal release) returns it typed with no problems", () => {
    const value = release();
    const result = validateRelease(value);
    expect(result.problems).toEqual([]);
    expect(result.release).toBe(value);
  });

  test("validateRelease(not an object) returns a problem at the release itself", () => {
    for (const value of [null, "release", [release()], 3]) {
      expect(validateRelease(value)).toEqual({
        problems: [{ path: "", message: "a release must be a JSON object" }],
      });
    }
  });

  test("validateRelease returns no release when there is any problem", () => {
    const result = validateRelease(release({ ocid: "" }));
    expect(result.release).toBeUndefined();
    expect(result.problems).toEqual([{ path: "ocid", message: "must be a non-empty string" }]);
  });

  test("validateRelease checks ocid, id, date and tag as the schema requires them", () => {
    const result = validateRelease({ ocid: 12, id: 3, date: "2024-01-01", tag: "tender" });
    expect(result.problems.map((problem) => problem.path)).toEqual(["ocid", "id", "date", "tag"]);
    expect(problemPaths({ tag: [] })).toEqual(["tag"]);
  });

  test("validateRelease accepts RFC 3339 date-times with a zone and rejects others", () => {
    for (const date of [
      "2014-12-17T16:44:56Z",
      "2015-12-22T00:00:00-06:00",
      "2024-02-29T23:59:59.123+01:00",
    ]) {
      expect(problemPaths({ date }), date).toEqual([]);
    }
    for (const date of [
      "2014-12-17",
      "2014-12-17T16:44:56",
      "2023-02-29T00:00:00Z",
      "2024-04-31T00:00:00Z",
      "2024-01-01T24:00:00Z",
      "17/12/2014 16:44",
      20141217,
    ]) {
      expect(problemPaths({ date }), String(date)).toEqual(["date"]);
    }
  });

  test("validateRelease names each tag that is not in the releaseTag codelist", () => {
    const result = validateRelease(release({ tag: ["tender", "Tender", "compiled", 5] }));
    expect(result.problems).toEqual([
      { path: "tag[1]", message: '"Tender" is not a code of the releaseTag codelist' },
      { path: "tag[3]", message: "5 is not a code of the releaseTag codelist" },
    ]);
  });

  test("validateRelease checks every monetary value's amount and currency, at its path", () => {
    const paths = problemPaths({
      tender: {
        value: { amount: "1000", currency: "GBP" },
        minValue: { amount: 10, currency: "gbp" },
        lots: [{ id: "1", value: { amount: 5 } }],
        items: [{ id: "1", unit: { value: { amount: 1, currency: "GBP" } } }],
      },
      planning: { budget: { amount: { amount: 1, currency: "POUNDS" } } },
      awards: [{ id: "a", value: { amount: 12.5, currency: "GBP" } }],
      contracts: [{ id: "c", value: { amount: Number.NaN, currency: "GBP" } }],
    });
    // In the order of the release's fields.
    expect(paths).toEqual([
      "tender.value.amount",
      "tender.minValue.currency",
      "tender.lots[0].value.currency",
      "planning.budget.amount.currency",
      "contracts[0].value.amount",
    ]);
  });

  test("validateRelease names a currency that is not in the OCDS currency codelist, at its path", () => {
    const result = validateRelease(
      release({
        tender: { value: { amount: 1000, currency: "XXY" } },
        awards: [
          { id: "a", value: { amount: 1, currency: "POUNDS" } },
          { id: "b", value: { amount: 1, currency: "gbp" } },
          { id: "c", value: { amount: 1, currency: 826 } },
        ],
      }),
    );
    expect(result.release).toBeUndefined();
    expect(result.problems).toEqual([
      {
        path: "tender.value.currency",
        message: '"XXY" is not a code of the currency codelist (ISO 4217, such as GBP)',
      },
      {
        path: "awards[0].value.currency",
        message: '"POUNDS" is not a code of the currency codelist (ISO 4217, such as GBP)',
      },
      {
        path: "awards[1].value.currency",
        message: '"gbp" is not a code of the currency codelist (ISO 4217, such as GBP)',
      },
      {
        path: "awards[2].value.currency",
        message: "826 is not a code of the currency codelist (ISO 4217, such as GBP)",
      },
    ]);
  });

  test("validateRelease accepts current and withdrawn codes of the currency codelist", () => {
    // Withdrawn codes (Deutsche Mark, Irish Pound) stay in the codelist for old releases; XXX is
    // ISO 4217's "no currency involved".
    for (const currency of ["GBP", "EUR", "USD", "MXN", "PYG", "DEM", "IEP", "XXX"]) {
      expect(problemPaths({ tender: { value: { amount: 1, currency } } }), currency).toEqual([]);
    }
  });

  test("currencyCodes holds the 302 distinct three-letter codes of the OCDS 1.1.5 currency codelist", () => {
    expect(currencyCodes).toHaveLength(302);
    expect(new Set(currencyCodes).size).toBe(302);
    expect(currencyCodes.every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
    expect(currencyCodes).not.toContain("XXY");
  });

  test("validateRelease accepts a value of nulls, as a release may clear one", () => {
    expect(problemPaths({ tender: { value: { amount: null, currency: null } } })).toEqual([]);
  });

  test("validateRelease checks items' classifications for a scheme and a code", () => {
    const paths = problemPaths({
      tender: {
        items: [
          { id: 1, classification: { scheme: "CPV", id: "45233130" } },
          { id: "2", classification: { schema: "CPV", id: "45233130" } },
          {
            id: "3",
            classification: { scheme: "CPV", id: 45233130 },
            additionalClassifications: [{}],
          },
          { id: "4", classification: "45233130" },
          { id: "5" },
        ],
      },
    });
    expect(paths).toEqual([
      "tender.items[1].classification.scheme",
      "tender.items[2].additionalClassifications[0].scheme",
      "tender.items[2].additionalClassifications[0].id",
      "tender.items[3].classification",
    ]);
  });

  test("validateRelease requires awards and contracts to have an id and suppliers a name or id", () => {
    const paths = problemPaths({
      awards: [
        { id: "a", suppliers: [{ id: "GB-COH-1" }, { name: "AnyCorp" }, {}, "AnyCorp"] },
        { title: "no id" },
      ],
      contracts: [{ awardID: "a" }, { id: "c", awardID: ["a"] }],
    });
    expect(paths).toEqual([
      "awards[0].suppliers[2]",
      "awards[0].suppliers[3]",
      "awards[1].id",
      "contracts[0].id",
      "contracts[1].awardID",
    ]);
  });

  test("validateRelease checks parties' roles and details.scale against the partyScale codelist", () => {
    const paths = problemPaths({
      parties: [
        { id: "1", roles: ["supplier"], details: { scale: "sme" } },
        { id: "2", roles: ["supplier"], details: { scale: "large" } },
        { id: "3", roles: ["supplier"], details: { scale: "" } },
        { id: "4", roles: "supplier", details: { scale: "SME" } },
        { id: "5", roles: [1], details: { scale: null } },
      ],
    });
    expect(paths).toEqual(["parties[3].roles", "parties[3].details.scale", "parties[4].roles[0]"]);
  });

  test("validateRelease checks the dates the importer reads: tender period, award date, contract period", () => {
    const paths = problemPaths({
      tender: { tenderPeriod: { endDate: "27/02/2015" } },
      awards: [{ id: "a", date: "2015-03-01" }],
      contracts: [{ id: "c", period: { startDate: "2015-04-01T00:00:00Z", endDate: 2016 } }],
    });
    expect(paths).toEqual([
      "tender.tenderPeriod.endDate",
      "awards[0].date",
      "contracts[0].period.endDate",
    ]);
  });

  test("validateRelease flags sections of the wrong type", () => {
    expect(problemPaths({ tender: [], awards: {}, parties: "x", buyer: "Met Office" })).toEqual([
      "parties",
      "buyer",
      "tender",
      "awards",
    ]);
  });

  test("validateRelease accepts 1.0-era data: no parties, inline supplier details, integer item ids", () => {
    const paths = problemPaths({
      buyer: { name: "MET OFFICE", address: { postalCode: " EX1 3PB" }, identifier: { id: "" } },
      packageInfo: { publisher: { name: "MET OFFICE" } },
      tender: { items: [{ id: 1, classification: { scheme: "CPV", id: "73000000" } }] },
      awards: [{ id: "1", suppliers: [{ name: "AnyCorp", identifier: { id: "X" } }] }],
    });
    expect(paths).toEqual([]);
  });
});

if (!hasSharedData) {
  console.warn(
    "Skipping the real-data OCDS validation tests: ../shared/data is not beside the project.",
  );
}

describe.skipIf(!hasSharedData)("validateRelease on published OCDS data", () => {
  test("currencyCodes are the codes of the OCDS 1.1.5 currency codelist file, in its order", () => {
    const csv = readFileSync(
      sharedFile("procurement/ocds_schema_1_1_5/codelists/currency.csv"),
      "utf8",
    );
    // Code is the first column; no code is quoted, though some titles are.
    const codes = csv
      .split("\n")
      .slice(1)
      .filter((line) => line.trim() !== "")
      .map((line) => line.split(",")[0]);
    expect(currencyCodes).toEqual(codes);
  });

  test("validateRelease passes every Contracts Finder release and record release, old and new", async () => {
    for (const folder of ["releases", "records"]) {
      const directory = sharedFile(`procurement/uk_contracts_finder_sample/${folder}`);
      for (const name of readdirSync(directory).filter((file) => file.endsWith(".json"))) {
        for await (const item of readOcdsReleases(join(directory, name))) {
          expect(validateRelease(item.release).problems, name).toEqual([]);
        }
      }
    }
  });

  test("validateRelease passes the worked example's releases and its compiled release", async () => {
    const directory = sharedFile("procurement/ocds_fictional_example_1_1");
    const paths = readdirSync(directory)
      .filter((file) => file.endsWith(".json"))
      .map((file) => join(directory, file))
      .concat(join(directory, "record/ocds-213czf-000-00001.json"));
    let count = 0;
    for (const path of paths) {
      for await (const item of readOcdsReleases(path)) {
        expect(validateRelease(item.release).problems, path).toEqual([]);
        count += 1;
      }
    }
    expect(count).toBe(13);
  });

  test("validateRelease passes the Mexico City packages and flags Paraguay's misspelt 'schema'", async () => {
    for (const name of ["release-package-1.json", "release-package-2.json"]) {
      for await (const item of readOcdsReleases(
        sharedFile(`procurement/ocdskit_realdata/${name}`),
      )) {
        expect(validateRelease(item.release).problems, name).toEqual([]);
      }
    }
    // DNCP wrote "schema" for "scheme" in its contract items' classifications.
    const items = readOcdsReleases(
      sharedFile("procurement/ocdskit_realdata/release-package_1.1-2.json"),
    );
    for await (const item of items) {
      const paths = validateRelease(item.release).problems.map((problem) => problem.path);
      expect(paths).toEqual(
        [0, 1, 2, 3, 4].map((i) => `contracts[0].items[${i}].classification.scheme`),
      );
    }
  });
});
