import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, test } from "vitest";
import { hasSharedData, sharedFile } from "../../test/helpers/sharedData.js";
import { InputError } from "../core/errors.js";
import { commandHarness } from "../../test/helpers/commandHarness.js";
import {
  localSmes,
  registerProcurementCommands,
  runConsortia,
  runTendersMatch,
  type TenderRecord,
} from "./commands.js";
import { supplierCapacity, supplierToMatch } from "./supplierToMatch.js";
import type { SupplierRecord } from "./supplierRecord.js";

const harness = commandHarness(registerProcurementCommands);
const { output, temporaryFile, run } = harness;

/** The InputError a command throws. */
async function commandError(...args: string[]): Promise<InputError> {
  const error = await harness.commandError(...args);
  if (error instanceof InputError) return error;
  throw error;
}

const supplierHeader =
  "id,name,place,postcode,latitude,longitude,size,employees,turnover,cpv,capacity,accreditations";

// A fictional register of suppliers around Exeter, for the Contracts Finder notices of 2014.
const devonSuppliers = () =>
  temporaryFile(
    "devon-suppliers.csv",
    `${supplierHeader}
S1,Exe Valley Care,E07000041,EX1 3PB,50.7236,-3.5275,small,40,,85000000,4000000,
S2,Teign Community Services,E07000045,TQ12 1AA,,,small,,,85300000;98000000,2000000,
S3,Moor Digital,E07000041,,,,micro,,,72000000 64000000,,Cyber Essentials
S5,Big Health plc,E09000001,,,,large,,,85000000,30000000,
`,
  );

describe("registerProcurementCommands", () => {
  test("registerProcurementCommands(program) adds lm3, lots, consortia and tenders match, with help", () => {
    const program = new Command("placefirst");
    registerProcurementCommands(program);
    expect(program.commands.map((command) => command.name())).toEqual([
      "lm3",
      "lots",
      "consortia",
      "tenders",
    ]);
    const tenders = program.commands.find((command) => command.name() === "tenders")!;
    expect(tenders.commands.map((command) => command.name())).toEqual(["match"]);
    for (const command of [...program.commands, ...tenders.commands]) {
      expect(command.description(), command.name()).not.toBe("");
      for (const option of command.options) {
        expect(option.description, `${command.name()} ${option.flags}`).not.toBe("");
      }
    }
  });

  test("registerProcurementCommands(program with a tenders command) adds match to it", () => {
    const program = new Command("placefirst");
    program.command("tenders").description("stored tenders").command("list");
    registerProcurementCommands(program);
    const tenders = program.commands.filter((command) => command.name() === "tenders");
    expect(tenders).toHaveLength(1);
    expect(tenders[0]!.commands.map((command) => command.name())).toEqual(["list", "match"]);
  });
});

