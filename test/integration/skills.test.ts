import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NotFoundError } from "../../src/core/errors.js";
import { importSkills } from "../../src/skills/importCommand.js";
import { projectSupply, skillsGap } from "../../src/skills/methods/index.js";
import { sectorPlan } from "../../src/skills/methods/sectorPlan.js";
import { chosenIndustries, employmentHistory } from "../../src/skills/planFromStore.js";
import type { SkillsGapReport } from "../../src/skills/report.js";
import { placeSkillsGap, skillsPlaces, skillsWeights } from "../../src/skills/service.js";
import {
  loadPlaceSkills,
  loadSkillsMixes,
  savePlaceSkills,
  saveSkillsMixes,
  type StoredPlaceSkills,
  type StoredSupplyProjection,
} from "../../src/skills/store.js";
import type { Database } from "../../src/store/database.js";
import { skillsWorkedExample } from "../helpers/skillsWorkedExample.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

// The worked example of docs/methods/skills-gap.md, with a range on one rate, and pay.
const mixes = {
  industryOccupation: skillsWorkedExample.industryOccupation,
  occupationLevel: skillsWorkedExample.occupationLevel,
  replacement: skillsWorkedExample.replacement!.map((rate) =>
    rate.occupation === "5" ? { ...rate, rateLow: 0.02, rateHigh: 0.04 } : rate,
  ),
  payByOccupation: { "2": 44_000, "5": 31_000, "9": 20_000 },
};
const town: StoredPlaceSkills = {
  placeCode: "T1",
  years: 5,
  source: "worked example",
  plan: [
    { industry: "C", baseline: 1000, target: 1200, targetLow: 1100, targetHigh: 1300 },
    { industry: "Q", baseline: 2000, target: 1900 },
  ],
  supply: [
    { level: "entry", supply: 0 },
    { level: "1-2", supply: 147 },
    { level: "3", supply: 124, supplyLow: 100, supplyHigh: 150 },
    { level: "4-5", supply: 0 },
    { level: "6+", supply: 120 },
  ],
};

// The worked example of the projection in docs/methods/skills-gap.md: five years, retention 0.8
// but 0.5 at 6+, entry ages 16 to 24, 10% in-commuting, and the demand of the town's plan.
const projection: StoredSupplyProjection = {
  completions: [
    { level: "1-2", subject: "construction", completions: 40 },
    { level: "1-2", subject: "health and social care", completions: 20 },
    { level: "3", subject: "engineering", completions: 30 },
    { level: "3", subject: "health and social care", completions: 10 },
    { level: "6+", subject: "nursing", completions: 24 },
  ],
  residents: [
    { level: "entry", ageFrom: 16, ageTo: 24, residents: 90 },
    { level: "3", ageFrom: 16, ageTo: 24, residents: 180 },
    { level: "4-5", ageFrom: 16, ageTo: 19, residents: 36 },
    { level: "4-5", ageFrom: 20, ageTo: 24, residents: 54 },
    { level: "6+", ageFrom: 25, ageTo: 34, residents: 400 },
    { level: "6+", ageFrom: 65, residents: 1000 },
  ],
  retention: 0.8,
  retentionByLevel: { "6+": 0.5 },
  entryAges: { from: 16, to: 24 },
};
const projectedTown: StoredPlaceSkills = {
  placeCode: "T3",
  years: 5,
  source: "worked example, projected",
  plan: town.plan,
  inCommutingShare: 0.1,
  projection,
};
/** The gap of the projection's worked example, entry level first. */
const projectedGaps = [-40, 24.6, 7.4, -40, 21];

