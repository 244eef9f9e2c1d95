import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { hasSharedData, sharedFile } from "../../../test/helpers/sharedData.js";
import { InputError } from "../../core/errors.js";
import { compileReleases, groupByOcid, ocdsMergeRules } from "./compileRelease.js";
import type { OcdsRelease } from "./types.js";

/** A release of process "ocds-test-1" with the given id, date and other fields. */
function release(id: string, date: string, fields: Record<string, unknown> = {}): OcdsRelease {
  return { ocid: "ocds-test-1", id, date, tag: ["tender"], ...fields };
}

describe("compileReleases", () => {
  test("compileReleases([one]) returns its fields with tag compiled, id ocid-date and its date", () => {
    const compiled = compileReleases([
      release("r1", "2024-01-01T00:00:00Z", { tender: { id: "t", title: "Bikes" } }),
    ]);
    expect(compiled).toEqual({
      tag: ["compiled"],
      id: "ocds-test-1-2024-01-01T00:00:00Z",
      date: "2024-01-01T00:00:00Z",
      ocid: "ocds-test-1",
      tender: { id: "t", title: "Bikes" },
    });
  });

  test("compileReleases sorts by date, so the latest value wins whatever the given order", () => {
    const compiled = compileReleases([
      release("r2", "2024-02-01T00:00:00Z", { tender: { title: "Second" } }),
      release("r1", "2024-01-01T00:00:00Z", { tender: { title: "First", status: "active" } }),
    ]);
    expect(compiled.tender).toEqual({ title: "Second", status: "active" });
    expect(compiled.date).toBe("2024-02-01T00:00:00Z");
    expect(compiled.id).toBe("ocds-test-1-2024-02-01T00:00:00Z");
  });

  test("compileReleases compares dates as instants, not as text, across time zones", () => {
    // 09:00-06:00 is 15:00Z, after 12:00Z, though it sorts first as text.
    const compiled = compileReleases([
      release("a", "2024-01-01T09:00:00-06:00", { language: "es" }),
      release("b", "2024-01-01T12:00:00Z", { language: "en" }),
    ]);
    expect(compiled.language).toBe("es");
    expect(compiled.date).toBe("2024-01-01T09:00:00-06:00");
  });

  test("compileReleases keeps the given order of releases with the same date (stable sort)", () => {
    const compiled = compileReleases([
      release("a", "2024-01-01T00:00:00Z", { language: "en" }),
      release("b", "2024-01-01T00:00:00Z", { language: "cy" }),
    ]);
    expect(compiled.language).toBe("cy");
  });

  test("compileReleases removes a field that a later release sets to null, objects included", () => {
    const compiled = compileReleases([
      release("r1", "2024-01-01T00:00:00Z", {
        tender: { title: "Bikes", value: { amount: 10, currency: "GBP" } },
      }),
      release("r2", "2024-01-02T00:00:00Z", { tender: { title: null, value: null } }),
    ]);
    expect(compiled.tender).toEqual({});
  });

  test("compileReleases drops nulls inside a new object and a null that removes nothing", () => {
    const compiled = compileReleases([
      release("r1", "2024-01-01T00:00:00Z", {
        buyer: { id: "b", address: { region: null, postalCode: "EX1 3PB" } },
        planning: null,
      }),
    ]);
    expect(compiled.buyer).toEqual({ id: "b", address: { postalCode: "EX1 3PB" } });
    expect("planning" in compiled).toBe(false);
  });

  test("compileReleases ignores an empty object and an empty array of objects in a later release", () => {
    const compiled = compileReleases([
      release("r1", "2024-01-01T00:00:00Z", {
        planning: { rationale: "reason" },
        awards: [{ id: "1", title: "A" }],
      }),
      release("r2", "2024-01-02T00:00:00Z", { planning: {}, awards: [] }),
    ]);
    expect(compiled.planning).toEqual({ rationale: "reason" });
    expect(compiled.awards).toEqual([{ id: "1", title: "A" }]);
    expect(
      "planning" in compileReleases([release("r", "2024-01-01T00:00:00Z", { planning: {} })]),
    ).toBe(false);
  });

  test("compileReleases merges arrays of objects by id, item by item and recursively", () => {
    const compiled = compileReleases([
      release("r1", "2024-01-01T00:00:00Z", {
        awards: [
          { id: "1", title: "Lot 1", value: { amount: 100, currency: "GBP" } },
          { id: "2", title: "Lot 2" },
        ],
      }),
      release("r2", "2024-01-02T00:00:00Z", {
        awards: [
          { id: "2", status: "active" },
          { id: "3", title: "Lot 3" },
          { id: "1", value: { amount: 120 } },
        ],
      }),
    ]);
    expect(compiled.awards).toEqual([
      { id: "1", title: "Lot 1", value: { amount: 120, currency: "GBP" } },
      { id: "2", title: "Lot 2", status: "active" },
      { id: "3", title: "Lot 3" },
    ]);
  });

  test("compileReleases tells id 1 from id '1', as ocds-merge does", () => {
    const compiled = compileReleases([
      release("r1", "2024-01-01T00:00:00Z", { tender: { items: [{ id: 1, quantity: 1 }] } }),
      release("r2", "2024-01-02T00:00:00Z", { tender: { items: [{ id: "1", quantity: 2 }] } }),
    ]);
    expect(compiled.tender?.items).toEqual([
      { id: 1, quantity: 1 },
      { id: "1", quantity: 2 },
    ]);
  });

  test("compileReleases replaces arrays of strings and arrays of objects without ids whole", () => {
    const compiled = compileReleases([
      release("r1", "2024-01-01T00:00:00Z", {
        tender: {
          submissionMethod: ["written", "electronicSubmission"],
          tenderers: [{ name: "A" }, { name: "B" }],
        },
      }),
      release("r2", "2024-01-02T00:00:00Z", {
        tender: { submissionMethod: ["inPerson"], tenderers: [{ name: "B", contactPoint: null }] },
      }),
    ]);
    expect(compiled.tender?.submissionMethod).toEqual(["inPerson"]);
    // ocds-merge would append a third tenderer here; the brief and the data call for replacement.
    expect(compiled.tender?.tenderers).toEqual([{ name: "B" }]);
  });

  test("compileReleases applies wholeListMerge: an array the schema marks is replaced whole, even by []", () => {
    const compiled = compileReleases([
      release("r1", "2024-01-01T00:00:00Z", {
        parties: [
          {
            id: "p",
            roles: ["buyer", "payer"],
            additionalIdentifiers: [{ scheme: "GB-COH", id: "1" }],
          },
        ],
      }),
      release("r2", "2024-01-02T00:00:00Z", {
        parties: [{ id: "p", roles: [], additionalIdentifiers: [{ scheme: "GB-CHC", id: "2" }] }],
      }),
    ]);
    expect(compiled.parties).toEqual([
      { id: "p", roles: [], additionalIdentifiers: [{ scheme: "GB-CHC", id: "2" }] },
    ]);
    expect(ocdsMergeRules.wholeListMerge.has("parties.additionalIdentifiers")).toBe(true);
  });

  test("compileReleases with extra mergeRules replaces an extension's array whole", () => {
    const rules = {
      omitWhenMerged: ocdsMergeRules.omitWhenMerged,
      wholeListMerge: new Set([...ocdsMergeRules.wholeListMerge, "tender.lots"]),
    };
    const releases = [
      release("r1", "2024-01-01T00:00:00Z", { tender: { lots: [{ id: "1" }, { id: "2" }] } }),
      release("r2", "2024-01-02T00:00:00Z", { tender: { lots: [{ id: "2" }] } }),
    ];
    expect(compileReleases(releases, { mergeRules: rules }).tender?.lots).toEqual([{ id: "2" }]);
    expect(compileReleases(releases).tender?.lots).toEqual([{ id: "1" }, { id: "2" }]);
  });

  test("compileReleases does not merge the releases' own id, date and tag as fields", () => {
    const compiled = compileReleases([
      release("r1", "2024-01-01T00:00:00Z", { tag: ["planning"] }),
      release("r2", "2024-01-02T00:00:00Z", { tag: ["tender", "tenderUpdate"] }),
    ]);
    expect(compiled.tag).toEqual(["compiled"]);
    expect(Object.keys(compiled).sort()).toEqual(["date", "id", "ocid", "tag"]);
  });

  test("compileReleases leaves its input releases unchanged", () => {
    const first = release("r1", "2024-01-01T00:00:00Z", {
      tender: { items: [{ id: "1", quantity: 1 }], submissionMethod: ["written"] },
    });
    const second = release("r2", "2024-01-02T00:00:00Z", {
      tender: { items: [{ id: "1", quantity: 2 }] },
    });
    const before = JSON.stringify([first, second]);
    const compiled = compileReleases([first, second]);
    (compiled.tender!.submissionMethod as string[]).push("changed");
    expect(JSON.stringify([first, second])).toBe(before);
  });

  test("compileReleases([]) throws an InputError", () => {
    expect(() => compileReleases([])).toThrow(InputError);
  });

  test("compileReleases throws an InputError naming both ocids when they differ", () => {
    const other = { ...release("x", "2024-01-01T00:00:00Z"), ocid: "ocds-test-2" };
    expect(() => compileReleases([release("r", "2024-01-01T00:00:00Z"), other])).toThrow(
      /"ocds-test-1" and "ocds-test-2"/,
    );
  });

  test("compileReleases throws an InputError for a release without a valid date", () => {
    expect(() => compileReleases([release("r", "not a date")])).toThrow(/has no valid date/);
  });
});

