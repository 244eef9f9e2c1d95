import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { hasSharedData, sharedFile } from "../../../test/helpers/sharedData.js";
import { InputError } from "../../core/errors.js";
import {
  readOcdsTenders,
  tenderOpenness,
  tenderRecordFromSummary,
  tenderToMatch,
} from "./ocdsTendersFile.js";

const folder = mkdtempSync(join(tmpdir(), "placefirst-ocds-tenders-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function temporaryFile(name: string, value: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value, null, 2));
  return path;
}

const tenderRelease = (
  ocid: string,
  id: string,
  date: string,
  tender: Record<string, unknown>,
) => ({
  ocid,
  id,
  date,
  tag: ["tender"],
  buyer: { name: "Devon County Council" },
  tender,
});

const cpvItem = (code: string) => ({ id: code, classification: { scheme: "CPV", id: code } });

describe("readOcdsTenders", () => {
  test("readOcdsTenders(files) compiles each ocid's releases across files and keeps its facts", async () => {
    const first = temporaryFile("first.json", {
      releases: [
        tenderRelease("ocds-a-1", "1", "2024-01-01T00:00:00Z", {
          title: "Roofs",
          status: "planned",
          value: { amount: 1250.505, currency: "GBP" },
          items: [cpvItem("45261000-4")],
        }),
        tenderRelease("ocds-a-2", "1", "2024-01-01T00:00:00Z", {
          status: "active",
          value: { amount: 900, currency: "EUR" },
          tenderPeriod: { endDate: "2024-03-01T12:00:00Z" },
          items: [cpvItem("46000000"), cpvItem("72000000")],
        }),
      ],
    });
    // A later amendment in another file: the status, value and deadline change.
    const second = temporaryFile(
      "second.json",
      tenderRelease("ocds-a-1", "2", "2024-02-01T00:00:00Z", {
        status: "active",
        value: { amount: 2000, currency: "GBP" },
        tenderPeriod: { endDate: "2024-04-30T17:00:00Z" },
      }),
    );
    const warnings: string[] = [];
    const tenders = await readOcdsTenders([first, second], {
      onWarning: (message) => warnings.push(message),
    });
    expect(tenders).toEqual([
      {
        ocid: "ocds-a-1",
        date: "2024-02-01T00:00:00Z",
        title: "Roofs",
        buyerName: "Devon County Council",
        status: "active",
        tenderPeriodEnd: "2024-04-30T17:00:00Z",
        valuePence: 200_000,
        value: { amount: 2000, currency: "GBP" },
        cpvCodes: ["45261000"],
        invalidCpvCodes: [],
      },
      {
        ocid: "ocds-a-2",
        date: "2024-01-01T00:00:00Z",
        buyerName: "Devon County Council",
        status: "active",
        tenderPeriodEnd: "2024-03-01T12:00:00Z",
        value: { amount: 900, currency: "EUR" },
        cpvCodes: ["72000000"],
        invalidCpvCodes: ["46000000"],
      },
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(/^1 of 2 tenders have a value in a currency other than pounds/),
      expect.stringMatching(/^1 of 2 tenders have codes given as CPV that are not CPV 2008/),
    ]);
  });

  test("readOcdsTenders(files, {ocid}) reads that process alone", async () => {
    const path = temporaryFile("two.json", {
      releases: [
        tenderRelease("ocds-b-1", "1", "2024-01-01T00:00:00Z", { items: [cpvItem("45000000")] }),
        tenderRelease("ocds-b-2", "1", "2024-01-01T00:00:00Z", { items: [cpvItem("72000000")] }),
      ],
    });
    const tenders = await readOcdsTenders([path], { ocid: "ocds-b-2" });
    expect(tenders.map((tender) => tender.ocid)).toEqual(["ocds-b-2"]);
    expect(await readOcdsTenders([path], { ocid: "ocds-none" })).toEqual([]);
  });

  test("readOcdsTenders(a release that is not valid OCDS) names the file, line and problem", async () => {
    const path = temporaryFile(
      "bad.json",
      `{"releases": [\n${JSON.stringify(tenderRelease("ocds-c-1", "1", "2024-01-01T00:00:00Z", {}))},\n` +
        `${JSON.stringify({ ...tenderRelease("ocds-c-1", "2", "yesterday", {}) })}\n]}`,
    );
    const error = await readOcdsTenders([path]).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toEqual({ file: path, line: 3 });
    expect((error as InputError).message).toMatch(
      /the release \(at \/releases\/1\) is not valid OCDS: date must be an ISO 8601 date-time/,
    );
  });

  test("readOcdsTenders(missing file) names it", async () => {
    await expect(readOcdsTenders([join(folder, "none.json")])).rejects.toThrow(/no such file/);
  });
});

describe("tenderRecordFromSummary", () => {
  test("tenderRecordFromSummary(summary) turns pounds into pence and drops repeated codes", () => {
    expect(
      tenderRecordFromSummary({
        ocid: "x",
        date: "2024-01-01T00:00:00Z",
        tenderValue: { amount: 10.1 },
        cpvCodes: ["45210000", "45210000-2", "3000000"],
        deliveryRegions: [],
        deliveryPostcodes: [],
        deliveryGazetteerCodes: [],
        lots: [],
        awards: [],
        contracts: [],
      }),
    ).toEqual({
      ocid: "x",
      date: "2024-01-01T00:00:00Z",
      valuePence: 1010,
      value: { amount: 10.1 },
      cpvCodes: ["45210000", "03000000"],
      invalidCpvCodes: [],
    });
  });
});

describe("tenderOpenness", () => {
  test("tenderOpenness(tender, asOf) closes a tender whose status is closed, whatever its deadline", () => {
    for (const status of ["complete", "cancelled", "Unsuccessful", "withdrawn"]) {
      expect(
        tenderOpenness({ status, tenderPeriodEnd: "2030-01-01T00:00:00Z" }, "2024-01-01"),
      ).toEqual({
        open: false,
        reason: "closedStatus",
      });
    }
  });

  test("tenderOpenness(tender, asOf) compares the deadline with the start of the day", () => {
    const tender = { status: "active", tenderPeriodEnd: "2015-01-12T00:00:00Z" };
    expect(tenderOpenness(tender, "2015-01-11")).toEqual({ open: true, reason: "deadline" });
    expect(tenderOpenness(tender, "2015-01-12")).toEqual({ open: false, reason: "pastDeadline" });
    expect(
      tenderOpenness({ tenderPeriodEnd: "2015-01-12T17:00:00+01:00" }, "2015-01-12").open,
    ).toBe(true);
  });

  test("tenderOpenness(tender without a deadline) goes by the status", () => {
    expect(tenderOpenness({ status: "planned" }, "2024-01-01")).toEqual({
      open: true,
      reason: "status",
    });
    expect(tenderOpenness({ status: "active" }, "2024-01-01").open).toBe(true);
    expect(tenderOpenness({ status: "planning" }, "2024-01-01").open).toBe(false);
    expect(tenderOpenness({}, "2024-01-01")).toEqual({ open: false, reason: "unknown" });
  });
});

describe("tenderToMatch", () => {
  test("tenderToMatch(tender, place) uses the ocid as id and the value in pence", () => {
    const tender = {
      ocid: "x",
      date: "2024-01-01T00:00:00Z",
      valuePence: 5,
      cpvCodes: ["45210000"],
      invalidCpvCodes: [],
    };
    expect(tenderToMatch(tender)).toEqual({ tenderId: "x", cpvCodes: ["45210000"], value: 5 });
    expect(tenderToMatch(tender, "E07000041").gssCode).toBe("E07000041");
  });
});

if (!hasSharedData) {
  console.warn("Skipping the Contracts Finder tests: ../shared/data is not beside the project.");
}

describe.skipIf(!hasSharedData)("readOcdsTenders on Contracts Finder notices", () => {
  // procurement/uk_contracts_finder_sample/releases: 22 real Contracts Finder tender notices of
  // 17 December 2014, one release per file, 11 ocids each published in one or two variants
  // (see the shared data MANIFEST.md).
  const folderOfReleases = sharedFile("procurement/uk_contracts_finder_sample/releases");
  const files = () => readdirSync(folderOfReleases).map((name) => join(folderOfReleases, name));

  test("readOcdsTenders(the 22 notices) gives the 11 tenders, in pounds and CPV codes", async () => {
    const warnings: string[] = [];
    const tenders = await readOcdsTenders(files(), {
      onWarning: (message) => warnings.push(message),
    });
    expect(warnings).toEqual([]);
    expect(tenders).toHaveLength(11);
    const framework = tenders.find(
      (tender) => tender.ocid === "ocds-b5fd17-2c3aae9c-adc8-11e6-9901-0019b9f3037b",
    );
    expect(framework).toMatchObject({
      title: "Framework for Provision of Community Based Services",
      status: "active",
      tenderPeriodEnd: "2018-01-31T00:00:00Z",
      valuePence: 2_447_750_000,
      cpvCodes: ["85000000", "98000000"],
    });
    const open = tenders.filter((tender) => tenderOpenness(tender, "2014-12-17").open);
    expect(open.map((tender) => tender.ocid.slice(12, 20)).sort()).toEqual([
      "2c3698c7",
      "2c3aae9c",
      "2c40364c",
    ]);
    // By 2019 only the standing list, open to 2020, still takes bids.
    expect(tenders.filter((tender) => tenderOpenness(tender, "2019-01-01").open)).toHaveLength(1);
  });
});