describe("placefirst lm3", () => {
  // Two answered rows and one not answered, in two groups. Bakery: R2 = 1000 × 0.5 × 0.4 +
  // 1000 × 0.3 × 0.8 = 440, R3 = 200 × 0.25 + 240 × 0.5 = 170. Builder: R2 = 2000 × 0.6 × 0.5 +
  // 2000 × 0.2 × 0.5 = 800, R3 = 600 × 0.2 + 200 × 0.4 = 200. Printer takes the spend-weighted
  // means of the answers: R2 = 1000 × (17/30 × 14/30 + 7/30 × 18/30) = 404.44, R3 = 264.44 ×
  // 6.5/30 + 140 × 13/30 = 117.97. Overall (4000 + 1644.44 + 487.96) / 4000 = 1.533.
  const survey = () =>
    temporaryFile(
      "survey.csv",
      `supplier,group,spend,supplier_spend_share,local_supplier_share,staff_share,local_staff_share,local_supplier_respend_share,local_staff_respend_share
Bakery,Council,1000,0.5,40%,0.3,0.8,0.25,50%
Printer,Council,1000,,,,,,
Builder,Police,2000,0.6,0.5,0.2,0.5,0.2,0.4
`,
    );

  test("placefirst lm3 SURVEY --format json prints r1, r2, r3 in pounds and lm3, overall and per group", async () => {
    await run("lm3", survey(), "--format", "json");
    const report = JSON.parse(output.stdout);
    expect(report).toMatchObject({
      r1: 4000,
      r2: 1644.44,
      r3: 487.97,
      lm3: 1.53,
      rows: 3,
      imputedAnswers: 6,
      groups: [
        { group: "Council", r1: 2000, r2: 844.44, r3: 287.97, lm3: 1.57, rows: 2 },
        { group: "Police", r1: 2000, r2: 800, r3: 200, lm3: 1.5, rows: 1 },
      ],
    });
    expect(report.imputed.supplierSpendShare).toEqual({
      rows: 1,
      value: 0.5667,
      source: "respondentMean",
      respondents: 2,
    });
    expect(report.suppliers[0]).toEqual({
      supplier: "Bakery",
      group: "Council",
      r1: 1000,
      r2: 440,
      r3: 170,
      lm3: 1.61,
      imputed: [],
    });
    expect(report.warnings).toHaveLength(6);
    expect(output.stderr).toMatch(/^warning: localMultiplier: 1 of 3 rows have no answer/);
  });

  test("placefirst lm3 SURVEY --format csv prints a row per group and one overall", async () => {
    await run("lm3", survey(), "--format", "csv");
    expect(output.stdout).toBe(
      "group,rows,r1,r2,r3,lm3,imputed_answers\n" +
        "Council,2,2000,844.44,287.97,1.57,6\n" +
        "Police,1,2000,800,200,1.5,0\n" +
        "(overall),3,4000,1644.44,487.97,1.53,6\n",
    );
  });

  test("placefirst lm3 SURVEY --group-by none --imputation default prints the overall row alone, with nothing local imputed", async () => {
    await run(
      "lm3",
      survey(),
      "--group-by",
      "none",
      "--imputation",
      "default",
      "--format",
      "table",
    );
    const lines = output.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    // Printer's unanswered local shares default to 0: R2 = 440 + 800, R3 = 170 + 200.
    expect(lines[2]).toMatch(/^\(overall\)\s+3\s+4000\s+1240\s+370\s+1\.4\s+6$/);
  });

  test("placefirst lm3 BAD-SURVEY throws the reader's InputError", async () => {
    const bad = temporaryFile("bad-survey.csv", "supplier,spend,staff_share\nA,10,2\n");
    const error = await commandError("lm3", bad);
    expect(error.location).toMatchObject({ line: 2, field: "staff_share", value: "2" });
  });
});