describe("groupByOcid", () => {
  test("groupByOcid(releases) keeps first-seen ocid order and the given order within each", () => {
    const a1 = { ocid: "a", id: "1" };
    const b1 = { ocid: "b", id: "1" };
    const a2 = { ocid: "a", id: "2" };
    const groups = groupByOcid([a1, b1, a2]);
    expect([...groups.keys()]).toEqual(["a", "b"]);
    expect(groups.get("a")).toEqual([a1, a2]);
  });
});

if (!hasSharedData) {
  console.warn(
    "Skipping the real-data OCDS compile tests: ../shared/data is not beside the project.",
  );
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(sharedFile(path), "utf8")) as Record<string, unknown>;
}

describe.skipIf(!hasSharedData)("compileReleases on published OCDS data", () => {
  const example = "procurement/ocds_fictional_example_1_1";
  const stages = [
    "01-planning",
    "02-tender",
    "03-tenderAmendment",
    "04-award",
    "05-contract",
    "06-implementation",
  ];

  test("compileReleases(the six stage releases of the OCDS 1.1 worked example) equals its record's compiledRelease exactly", () => {
    // Source: open-contracting/sample-data, fictional-example/1.1. Each stage is its own package.
    const releases = stages.flatMap(
      (stage) =>
        readJson(`${example}/ocds-213czf-000-00001-${stage}.json`).releases as OcdsRelease[],
    );
    const record = readJson(`${example}/record/ocds-213czf-000-00001.json`);
    const expected = (record.records as { compiledRelease: unknown }[])[0]!.compiledRelease;
    // Shuffled, to show that the order comes from the dates.
    const shuffled = [
      releases[3]!,
      releases[0]!,
      releases[5]!,
      releases[1]!,
      releases[4]!,
      releases[2]!,
    ];
    expect(compileReleases(shuffled)).toStrictEqual(expected);
  });

  test("compileReleases(the worked example's all-stages package) equals the same compiledRelease", () => {
    const releases = readJson(`${example}/ocds-213czf-000-00001.json`).releases as OcdsRelease[];
    const record = readJson(`${example}/record/ocds-213czf-000-00001.json`);
    const expected = (record.records as { compiledRelease: unknown }[])[0]!.compiledRelease;
    expect(releases).toHaveLength(6);
    expect(compileReleases(releases)).toStrictEqual(expected);
  });

  test("compileReleases(ocdskit release-package-2, Mexico City) takes the 2017 release's exchange rates", () => {
    // Source: open-contracting/ocdskit tests/fixtures/realdata. The two releases of the package
    // share one ocid; the second adds exchangeRate and replaces a null dateexchangeRate.
    const releases = readJson("procurement/ocdskit_realdata/release-package-2.json")
      .releases as OcdsRelease[];
    const compiled = compileReleases(releases);
    expect(compiled.ocid).toBe("OCDS-87SD3T-AD-SF-DRM-065-2015");
    expect(compiled.id).toBe("OCDS-87SD3T-AD-SF-DRM-065-2015-2017-06-05T00:00:00-06:00");
    expect(compiled.date).toBe("2017-06-05T00:00:00-06:00");
    expect(compiled.awards?.[0]?.value).toEqual({
      amount: 75464.96,
      exchangeRate: 17.7526,
      dateexchangeRate: "2016-03-09T00:00:00-06:00",
      currency: "USD",
    });
    // The suppliers have no `id` (1.0-era data): replaced, not repeated, by the second release.
    expect(compiled.awards?.[0]?.suppliers).toHaveLength(1);
    // The supplier's contact point is all nulls in both releases, so it compiles to {}.
    expect(compiled.awards?.[0]?.suppliers?.[0]?.contactPoint).toEqual({});
  });

  test("compileReleases(ocdskit release-package-1) equals its latest release but for id, tag, nulls and an empty list", () => {
    // The package's two releases differ only in id and date, so the compiled release is the latest
    // one without its nulls and without `contracts[0].implementation.documents: []`, an empty
    // array of objects, which the merge routine ignores.
    const releases = readJson("procurement/ocdskit_realdata/release-package-1.json")
      .releases as OcdsRelease[];
    const compiled = compileReleases(releases);
    const latest = withoutNulls(releases[1]) as OcdsRelease;
    expect(latest.contracts?.[0]?.implementation).toMatchObject({ documents: [] });
    delete (latest.contracts![0]!.implementation as Record<string, unknown>).documents;
    expect(compiled).toStrictEqual({
      ...latest,
      tag: ["compiled"],
      id: `${latest.ocid as string}-${latest.date as string}`,
    });
  });

  test("compileReleases(each Contracts Finder record's releases) matches its compiledRelease but for nulls and id", () => {
    // Tolerated: Contracts Finder kept null fields in its compiledRelease (the merge routine
    // removes them) and gave it the release's id rather than `${ocid}-${date}`.
    const folder = "procurement/uk_contracts_finder_sample/records";
    const files = readdirSync(sharedFile(folder)).filter((name) => name.endsWith(".json"));
    expect(files).toHaveLength(11);
    for (const name of files) {
      const record = readJson(`${folder}/${name}`);
      const compiled = compileReleases(record.releases as OcdsRelease[]);
      const published = withoutNulls(record.compiledRelease) as Record<string, unknown>;
      expect({ ...compiled, id: published.id }, name).toStrictEqual(published);
    }
  });
});

/** A copy of a JSON value without its null fields, as the merge routine leaves it. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [field, item] of Object.entries(value)) {
    if (item !== null) copy[field] = withoutNulls(item);
  }
  return copy;
}
