import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NotFoundError } from "../../src/core/errors.js";
import { importSkills } from "../../src/skills/importCommand.js";
import { skillsGap } from "../../src/skills/methods/index.js";
import { sectorPlan } from "../../src/skills/methods/sectorPlan.js";
import { employmentHistory } from "../../src/skills/planFromStore.js";
import { placeSkillsGap, skillsPlaces, skillsWeights } from "../../src/skills/service.js";
import {
  loadPlaceSkills,
  loadSkillsMixes,
  savePlaceSkills,
  saveSkillsMixes,
  type StoredPlaceSkills,
} from "../../src/skills/store.js";
import type { Database } from "../../src/store/database.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

// The worked example of docs/methods/skills-gap.md: two industries, three occupations.
const mixes = {
  industryOccupation: [
    { industry: "C", occupation: "2", share: 0.2 },
    { industry: "C", occupation: "5", share: 0.5 },
    { industry: "C", occupation: "9", share: 0.3 },
    { industry: "Q", occupation: "2", share: 0.6 },
    { industry: "Q", occupation: "5", share: 0.1 },
    { industry: "Q", occupation: "9", share: 0.3 },
  ],
  occupationLevel: [
    { occupation: "2", level: "3", share: 0.25 },
    { occupation: "2", level: "6+", share: 0.75 },
    { occupation: "5", level: "1-2", share: 0.2 },
    { occupation: "5", level: "3", share: 0.8 },
    { occupation: "9", level: "1-2", share: 1 },
  ] as const,
  replacement: [
    { occupation: "2", rate: 0.02 },
    { occupation: "5", rate: 0.03, rateLow: 0.02, rateHigh: 0.04 },
    { occupation: "9", rate: 0.05 },
  ],
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
  const counts = async () =>
    database.query<{ plans: number; rows: number; mixes: number; datasets: number }>(
      `select (select count(*)::int from skills_plans) as plans,
         (select count(*)::int from skills_plan_rows) as rows,
         (select count(*)::int from skills_occupation_mix) as mixes,
         (select count(*)::int from datasets where kind = 'skills') as datasets`,
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
    expect(await counts()).toEqual([{ plans: 0, rows: 0, mixes: 0, datasets: 0 }]);
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

  test("an unknown place, a place without employment or a trend year after the latest is refused", async () => {
    await expect(employmentHistory(database, "NOWHERE")).rejects.toThrow(NotFoundError);
    await expect(employmentHistory(database, "T3")).rejects.toThrow(/no employment by SIC/);
    await expect(employmentHistory(database, "T1", "2025")).rejects.toThrow(/before 2024/);
    await expect(employmentHistory(database, "T1", "2018")).rejects.toThrow(
      /no employment in 2018/,
    );
  });
});