describe("placefirst lots", () => {
  // A £300,000 contract of four items. Exe Roofing (capacity £200,000, construction) can take the
  // roofs or the windows but not both; Clean Co (turnover £100,000, so £50,000 by reg. 58(9))
  // the cleaning; the IT item has no SME with a capacity. As one lot nothing is within reach;
  // in four lots £280,000 is.
  const plan = () =>
    temporaryFile(
      "plan.json",
      JSON.stringify({
        title: "School estate 2026",
        items: [
          { id: "roofs", description: "Roof repairs", cpv: "45261000-4", value: 180000 },
          { id: "windows", cpv: "45421000", value: 60000 },
          { id: "cleaning", cpv: "90910000", value: 40000 },
          { id: "it", cpv: "72000000", value: 20000 },
        ],
      }),
    );
  const suppliers = () =>
    temporaryFile(
      "lots-suppliers.csv",
      `${supplierHeader}
B1,Exe Roofing,E07000041,,,,small,,,45000000,200000,
C1,Clean Co,E07000041,,,,micro,,100000,90910000,,
L1,Large Ltd,E07000041,,,,large,,,45000000 90000000 72000000,1000000,
X1,Byte Size,E07000045,,,,,3,,72000000,,
`,
    );

  test("placefirst lots PLAN --suppliers FILE --format json shows the share within reach before and after, and the limits", async () => {
    await run("lots", plan(), "--suppliers", suppliers(), "--format", "json");
    const report = JSON.parse(output.stdout);
    expect(report).toMatchObject({
      title: "School estate 2026",
      method: "exact",
      totalValue: 300000,
      before: { lots: 1, valueWithinReach: 0, shareWithinReach: 0 },
      after: { lots: 4, valueWithinReach: 280000, shareWithinReach: 0.9333 },
      upperBound: 280000,
      maxLots: null,
      minLotValue: 0,
      smes: 2,
      smesWithoutCapacity: ["X1"],
      limits: [{ kind: "capability", itemIds: ["it"], cpvDivisions: ["72"] }],
    });
    expect(report.lots[0]).toEqual({
      number: 1,
      value: 180000,
      cpvDivisions: ["45"],
      withinReach: true,
      items: [{ id: "roofs", description: "Roof repairs", cpv: "45261000", value: 180000 }],
      smes: [
        {
          id: "B1",
          name: "Exe Roofing",
          size: "small",
          capacity: 200000,
          capacityFrom: "capacity",
        },
      ],
    });
    expect(report.lots[2].smes).toEqual([
      { id: "C1", name: "Clean Co", size: "micro", capacity: 50000, capacityFrom: "turnover" },
    ]);
    expect(output.stderr).toMatch(/warning: 1 SME has neither a capacity nor a turnover .*\(X1\)/);
  });

  test("placefirst lots PLAN --max-lots 2 keeps two lots and says the limit costs reach", async () => {
    await run("lots", plan(), "--suppliers", suppliers(), "--max-lots", "2");
    const lines = output.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^lot\s+items\s+value\s+divisions\s+within_reach\s+smes$/);
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^\s*1\s+roofs\s+180000\s+45\s+yes\s+B1$/);
    expect(output.stderr).toMatch(
      /as one lot £0 \(0\.0%\), in 2 lots £180,000 \(60\.0%\) of £300,000\. Limited by: capability, maxLots\./,
    );
  });

  test("placefirst lots PLAN --min-lot-value 50000 merges the cleaning into a larger lot", async () => {
    await run(
      "lots",
      plan(),
      "--suppliers",
      suppliers(),
      "--min-lot-value",
      "50000",
      "--format",
      "json",
    );
    const report = JSON.parse(output.stdout);
    expect(report.minLotValue).toBe(50000);
    for (const lot of report.lots) expect(lot.value).toBeGreaterThanOrEqual(50000);
    expect(report.limits.map((limit: { kind: string }) => limit.kind)).toContain("minLotValue");
  });

  test("placefirst lots with bad flags throws InputErrors naming the flag", async () => {
    expect(
      (await commandError("lots", plan(), "--suppliers", suppliers(), "--max-lots", "0")).location,
    ).toEqual({ field: "--max-lots", value: "0" });
    expect(
      (await commandError("lots", plan(), "--suppliers", suppliers(), "--min-lot-value", "-1"))
        .location.field,
    ).toBe("--min-lot-value");
    expect(
      (await commandError("lots", plan(), "--suppliers", suppliers(), "--place", "E99999999"))
        .location,
    ).toEqual({ field: "--place", value: "E99999999" });
  });
});

describe("suppliers as the methods see them", () => {
  const supplier = (overrides: Partial<SupplierRecord>): SupplierRecord => ({
    supplierId: "A",
    name: "A",
    placeCode: "E1",
    size: "small",
    cpvCodes: ["45000000"],
    accreditations: [],
    ...overrides,
  });

  test("supplierCapacity(supplier) is its capacity, else half its turnover, else undefined", () => {
    expect(supplierCapacity(supplier({ capacityPence: 10, turnoverPence: 1000 }))).toEqual({
      pence: 10,
      basis: "capacity",
    });
    expect(supplierCapacity(supplier({ turnoverPence: 1001 }))).toEqual({
      pence: 500,
      basis: "turnover",
    });
    expect(supplierCapacity(supplier({}))).toBeUndefined();
  });

  test("supplierToMatch(supplier) carries its place, point, codes and capacity", () => {
    expect(
      supplierToMatch(supplier({ latitude: 50.7, longitude: -3.5, capacityPence: 100 })),
    ).toEqual({
      supplierId: "A",
      gssCode: "E1",
      coordinates: { latitude: 50.7, longitude: -3.5 },
      cpvCodes: ["45000000"],
      capacity: 100,
    });
  });

  test("localSmes(suppliers) leaves out large suppliers and those without a capacity", () => {
    expect(
      localSmes([
        supplier({ supplierId: "S", capacityPence: 5 }),
        supplier({ supplierId: "L", size: "large", capacityPence: 5 }),
        supplier({ supplierId: "N" }),
      ]),
    ).toEqual({
      smes: [{ id: "S", capacityPence: 5, capabilities: ["45000000"] }],
      withoutCapacity: ["N"],
    });
  });
});

