import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadDemo } from "../../src/data/loadDemo.js";
import { generateDemo } from "../../src/demo/index.js";
import { seedDemoFinance } from "../../src/finance/demo.js";
import { listPipeline, savePipeline } from "../../src/finance/pipeline.js";
import type { PipelineProject } from "../../src/finance/projectsFile.js";
import type { Database } from "../../src/store/database.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

describe(`the finance pipeline on ${backendName}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
    await loadDemo(database, generateDemo(20261128), 20261128);
  });
  afterAll(async () => {
    await database.close();
  });

  test("the demo pipeline is stored once, each project in a demo district, flagged as the scorecard flags it", async () => {
    expect(await seedDemoFinance(database)).toBe(true);
    expect(await seedDemoFinance(database)).toBe(false);
    const projects = await listPipeline(database);
    expect(projects).toHaveLength(42);
    expect(projects.every((project) => project.fictional && project.place.startsWith("X08"))).toBe(
      true,
    );
    expect(projects.some((project) => project.leftBehind)).toBe(true);
    expect(projects.some((project) => !project.leftBehind)).toBe(true);
  });

  test("savePipeline replaces a project with the same id, and an unknown place changes nothing", async () => {
    const project: PipelineProject = {
      id: "P001",
      place: "X08000003",
      sector: "62",
      amount: 500_000,
      jobs: 9,
      jobsNoDegree: 2,
      co2Change: null,
      localSpendShare: 0.4,
      risk: 0.1,
      leftBehind: false,
      score: null,
      extra: {},
      line: 2,
    };
    await database.transaction((tx) => savePipeline(tx, [{ ...project, name: "Studio" }]));
    const stored = (await listPipeline(database)).find((p) => p.id === "P001")!;
    expect(stored).toMatchObject({ name: "Studio", place: "X08000003", amount: 500_000 });
    await expect(
      database.transaction((tx) =>
        savePipeline(
          tx,
          [
            { ...project, id: "P900" },
            { ...project, id: "P901", place: "E99999999", line: 3 },
          ],
          { file: "projects.csv" },
        ),
      ),
    ).rejects.toThrow(/projects\.csv, line 3, column "place": no stored place has this code/);
    expect((await listPipeline(database)).some((p) => p.id === "P900")).toBe(false);
  });
});