describe(`the skills store and service on ${backendName}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
    await database.query(
      `insert into places (code, name, kind) values ('R1', 'Region', 'region'),
         ('T1', 'Town', 'district'), ('T2', 'Other town', 'district')`,
    );
    await database.transaction(async (transaction) => {
      const [dataset] = await transaction.query<{ id: number }>(
        "insert into datasets (kind, file_name, sha256) values ('skills', 'test', 'x') returning id",
      );
      await saveSkillsMixes(transaction, mixes, dataset!.id);
      await savePlaceSkills(transaction, town, dataset!.id);
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  test("what is stored is read back as it was given", async () => {
    expect(await loadPlaceSkills(database, "T1")).toEqual({
      ...town,
      plan: [...town.plan].sort((a, b) => a.industry.localeCompare(b.industry)),
      supply: expect.arrayContaining(town.supply),
    });
    const stored = await loadSkillsMixes(database);
    expect(stored.industryOccupation).toEqual(mixes.industryOccupation);
    expect(stored.occupationLevel).toEqual(expect.arrayContaining([...mixes.occupationLevel]));
    expect(stored.replacement).toEqual(mixes.replacement);
    expect(stored.payByOccupation).toEqual(mixes.payByOccupation);
    expect(await loadPlaceSkills(database, "T2")).toBeUndefined();
    expect(await skillsPlaces(database)).toEqual([
      { code: "T1", name: "Town", fictional: false, years: 5, source: "worked example" },
    ]);
  });

  test("the place's gap is the method's on the stored inputs: the worked example's figures", async () => {
    const gap = await placeSkillsGap(database, "T1");
    const byLevel = Object.fromEntries(gap.result.byLevel.map((row) => [row.level, row]));
    expect(byLevel["1-2"]!.demand).toBeCloseTo(294, 9);
    expect(byLevel["3"]!.gap).toBeCloseTo(62, 9);
    expect(byLevel["6+"]!.gap).toBeCloseTo(-30, 9);
    expect(gap.employment).toEqual({ baseline: 3000, target: 3100 });
    expect(gap.result).toEqual(
      skillsGap({ ...mixes, plan: town.plan, supply: town.supply }, { years: 5 }),
    );
    // Without a skills consultation the list is ranked by size: the largest shortfall first.
    expect(gap.ranking).toEqual({ weights: { size: 1, pay: 0, access: 0 } });
    expect(gap.investments[0]).toMatchObject({ occupation: "9", level: "1-2" });
    expect(gap.investments.every((entry) => entry.gap > 0)).toBe(true);
    // With replications the stored ranges feed the simulation, reproducibly.
    const ranged = await placeSkillsGap(database, "T1", { replications: 200, seed: 7 });
    const again = await placeSkillsGap(database, "T1", { replications: 200, seed: 7 });
    expect(ranged.result.byLevel).toEqual(again.result.byLevel);
    const [low, high] = ranged.result.byLevel.find((row) => row.level === "3")!.range!;
    expect(low).toBeLessThanOrEqual(62);
    expect(high).toBeGreaterThanOrEqual(62);
  });

  test("a skills weight set from a consultation reorders the list; one without the criteria is ignored", async () => {
    await database.query(
      `insert into weight_sets (name, version, weights, provenance)
       values ('skills-priorities', 1, '{"turnout": 1}', '{}')`,
    );
    expect((await skillsWeights(database)).weights).toEqual({ size: 1, pay: 0, access: 0 });
    await database.query(
      `insert into weight_sets (name, version, weights, provenance)
       values ('skills-priorities', 2, '{"pay": 0.75, "size": 0.25}', '{}')`,
    );
    const gap = await placeSkillsGap(database, "T1");
    expect(gap.ranking).toEqual({
      weights: { size: 0.25, pay: 0.75, access: 0 },
      weightSet: { name: "skills-priorities", version: 2, consultationId: null },
    });
    // Professionals pay most (score 1 on pay): their small shortfall at level 3, 30 needed less
    // 124·30/186 = 20 qualifying, comes first with 0.25·10/127.5 + 0.75·1; the largest
    // shortfall, elementary occupations at 1-2 (127.5), pays least and comes last: 0.25·1.
    expect(gap.investments[0]).toMatchObject({ occupation: "2", level: "3" });
    expect(gap.investments[0]!.score).toBeCloseTo(0.25 * (10 / 127.5) + 0.75, 9);
    expect(gap.investments.at(-1)).toMatchObject({ occupation: "9", level: "1-2", score: 0.25 });
  });

  test("a place without a plan, an unknown place, or a plan for an unknown place is refused with nothing written", async () => {
    await expect(placeSkillsGap(database, "T2")).rejects.toThrow(/no sector plan/);
    await expect(placeSkillsGap(database, "NOWHERE")).rejects.toThrow(NotFoundError);
    await expect(
      database.transaction((transaction) =>
        savePlaceSkills(transaction, { ...town, placeCode: "NOWHERE" }, 1),
      ),
    ).rejects.toThrow(NotFoundError);
    const [count] = await database.query<{ n: number }>(
      "select count(*)::int as n from skills_plan_rows",
    );
    expect(count!.n).toBe(2);
  });

  test("a place's projection inputs are read back as given, and its gap is the method's on them: the projection's worked example", async () => {
    await database.query(
      "insert into places (code, name, kind) values ('T3', 'Projected', 'district')",
    );
    await database.transaction(async (transaction) =>
      savePlaceSkills(transaction, projectedTown, 1),
    );
    const stored = await loadPlaceSkills(database, "T3");
    expect(stored).toEqual({
      ...projectedTown,
      plan: [...town.plan].sort((a, b) => a.industry.localeCompare(b.industry)),
      projection: { ...projection, residents: expect.arrayContaining(projection.residents!) },
    });
    expect(stored!.projection!.residents).toHaveLength(projection.residents!.length);
    expect(stored!.supply).toBeUndefined();

    const expected = projectSupply(projection, {
      years: 5,
      retention: 0.8,
      retentionByLevel: { "6+": 0.5 },
      inCommutingShare: 0.1,
    });
    for (const replications of [undefined, 200]) {
      const options = replications === undefined ? {} : { replications, seed: 7 };
      const gap = await placeSkillsGap(database, "T3", options);
      expect(gap.projection).toEqual(expected);
      expect(gap.result).toEqual(
        skillsGap(
          { ...mixes, plan: town.plan, supply: expected.supply, inCommutingShare: 0.1 },
          {
            years: 5,
            ...(replications === undefined ? {} : { uncertainty: { replications, seed: 7 } }),
          },
        ),
      );
      gap.result.byLevel.forEach((row, index) => {
        expect(row.gap).toBeCloseTo(projectedGaps[index]!, 9);
      });
    }
    const gap = await placeSkillsGap(database, "T3");
    expect(gap.projection!.bySubject.map((row) => [row.level, row.subject, row.supply])).toEqual([
      ["1-2", "construction", 160],
      ["1-2", "health and social care", 80],
      ["3", "engineering", 120],
      ["3", "health and social care", 40],
      ["6+", "nursing", 60],
    ]);
    expect(gap.projection!.byLevel.map((row) => row.source)).toEqual([
      "residents",
      "completions",
      "completions",
      "residents",
      "completions",
    ]);
    // A place with supply totals has no projection.
    expect((await placeSkillsGap(database, "T1")).projection).toBeUndefined();
  });

  test("a place's supply is totals or projection inputs: saving one replaces the other, saving both or neither is refused", async () => {
    const projectionRows = async () =>
      database.query<{
        projections: number;
        completions: number;
        residents: number;
        supply: number;
      }>(
        `select (select count(*)::int from skills_supply_projections where place_code = 'T3') as projections,
           (select count(*)::int from skills_completions where place_code = 'T3') as completions,
           (select count(*)::int from skills_residents where place_code = 'T3') as residents,
           (select count(*)::int from skills_supply where place_code = 'T3') as supply`,
      );
    expect(await projectionRows()).toEqual([
      { projections: 1, completions: 5, residents: 6, supply: 0 },
    ]);
    const common = { ...projectedTown, projection: undefined };
    await database.transaction(async (transaction) =>
      savePlaceSkills(transaction, { ...common, supply: town.supply }, 1),
    );
    expect(await projectionRows()).toEqual([
      { projections: 0, completions: 0, residents: 0, supply: 5 },
    ]);
    expect((await placeSkillsGap(database, "T3")).result).toEqual(
      skillsGap(
        { ...mixes, plan: town.plan, supply: town.supply, inCommutingShare: 0.1 },
        { years: 5 },
      ),
    );
    await database.transaction(async (transaction) =>
      savePlaceSkills(transaction, projectedTown, 1),
    );
    expect(await projectionRows()).toEqual([
      { projections: 1, completions: 5, residents: 6, supply: 0 },
    ]);
    await expect(
      database.transaction((transaction) =>
        savePlaceSkills(
          transaction,
          { ...projectedTown, supply: town.supply } as unknown as StoredPlaceSkills,
          1,
        ),
      ),
    ).rejects.toThrow(/totals or its projection, one of them/);
    await expect(
      database.transaction((transaction) =>
        savePlaceSkills(transaction, common as unknown as StoredPlaceSkills, 1),
      ),
    ).rejects.toThrow(/one of them/);
    expect(await projectionRows()).toEqual([
      { projections: 1, completions: 5, residents: 6, supply: 0 },
    ]);
  });

  test("the API and the page give where a projected supply comes from, by level and subject, with its assumptions", async () => {
    const { buildApp } = await import("../../src/api/app.js");
    const app = await buildApp({ database });
    try {
      const response = await app.inject({ method: "GET", url: "/api/v1/skills/places/T3/gap" });
      expect(response.statusCode).toBe(200);
      const { report } = response.json<{ report: SkillsGapReport }>();
      expect(report.byLevel.map((row) => row.gap)).toEqual(projectedGaps);
      expect(report.supply).toMatchObject({
        source: "projected",
        assumptions: {
          years: 5,
          entryAges: "16-24",
          inCommutingShare: 0.1,
          retention: [
            { level: "entry", retention: 0.8 },
            { level: "1-2", retention: 0.8 },
            { level: "3", retention: 0.8 },
            { level: "4-5", retention: 0.8 },
            { level: "6+", retention: 0.5 },
          ],
        },
      });
      expect(report.supply!.assumptions.notes.join(" ")).toMatch(/already the replacement demand/);
      expect(report.supply!.byLevel[1]).toEqual({
        level: "1-2",
        source: "completions",
        completions: 60,
        residents: null,
        entrants: 60,
        retention: 0.8,
        residentSupply: 240,
        inCommuting: 29.4,
        supply: 269.4,
      });
      expect(report.supply!.bySubject).toHaveLength(5);
      expect(report.warnings).toEqual([]);
      // A place with supply totals and no in-commuting has no supply section.
      const totals = await app.inject({ method: "GET", url: "/api/v1/skills/places/T1/gap" });
      expect(totals.json<{ report: SkillsGapReport }>().report.supply).toBeUndefined();

      const page = await app.inject({ method: "GET", url: "/skills/T3" });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Where the supply comes from");
      expect(page.body).toContain("residents aged 16-24");
      expect(page.body).toContain("nursing");
      expect(page.body).toMatch(/fill 10% of the openings/);
      expect(page.body).toContain("from 50% to 80%, by level");
      const bySubject = await app.inject({ method: "GET", url: "/skills/T3/supply-subject.csv" });
      expect(bySubject.body.split("\n").slice(0, 3)).toEqual([
        "level,subject,completions,retention,supply",
        "1-2,construction,40,0.8,160",
        "1-2,health and social care,20,0.8,80",
      ]);
      const byLevel = await app.inject({ method: "GET", url: "/skills/T3/supply.csv" });
      expect(byLevel.body.split("\n").slice(0, 2)).toEqual([
        "level,source,completions,residents,entrants,retention,residentSupply,inCommuting,supply",
        "entry,residents,,90,10,0.8,40,0,40",
      ]);
      const totalsPage = await app.inject({ method: "GET", url: "/skills/T1" });
      expect(totalsPage.body).toContain("the total imported with the plan");
    } finally {
      await app.close();
    }
  });
});

describe(`placefirst skills import on ${backendName}`, () => {
  let database: Database;
  const folder = mkdtempSync(join(tmpdir(), "placefirst-skills-import-"));
  const file = (name: string, content: string) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };
  const occupations = file(
    "industry_occupation.csv",
    "industry,occupation,share\nC,2,0.2\nC,5,0.5\nC,9,0.3\nQ,2,0.6\nQ,5,0.1\nQ,9,0.3\n",
  );
  const levels = file(
    "occupation_level.csv",
    "occupation,level,share\n2,3,0.25\n2,6+,0.75\n5,1-2,0.2\n5,3,0.8\n9,1-2,1\n",
  );
  const plan = file("plan.csv", "industry,baseline,target\nC,1000,1200\nQ,2000,1900\n");
  const supply = file("supply.csv", "level,supply\nentry,0\n1-2,147\n3,124\n4-5,0\n6+,120\n");
  const replacement = file("replacement.csv", "occupation,rate\n2,0.02\n5,0.03\n9,0.05\n");
  const completions = file(
    "completions.csv",
    `level,subject,completions
1-2,construction,40
1-2,health and social care,20
3,engineering,30
3,health and social care,10
6+,nursing,24
`,
  );
  const residents = file(
    "residents.csv",
    `level,age_band,residents
entry,16-24,90
3,16-24,180
4-5,16-19,36
4-5,20-24,54
6+,25-34,400
6+,65+,1000
`,
  );
  const counts = async () =>
    database.query<{
      plans: number;
      rows: number;
      mixes: number;
      datasets: number;
      projections: number;
      completions: number;
      residents: number;
    }>(
      `select (select count(*)::int from skills_plans) as plans,
         (select count(*)::int from skills_plan_rows) as rows,
         (select count(*)::int from skills_occupation_mix) as mixes,
         (select count(*)::int from datasets where kind = 'skills') as datasets,
         (select count(*)::int from skills_supply_projections) as projections,
         (select count(*)::int from skills_completions) as completions,
         (select count(*)::int from skills_residents) as residents`,
    );
  beforeAll(async () => {
    database = await testDatabase();
    await database.query(
      "insert into places (code, name, kind) values ('T1', 'Town', 'district'), ('T2', 'Other', 'district')",
    );
  });
  afterAll(async () => {
    await database?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test("mixes, then a place's plan and supply, are stored and give the worked example's gap", async () => {
    // A plan before any mix is refused: nothing to compute it with.
    await expect(importSkills(database, { place: "T1", plan, supply, years: 5 })).rejects.toThrow(
      /no longer fit together.*no occupation or level mix/,
    );
    expect(await counts()).toEqual([
      { plans: 0, rows: 0, mixes: 0, datasets: 0, projections: 0, completions: 0, residents: 0 },
    ]);
    expect(await importSkills(database, { occupations, levels, years: 5 })).toMatchObject({
      stored: true,
      occupationMixes: 2,
      levelMixes: 3,
      placesChecked: 0,
    });
    expect(
      await importSkills(database, { place: "T1", plan, supply, years: 5, source: "officers" }),
    ).toMatchObject({ stored: true, place: { code: "T1", industries: 2 }, placesChecked: 1 });
    const gap = await placeSkillsGap(database, "T1");
    expect(gap.planSource).toBe("officers");
    expect(gap.result.byLevel.find((row) => row.level === "1-2")!.demand).toBeCloseTo(
      // Without replacement rates only new jobs count: 90·0.2 + 30.
      48,
      9,
    );
    // The same files again change nothing.
    expect(
      await importSkills(database, { place: "T1", plan, supply, years: 5, source: "officers" }),
    ).toEqual({ stored: false, placesChecked: 0 });
  });

  test("an import that would leave a stored plan without what it needs is refused, and nothing changes", async () => {
    const before = await counts();
    const narrower = file("narrower.csv", "industry,occupation,share\nC,2,0.5\nC,9,0.5\n");
    await expect(importSkills(database, { occupations: narrower, years: 5 })).rejects.toThrow(
      /Town \(T1\) no longer fit together.*Q/,
    );
    const wider = file("wider.csv", "industry,baseline,target\nC,1000,1200\nF,300,350\n");
    await expect(
      importSkills(database, { place: "T2", plan: wider, supply, years: 5 }),
    ).rejects.toThrow(/Other \(T2\).*F/);
    await expect(
      importSkills(database, { place: "NOWHERE", plan, supply, years: 5 }),
    ).rejects.toThrow(/There is no place NOWHERE/);
    const broken = file("broken.csv", "industry,baseline,target\nC,1000,-5\n");
    await expect(
      importSkills(database, { place: "T2", plan: broken, supply, years: 5 }),
    ).rejects.toMatchObject({ location: { file: broken, line: 2, field: "target" } });
    await expect(importSkills(database, { place: "T2", years: 5 })).rejects.toThrow(
      /--place, --plan and --supply/,
    );
    await expect(importSkills(database, { years: 5 })).rejects.toThrow(/nothing to import/);
    expect(await counts()).toEqual(before);
  });

  test("a place's supply projected from completions, residents, retention and in-commuting is stored and gives the method's gap on the same files", async () => {
    const options = {
      place: "T2",
      plan,
      completions,
      residents,
      retention: { all: 0.8, byLevel: { "6+": 0.5 } },
      inCommuting: 0.1,
      replacement,
      years: 5,
    } as const;
    expect(await importSkills(database, options)).toMatchObject({
      stored: true,
      place: { code: "T2", industries: 2, years: 5, supply: "projected" },
      replacementRates: 3,
      placesChecked: 2,
    });
    const gap = await placeSkillsGap(database, "T2");
    const completionRows = (await import("../../src/skills/files/completionsFile.js"))
      .readCompletionsFile;
    const residentRows = (await import("../../src/skills/files/residentsFile.js"))
      .readResidentsFile;
    const strip = <Row extends { line: number }>({ line: _line, ...rest }: Row) => rest;
    const expected = projectSupply(
      {
        completions: (await completionRows(completions)).map(strip),
        residents: (await residentRows(residents)).map(strip),
      },
      { years: 5, retention: 0.8, retentionByLevel: { "6+": 0.5 }, inCommutingShare: 0.1 },
    );
    expect(gap.projection).toEqual(expected);
    expect(gap.result).toEqual(
      skillsGap(
        {
          ...mixes,
          occupationLevel: [...mixes.occupationLevel],
          plan: town.plan.map(({ industry, baseline, target }) => ({ industry, baseline, target })),
          supply: expected.supply,
          inCommutingShare: 0.1,
        },
        { years: 5 },
      ),
    );
    gap.result.byLevel.forEach((row, index) => {
      expect(row.gap).toBeCloseTo(projectedGaps[index]!, 9);
    });
    expect(gap.planSource).toBe("plan.csv");
    // The same files and options again change nothing; another in-commuting share is stored.
    expect(await importSkills(database, options)).toEqual({ stored: false, placesChecked: 0 });
    expect(await importSkills(database, { ...options, inCommuting: 0.2 })).toMatchObject({
      stored: true,
    });
    expect((await placeSkillsGap(database, "T2")).result.inCommutingShare).toBe(0.2);
    expect(await counts()).toMatchObject([{ projections: 1, completions: 5, residents: 6 }]);
  });

  test("a projection import that does not fit is refused, and nothing changes", async () => {
    const before = await counts();
    const projected = { place: "T2", plan, completions, years: 5 };
    // Bands that leave part of the entry ages out: the residents file is named.
    const partial = file("partial.csv", "level,age_band,residents\nentry,16-19,40\n");
    await expect(
      importSkills(database, { ...projected, residents: partial }),
    ).rejects.toMatchObject({
      location: { file: partial, field: "age_band" },
      message: expect.stringMatching(/cover 4 of the 9 years of the entry ages 16 to 24/),
    });
    const suppressed = file("suppressed.csv", "level,subject,completions\n3,engineering,c\n");
    await expect(
      importSkills(database, { ...projected, completions: suppressed }),
    ).rejects.toMatchObject({ location: { file: suppressed, line: 2, field: "completions" } });
    // A plan whose industry F has no occupation mix: the place no longer fits together.
    const wider = file("wider-plan.csv", "industry,baseline,target\nC,1000,1200\nF,300,350\n");
    await expect(importSkills(database, { ...projected, plan: wider })).rejects.toThrow(
      /Other \(T2\) no longer fit together.*F/,
    );
    await expect(importSkills(database, { ...projected, supply })).rejects.toThrow(
      /--supply\) or the completions to project it from \(--completions\), not both/,
    );
    await expect(
      importSkills(database, { place: "T2", plan, supply, residents, years: 5 }),
    ).rejects.toThrow(/give --completions with them/);
    await expect(
      importSkills(database, { occupations, inCommuting: 0.1, years: 5 }),
    ).rejects.toThrow(/in-commuting share is a place's/);
    await expect(importSkills(database, { place: "T2", plan, years: 5 })).rejects.toThrow(
      /--supply \(or --completions to project the supply\)/,
    );
    expect(await counts()).toEqual(before);
    expect((await placeSkillsGap(database, "T2")).result.inCommutingShare).toBe(0.2);
  });

  test("importing totals for a place with a projection replaces it", async () => {
    expect(await importSkills(database, { place: "T2", plan, supply, years: 5 })).toMatchObject({
      stored: true,
      place: { supply: "totals" },
    });
    expect(await counts()).toMatchObject([{ projections: 0, completions: 0, residents: 0 }]);
    const gap = await placeSkillsGap(database, "T2");
    expect(gap.projection).toBeUndefined();
    expect(gap.result.inCommutingShare).toBeUndefined();
  });
});

describe(`a sector plan from stored employment on ${backendName}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
    await database.query(
      "insert into places (code, name, kind) values ('T1', 'Town', 'district'), ('T3', 'Empty', 'district')",
    );
    await database.query(
      `insert into employment (place_code, industry_code, period, employees, dataset_id) values
         ('T1', '10', '2019', 1000, 1), ('T1', '10', '2024', 900, 1),
         ('T1', '86', '2024', 600, 1), ('T1', 'C', '2024', 900, 1),
         ('T1', '10', '2016', 5, 1)`,
    );
  });
  afterAll(async () => {
    await database?.close();
  });

  test("the latest year at divisions is the baseline, the trend comes from the year asked for", async () => {
    const history = await employmentHistory(database, "T1", "2019");
    expect(history).toEqual({
      period: "2024",
      earlierPeriod: "2019",
      level: "division",
      industries: [
        { industry: "10", baseline: 900, earlier: 1000 },
        // No care employment in 2019: its trend starts from 0.
        { industry: "86", baseline: 600, earlier: 0 },
      ],
    });
    const plan = sectorPlan(history.industries, { years: 5, trendYears: 5, added: { "62": 50 } });
    expect(plan).toEqual([
      { industry: "10", baseline: 900, target: 800 },
      { industry: "86", baseline: 600, target: 1200 },
      { industry: "62", baseline: 0, target: 50 },
    ]);
    expect((await employmentHistory(database, "T1")).industries[0]).toEqual({
      industry: "10",
      baseline: 900,
    });
  });

  test("the industries a board chose come from its consultation's published ranking", async () => {
    await database.query(
      "insert into boards (id, place_code, name, combination) values (1, 'T1', 'Board', 'equal-voice')",
    );
    const ranking = ["sic-86", "more-buses", "sic-62", "sic-c", "sic-28"];
    await database.query(
      `insert into consultations (id, board_id, title, question, kind, method, opens_at, closes_at,
         tie_break, closed_at, result)
       values (1, 1, 'Which sectors?', 'Rank them', 'ranked', 'schulze', now() - interval '2 days',
         now() - interval '1 day', $1, now(), $2::jsonb),
         (2, 1, 'Open', 'Rank them', 'ranked', 'schulze', now(), now() + interval '1 day', $1,
         null, null),
         (3, 1, 'No industries', 'Rank them', 'ranked', 'schulze', now() - interval '2 days',
         now() - interval '1 day', $1, now(), $3::jsonb)`,
      [
        ranking,
        JSON.stringify({ tally: { ranking } }),
        JSON.stringify({ tally: { ranking: ["more-buses"] } }),
      ],
    );
    // Options that name no industry are passed over; codes are read in capitals.
    expect(await chosenIndustries(database, 1, 3)).toEqual(["86", "62", "C"]);
    expect(await chosenIndustries(database, 1, 1)).toEqual(["86"]);
    await expect(chosenIndustries(database, 2, 3)).rejects.toThrow(/not been published/);
    await expect(chosenIndustries(database, 3, 3)).rejects.toThrow(/ranks no industry/);
    await expect(chosenIndustries(database, 9, 3)).rejects.toThrow(NotFoundError);
  });

  test("an unknown place, a place without employment or a trend year after the latest is refused", async () => {
    await expect(employmentHistory(database, "NOWHERE")).rejects.toThrow(NotFoundError);
    await expect(employmentHistory(database, "T3")).rejects.toThrow(/no employment by SIC/);
    await expect(employmentHistory(database, "T1", "2025")).rejects.toThrow(/before 2024/);
    await expect(employmentHistory(database, "T1", "2018")).rejects.toThrow(
      /no employment in 2018/,
    );
  });
});