describe("runConsortia and runTendersMatch with another tender source", () => {
  const tender: TenderRecord = {
    ocid: "ocds-test-1",
    date: "2024-01-01T00:00:00Z",
    title: "Community services",
    status: "active",
    tenderPeriodEnd: "2024-06-30T00:00:00Z",
    valuePence: 500_000_000,
    cpvCodes: ["85000000", "98000000"],
    invalidCpvCodes: [],
  };

  test("runConsortia(options, loadTender) takes the tender from the source it is given", async () => {
    const asked: string[] = [];
    await runConsortia(
      { ocid: "ocds-test-1", suppliers: devonSuppliers(), format: "json" },
      async (ocid) => {
        asked.push(ocid);
        return tender;
      },
    );
    expect(asked).toEqual(["ocds-test-1"]);
    const report = JSON.parse(output.stdout);
    expect(report.tender).toMatchObject({ ocid: "ocds-test-1", value: 5_000_000 });
    expect(report.consortia.map((group: { supplierIds: string[] }) => group.supplierIds)).toEqual([
      ["S1", "S2"],
      ["S2", "S5"],
    ]);
  });

  test("runConsortia(tender without CPV codes) throws an InputError", async () => {
    await expect(
      runConsortia({ ocid: "x", suppliers: devonSuppliers(), format: "json" }, async () => ({
        ...tender,
        cpvCodes: [],
      })),
    ).rejects.toThrow(/the tender has no CPV codes/);
  });

  test("runTendersMatch(options, loadTenders) matches the open tenders of the source", async () => {
    await runTendersMatch(
      { suppliers: devonSuppliers(), asOf: "2024-06-29", format: "json" },
      async () => [tender, { ...tender, ocid: "ocds-test-2", status: "cancelled" }],
    );
    const report = JSON.parse(output.stdout);
    expect(report.tenders).toEqual({
      read: 2,
      open: 1,
      closedByStatus: 1,
      pastDeadline: 0,
      noDeadlineOrStatus: 0,
    });
    expect(
      report.suppliers.map((supplier: { supplierId: string; matches: { ocid: string }[] }) => [
        supplier.supplierId,
        supplier.matches.map((match) => match.ocid),
      ]),
    ).toEqual([
      ["S1", ["ocds-test-1"]],
      ["S2", ["ocds-test-1"]],
      ["S3", []],
      ["S5", ["ocds-test-1"]],
    ]);
  });

  test("runTendersMatch(bad --as-of or --limit) throws InputErrors naming the flag", async () => {
    const source = async () => [tender];
    await expect(
      runTendersMatch({ suppliers: devonSuppliers(), asOf: "2024-02-30", format: "json" }, source),
    ).rejects.toThrow(/--as-of.*expected a date as YYYY-MM-DD/);
    await expect(
      runTendersMatch({ suppliers: devonSuppliers(), limit: "ten", format: "json" }, source),
    ).rejects.toThrow(/--limit/);
  });
});

if (!hasSharedData) {
  console.warn(
    "Skipping the Contracts Finder command tests: ../shared/data is not beside the project.",
  );
}

