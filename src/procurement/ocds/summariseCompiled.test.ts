import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { hasSharedData, sharedFile } from "../../../test/helpers/sharedData.js";
import { compileReleases } from "./compileRelease.js";
import { readOcdsReleases } from "./readOcds.js";
import { summariseCompiled } from "./summariseCompiled.js";
import type { OcdsRelease } from "./types.js";
import { validateRelease } from "./validateRelease.js";

/** A compiled release of process "ocds-test-1" with the given fields. */
function compiled(fields: Record<string, unknown>): OcdsRelease {
  return {
    ocid: "ocds-test-1",
    id: "ocds-test-1-2024-03-01T00:00:00Z",
    date: "2024-03-01T00:00:00Z",
    tag: ["compiled"],
    ...fields,
  };
}

describe("summariseCompiled", () => {
  test("summariseCompiled(a bare compiled release) gives the ocid, date and empty lists", () => {
    expect(summariseCompiled(compiled({}))).toEqual({
      ocid: "ocds-test-1",
      date: "2024-03-01T00:00:00Z",
      cpvCodes: [],
      deliveryRegions: [],
      deliveryPostcodes: [],
      deliveryGazetteerCodes: [],
      lots: [],
      awards: [],
      contracts: [],
    });
  });

  test("summariseCompiled joins suppliers to parties for their scale and postcode", () => {
    const summary = summariseCompiled(
      compiled({
        parties: [
          { id: "B", name: "Bath Council", roles: ["buyer"] },
          {
            id: "S1",
            name: "Small Firm Ltd",
            roles: ["supplier"],
            details: { scale: "sme" },
            address: { postalCode: " ba1  1aa " },
          },
          { id: "S2", name: "Big Firm plc", roles: ["supplier"], details: { scale: "large" } },
        ],
        buyer: { id: "B" },
        awards: [
          {
            id: 1,
            date: "2024-02-01T00:00:00Z",
            status: "active",
            value: { amount: 1250.5, currency: "GBP" },
            suppliers: [{ id: "S1", name: "Small Firm" }, { id: "S2" }, { name: "Unlisted" }],
          },
          { title: "an award without an id is left out" },
        ],
      }),
    );
    expect(summary.buyer).toEqual({ id: "B", name: "Bath Council" });
    expect(summary.awards).toEqual([
      {
        id: "1",
        date: "2024-02-01T00:00:00Z",
        status: "active",
        value: { amount: 1250.5, currency: "GBP" },
        suppliers: [
          { id: "S1", name: "Small Firm", scale: "sme", postcode: "BA1 1AA" },
          { id: "S2", name: "Big Firm plc", scale: "large" },
          { name: "Unlisted" },
        ],
      },
    ]);
  });

  test("summariseCompiled takes the buyer from parties' roles when there is no buyer field", () => {
    const summary = summariseCompiled(
      compiled({
        parties: [
          { id: "S", roles: ["supplier"] },
          { id: "B", name: "Met Office", roles: ["buyer"] },
        ],
      }),
    );
    expect(summary.buyer).toEqual({ id: "B", name: "Met Office" });
  });

  test("summariseCompiled gathers CPV codes as 8 digits from the tender and its items, once each", () => {
    const summary = summariseCompiled(
      compiled({
        tender: {
          classification: { scheme: "CPV", id: "45000000-7" },
          items: [
            {
              id: "1",
              classification: { scheme: "cpv", id: "45233130.0" },
              additionalClassifications: [
                { scheme: "CPV", id: "45233162-2" },
                { scheme: "UNSPSC", id: "72141100" },
              ],
            },
            { id: "2", classification: { scheme: "CPV", id: 45233130 } },
            { id: "3", classification: { scheme: "CPV", id: "4523" } },
          ],
        },
      }),
    );
    expect(summary.cpvCodes).toEqual(["45000000", "45233130", "45233162", "4523"]);
  });

  test("summariseCompiled reads delivery places from the Location extension's fields, old and new", () => {
    const summary = summariseCompiled(
      compiled({
        tender: {
          items: [
            {
              id: "1",
              deliveryAddress: { region: " South West ", postalCode: "ex1 3pb" },
              deliveryLocation: { gazetteer: { scheme: "NUTS", identifiers: ["UKK4"] } },
            },
            {
              id: "2",
              deliveryAddresses: [
                { region: "South West" },
                { region: "Wales", postalCode: "CF10 1AA" },
              ],
              deliveryLocations: [{ gazetteer: { scheme: "NUTS", identifiers: ["UKK4", "UKL"] } }],
            },
          ],
        },
      }),
    );
    expect(summary.deliveryRegions).toEqual(["South West", "Wales"]);
    expect(summary.deliveryPostcodes).toEqual(["EX1 3PB", "CF10 1AA"]);
    expect(summary.deliveryGazetteerCodes).toEqual([
      { scheme: "NUTS", code: "UKK4" },
      { scheme: "NUTS", code: "UKL" },
    ]);
  });

  test("summariseCompiled gives lots and contracts with their values and periods, money as published", () => {
    const summary = summariseCompiled(
      compiled({
        tender: {
          title: "  Cycle lanes ",
          status: "active",
          value: { amount: 1100000, currency: "GBP" },
          tenderPeriod: { endDate: "2024-04-08T18:00:00Z" },
          lots: [
            { id: "L1", title: "North", value: { amount: 600000, currency: "GBP" } },
            { id: "L2", title: "", value: { amount: null, currency: "GBP" } },
          ],
        },
        contracts: [
          {
            id: "C1",
            awardID: "A1",
            status: "active",
            value: { amount: 599999.99, currency: "GBP" },
            period: { startDate: "2024-07-01T00:00:00Z", endDate: "2025-06-30T23:59:00Z" },
          },
          { id: "C2", value: { amount: 5 } },
        ],
      }),
    );
    expect(summary).toMatchObject({
      tenderTitle: "Cycle lanes",
      tenderStatus: "active",
      tenderValue: { amount: 1100000, currency: "GBP" },
      tenderPeriodEnd: "2024-04-08T18:00:00Z",
    });
    expect(summary.lots).toEqual([
      { id: "L1", title: "North", value: { amount: 600000, currency: "GBP" } },
      { id: "L2" },
    ]);
    expect(summary.contracts).toEqual([
      {
        id: "C1",
        awardId: "A1",
        status: "active",
        value: { amount: 599999.99, currency: "GBP" },
        startDate: "2024-07-01T00:00:00Z",
        endDate: "2025-06-30T23:59:00Z",
      },
      { id: "C2", value: { amount: 5 } },
    ]);
  });
});