describe.skipIf(!hasSharedData)("the procurement commands on Contracts Finder notices", () => {
  // procurement/uk_contracts_finder_sample/releases: 22 real tender notices of 17 December 2014
  // (11 ocids); see the shared data MANIFEST.md. The suppliers are fictional.
  const releases = sharedFile("procurement/uk_contracts_finder_sample/releases");
  const fileArguments = (flag: string): string[] =>
    readdirSync(releases).flatMap((name) => [flag, join(releases, name)]);
  const framework = "ocds-b5fd17-2c40364c-adc8-11e6-9901-0019b9f3037b";

  test("placefirst consortia --tender-file … --ocid OCID finds the groups covering the tender's codes and value", async () => {
    // Recognised Provider List JL008: CPV 85000000 and 98000000, £5,826,279. Exe Valley Care
    // (85, £4m) and Teign Community Services (98, £2m) together; Big Health (85, £30m) with
    // Teign; no one alone covers both codes.
    await run(
      "consortia",
      ...fileArguments("--tender-file"),
      "--ocid",
      framework,
      "--suppliers",
      devonSuppliers(),
      "--delivery-place",
      "E07000041",
      "--format",
      "json",
    );
    const report = JSON.parse(output.stdout);
    expect(report.tender).toEqual({
      ocid: framework,
      title: "Recognised Provider List for Provision of Direct Payment Support JL008",
      buyer: "Spend Network",
      status: "active",
      tenderPeriodEnd: "2018-06-30T00:00:00Z",
      value: 5826279,
      cpvCodes: ["85000000", "98000000"],
      invalidCpvCodes: [],
    });
    expect(report).toMatchObject({ search: "exact", suppliers: 4, candidates: 3 });
    expect(report.consortia).toHaveLength(2);
    expect(report.consortia[0]).toMatchObject({
      rank: 1,
      supplierIds: ["S1", "S2"],
      coverage: 1,
      capacity: 6000000,
      // Exe Valley Care is in the place of delivery, Teign Community Services is not.
      locality: 0.5,
      uncoveredCpvCodes: [],
    });
    expect(report.consortia[0].members[0]).toMatchObject({
      supplierId: "S1",
      coveredCpvCodes: ["85000000"],
      capacity: 4000000,
      placeScore: 1,
    });
    expect(report.consortia[1].supplierIds).toEqual(["S2", "S5"]);
  });

  test("placefirst consortia --ocid UNKNOWN throws an InputError naming --ocid", async () => {
    const error = await commandError(
      "consortia",
      ...fileArguments("--tender-file"),
      "--ocid",
      "ocds-b5fd17-none",
      "--suppliers",
      devonSuppliers(),
    );
    expect(error.location).toEqual({ field: "--ocid", value: "ocds-b5fd17-none" });
  });

  test("placefirst tenders match --as-of 2014-12-17 lists each supplier's open tenders, best first", async () => {
    await run(
      "tenders",
      "match",
      ...fileArguments("--tenders-file"),
      "--suppliers",
      devonSuppliers(),
      "--as-of",
      "2014-12-17",
      "--format",
      "json",
    );
    const report = JSON.parse(output.stdout);
    // Eight of the eleven notices are "unsuccessful"; three are active.
    expect(report.tenders).toEqual({
      read: 11,
      open: 3,
      closedByStatus: 8,
      pastDeadline: 0,
      noDeadlineOrStatus: 0,
    });
    const matches = Object.fromEntries(
      report.suppliers.map(
        (supplier: { supplierId: string; matches: { ocid: string; score: number }[] }) => [
          supplier.supplierId,
          supplier.matches.map((match) => [match.ocid.slice(12, 20), match.score]),
        ],
      ),
    );
    // Exe Valley Care: an exact code on one of two (CPV part 0.75) and £4m against £5.8m
    // (capacity 0.687), (0.5 × 0.75 + 0.2 × 0.687) / 0.7 = 0.732; against £24.5m, 0.582.
    expect(matches).toEqual({
      S1: [
        ["2c40364c", 0.732],
        ["2c3aae9c", 0.582],
      ],
      S2: [
        ["2c40364c", 0.634],
        ["2c3aae9c", 0.559],
      ],
      // The standing list's code is 72000000 and no capacity is known: the CPV part alone.
      S3: [["2c3698c7", 1]],
      S5: [
        ["2c3aae9c", 0.821],
        ["2c40364c", 0.821],
      ],
    });
  });

  test("placefirst tenders match --format csv prints a row per supplier and tender", async () => {
    await run(
      "tenders",
      "match",
      ...fileArguments("--tenders-file"),
      "--suppliers",
      devonSuppliers(),
      "--place",
      "E07000041",
      "--as-of",
      "2014-12-17",
      "--limit",
      "1",
      "--format",
      "csv",
    );
    expect(output.stdout.split("\n")).toEqual([
      "supplier,ocid,title,buyer,deadline,value,score,cpv,coverage,capacity_score",
      "S1,ocds-b5fd17-2c40364c-adc8-11e6-9901-0019b9f3037b,Recognised Provider List for Provision of Direct Payment Support JL008,Spend Network,2018-06-30,5826279,0.732,85000000~85000000,0.5,0.687",
      "S3,ocds-b5fd17-2c3698c7-adc8-11e6-9901-0019b9f3037b,STANDING LIST OF CONSTRUCTION CONTRACTORS AND SUB-CONTRACTORS,Spend Network,2020-03-31,2000000,1,72000000~72000000,1,",
      "",
    ]);
  });

  test("placefirst tenders match without --as-of finds the 2014 notices closed, and says so", async () => {
    await run(
      "tenders",
      "match",
      ...fileArguments("--tenders-file"),
      "--suppliers",
      devonSuppliers(),
      "--format",
      "json",
    );
    expect(JSON.parse(output.stdout).tenders).toMatchObject({ read: 11, open: 0, pastDeadline: 3 });
    expect(output.stderr).toMatch(/none of the 11 tenders is open on .*give an earlier --as-of/);
  });
});