if (!hasSharedData) {
  console.warn(
    "Skipping the real-data OCDS summary tests: ../shared/data is not beside the project.",
  );
}

describe.skipIf(!hasSharedData)("summariseCompiled on published OCDS data", () => {
  test("summariseCompiled(the worked example compiled from its six releases) gives Barnet's cycle lanes", async () => {
    // Source: open-contracting/sample-data fictional-example/1.1 (London Borough of Barnet).
    const releases: OcdsRelease[] = [];
    const path = sharedFile("procurement/ocds_fictional_example_1_1/ocds-213czf-000-00001.json");
    for await (const item of readOcdsReleases(path)) {
      const { release } = validateRelease(item.release);
      if (release !== undefined) releases.push(release);
    }
    const summary = summariseCompiled(compileReleases(releases));
    expect(summary).toEqual({
      ocid: "ocds-213czf-000-00001",
      date: "2011-01-10T09:30:00Z",
      buyer: { id: "GB-LAC-E09000003", name: "London Borough of Barnet" },
      tenderTitle: "Planned cycle lane improvements",
      tenderStatus: "complete",
      tenderValue: { amount: 1100000, currency: "GBP" },
      tenderPeriodEnd: "2010-04-08T18:00:00Z",
      // "45233130.0" in the data: a code that passed through a spreadsheet as a number.
      cpvCodes: ["45233130", "45233162"],
      deliveryRegions: [],
      deliveryPostcodes: [],
      deliveryGazetteerCodes: [],
      lots: [],
      awards: [
        {
          id: "ocds-213czf-000-00001-award-01",
          date: "2010-05-10T10:30:00Z",
          status: "active",
          // Ten times the tender's value in the published example.
          value: { amount: 11000000, currency: "GBP" },
          suppliers: [
            { id: "GB-COH-11111111", name: "AnyCorp Cycle Provision", postcode: "AA1 1AA" },
          ],
        },
      ],
      contracts: [
        {
          id: "ocds-213czf-000-00001-contract-01",
          awardId: "ocds-213czf-000-00001-award-01",
          status: "active",
          value: { amount: 11000000, currency: "GBP" },
          startDate: "2010-07-01T00:00:00Z",
          endDate: "2011-06-30T23:59:00Z",
        },
      ],
    });
  });

  test("summariseCompiled(a Contracts Finder record's compiled release) trims the Met Office's padded text", async () => {
    const path = sharedFile(
      "procurement/uk_contracts_finder_sample/records/ocds-b5fd17-2c330cf9-adc8-11e6-9901-0019b9f3037b.json",
    );
    const record = JSON.parse(readFileSync(path, "utf8")) as { releases: OcdsRelease[] };
    const summary = summariseCompiled(compileReleases(record.releases));
    expect(summary).toMatchObject({
      ocid: "ocds-b5fd17-2c330cf9-adc8-11e6-9901-0019b9f3037b",
      buyer: { id: "8130c4404b180f94c332e29fd4de6c39", name: "Met Office" },
      tenderTitle:
        "Climate Science for Service Partnership (CSSP): Calls for Expressions of Interest",
      tenderStatus: "unsuccessful",
      tenderValue: { amount: 464500, currency: "GBP" },
      tenderPeriodEnd: "2015-02-27T00:00:00Z",
      cpvCodes: ["73000000"],
      awards: [],
    });
  });

  test("summariseCompiled(each older Contracts Finder release, without parties) still names the buyer", async () => {
    const path = sharedFile(
      "procurement/uk_contracts_finder_sample/releases/ocds-b5fd17-2c330cf9-adc8-11e6-9901-0019b9f3037b-ocds-b5fd17-2c330cf9-adc8-11e6-9901-0019b9f3037b-59429-metofc-9mgh-ghl8ty.json",
    );
    for await (const item of readOcdsReleases(path)) {
      const { release } = validateRelease(item.release);
      const summary = summariseCompiled(compileReleases([release!]));
      // The older variant names the buyer in capitals, with a sid4gov id and no parties.
      expect(summary.buyer).toEqual({
        id: "sid4gov.cabinetoffice.gov.uk/jK8y8FA9",
        name: "MET OFFICE",
      });
      expect(summary.cpvCodes).toEqual(["73000000"]);
    }
  });

  test("summariseCompiled(ocdskit's Mexico City process) gives the USD award and its 1.0-era supplier", async () => {
    const path = sharedFile("procurement/ocdskit_realdata/release-package-2.json");
    const releases: OcdsRelease[] = [];
    for await (const item of readOcdsReleases(path))
      releases.push(validateRelease(item.release).release!);
    const summary = summariseCompiled(compileReleases(releases));
    expect(summary.tenderValue).toEqual({ amount: 1471566.72, currency: "MXN" });
    expect(summary.awards).toEqual([
      {
        id: "1",
        date: expect.any(String),
        status: "active",
        value: { amount: 75464.96, currency: "USD" },
        // No party list: the supplier's postal code is read from its inline 1.0 address.
        suppliers: [{ name: "BENTLEY SYSTEMS DE MEXICO SA de", postcode: "3720" }],
      },
    ]);
  });
});
