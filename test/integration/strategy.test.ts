import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ConflictError, InputError, NotFoundError } from "../../src/core/errors.js";
import { importFile } from "../../src/data/importFile.js";
import { saveSuppliers } from "../../src/procurement/service.js";
import { placeStrategy, strategyPlaces } from "../../src/strategy/service.js";
import {
  adoptStrategy,
  createStrategy,
  recordActionUpdate,
  type StrategySpec,
} from "../../src/strategy/store.js";
import type { Database } from "../../src/store/database.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

const folder = mkdtempSync(join(tmpdir(), "placefirst-strategy-"));
const file = (name: string, content: string) => {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
};

// Employment rate (higher is better) and child poverty (lower is better) in one town, 2020-2024.
const history = `place,indicator,period,value
T1,employment_rate,2020,70
T1,employment_rate,2022,70
T1,employment_rate,2023,69.5
T1,employment_rate,2024,69
T1,child_poverty,2020,30
T1,child_poverty,2022,30
T1,child_poverty,2023,29
T1,child_poverty,2024,28
`;

const spec: StrategySpec = {
  placeCode: "T1",
  title: "Work for everyone",
  summary: "A test strategy.",
  procurement: { smeShareTarget: 0.3 },
  sectors: ["86", "62"],
  lots: [
    {
      contract: "Repairs and cleaning",
      buyer: "Town council",
      items: [
        { description: "Electrical repairs", cpv: "45310000", value: 40_000 },
        { description: "Cleaning", cpv: "90910000", value: 200_000 },
      ],
      maxLots: 2,
    },
  ],
  objectives: [
    {
      title: "More people in work",
      indicator: "employment_rate",
      baselinePeriod: "2022",
      targetPeriod: "2030",
      targetValue: 74,
      actions: [
        { title: "Jobs fair", kind: "programme", owner: "Council", startsOn: "2025-01-01" },
      ],
    },
    {
      title: "Fewer children in poverty",
      indicator: "child_poverty",
      baselinePeriod: "2022",
      baselineValue: 30,
      targetPeriod: "2030",
      targetValue: 22,
    },
  ],
};

describe(`the strategy and its monitoring on ${backendName}`, () => {
  let database: Database;
  let strategyId: number;
  beforeAll(async () => {
    database = await testDatabase();
    await database.query(
      `insert into places (code, name, kind) values ('T1', 'Town', 'district'), ('T2', 'Other', 'district')`,
    );
    await database.query(
      `insert into indicators (id, name, goal, unit, polarity) values
         ('employment_rate', 'Employment rate', 'prosperity', '%', 1),
         ('child_poverty', 'Children in poverty', 'equality', '%', -1)`,
    );
    await importFile(database, { kind: "observations", path: file("history.csv", history) });
    // One local electrician who can take on £50,000: the repairs as a lot of their own, not the
    // whole contract.
    await database.transaction((transaction) =>
      saveSuppliers(transaction, [
        {
          supplierId: "S1",
          name: "Town Electrics",
          placeCode: "T1",
          size: "small",
          cpvCodes: ["45310000"],
          capacityPence: 5_000_000,
          accreditations: [],
        },
      ]),
    );
  });
  afterAll(async () => {
    await database?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test("a strategy is written as a draft with its baselines from the observations, then adopted", async () => {
    const created = await database.transaction((transaction) => createStrategy(transaction, spec));
    strategyId = created.id;
    expect(created.version).toBe(1);
    let strategy = await placeStrategy(database, "T1");
    expect(strategy.strategy).toMatchObject({ status: "draft", title: "Work for everyone" });
    expect(strategy.objectives.map((objective) => objective.baseline)).toEqual([
      { period: "2022", value: 70 },
      { period: "2022", value: 30 },
    ]);
    expect(strategy.objectives[0]!.goal).toBe("prosperity");
    expect(strategy.strategy.sectors.map((sector) => sector.code)).toEqual(["86", "62"]);
    expect(strategy.strategy.sectors[0]!.name).toMatch(/health/i);
    // As one lot of £240,000 no local SME can take it on; in two lots, the £40,000 of repairs.
    expect(strategy.lots).toEqual([
      {
        contract: "Repairs and cleaning",
        buyer: "Town council",
        items: 2,
        totalValuePence: 24_000_000,
        lots: 2,
        oneLotShare: 0,
        plannedShare: 40_000 / 240_000,
        method: "exact",
      },
    ]);
    await database.transaction((transaction) =>
      adoptStrategy(transaction, created.id, { note: "Adopted 12 March, 9 for, 1 against." }),
    );
    strategy = await placeStrategy(database, "T1");
    expect(strategy.strategy.status).toBe("adopted");
    await expect(
      database.transaction((transaction) => adoptStrategy(transaction, created.id, { note: "x" })),
    ).rejects.toThrow(ConflictError);
    expect(await strategyPlaces(database)).toEqual([
      { code: "T1", name: "Town", version: 1, status: "adopted", title: "Work for everyone" },
    ]);
  });

  test("importing a new year of observations changes the objectives' statuses", async () => {
    // 2024: employment fell from its 70% baseline (the target is 74%): off track. Child poverty
    // fell from 30% to 28%, a quarter of the way to 22% after a quarter of the time: on track.
    const before = await placeStrategy(database, "T1");
    expect(before.objectives.map((objective) => objective.assessment.status)).toEqual([
      "off-track",
      "on-track",
    ]);
    expect(before.statusCounts).toMatchObject({ "off-track": 1, "on-track": 1 });
    // 2025: employment jumps to 72.5% (over half way after three eighths of the time); child
    // poverty rises back to 30%, no progress at all.
    await importFile(database, {
      kind: "observations",
      path: file(
        "2025.csv",
        "place,indicator,period,value\nT1,employment_rate,2025,72.5\nT1,child_poverty,2025,30\n",
      ),
    });
    const after = await placeStrategy(database, "T1");
    expect(after.objectives.map((objective) => objective.assessment.status)).toEqual([
      "on-track",
      "off-track",
    ]);
    expect(after.objectives[0]!.assessment.latest).toEqual({ period: "2025", value: 72.5 });
    // And a year that meets the target is "met".
    await importFile(database, {
      kind: "observations",
      path: file("2026.csv", "place,indicator,period,value\nT1,employment_rate,2026,74.2\n"),
    });
    expect((await placeStrategy(database, "T1")).objectives[0]!.assessment.status).toBe("met");
  });

  test("progress on an action is logged with its status; a bad update changes nothing", async () => {
    const [action] = (await placeStrategy(database, "T1")).objectives[0]!.actions;
    await database.transaction((transaction) =>
      recordActionUpdate(transaction, action!.id, { status: "in-progress", note: "Booked." }),
    );
    await expect(
      database.transaction((transaction) =>
        recordActionUpdate(transaction, action!.id, { status: "finished", note: "x" }),
      ),
    ).rejects.toThrow(InputError);
    await expect(
      database.transaction((transaction) =>
        recordActionUpdate(transaction, action!.id, { status: "done", note: " " }),
      ),
    ).rejects.toThrow(InputError);
    const [updated] = (await placeStrategy(database, "T1")).objectives[0]!.actions;
    expect(updated!.status).toBe("in-progress");
    expect(updated!.updates.map((update) => update.note)).toEqual(["Booked."]);
  });

  test("a second version is a draft until adopted, and then supersedes the first", async () => {
    const second = await database.transaction((transaction) =>
      createStrategy(transaction, { ...spec, title: "Work for everyone, revised" }),
    );
    expect(second.version).toBe(2);
    expect((await placeStrategy(database, "T1")).strategy.version).toBe(1);
    expect((await placeStrategy(database, "T1", 2)).strategy.status).toBe("draft");
    await database.transaction((transaction) =>
      adoptStrategy(transaction, second.id, { note: "Adopted at the review." }),
    );
    const current = await placeStrategy(database, "T1");
    expect(current.strategy.version).toBe(2);
    expect(current.versions.map((version) => version.status)).toEqual(["adopted", "superseded"]);
    expect(strategyId).toBeGreaterThan(0);
  });

  test("a strategy with a mistake is refused with nothing written", async () => {
    const count = async () =>
      (await database.query<{ n: number }>("select count(*)::int as n from strategies"))[0]!.n;
    const before = await count();
    const refuse = (changed: Partial<StrategySpec>) =>
      database.transaction((transaction) => createStrategy(transaction, { ...spec, ...changed }));
    await expect(refuse({ placeCode: "NOWHERE" })).rejects.toThrow(NotFoundError);
    await expect(refuse({ objectives: [] })).rejects.toThrow(/at least one objective/);
    await expect(
      refuse({ objectives: [{ ...spec.objectives[0]!, indicator: "nothing" }] }),
    ).rejects.toThrow(/no such indicator/);
    await expect(
      refuse({ objectives: [{ ...spec.objectives[0]!, baselinePeriod: "2019" }] }),
    ).rejects.toThrow(/no observation of employment_rate in 2019/);
    await expect(
      refuse({ objectives: [{ ...spec.objectives[0]!, targetPeriod: "2021" }] }),
    ).rejects.toThrow(/after the baseline/);
    await expect(
      refuse({ objectives: [{ ...spec.objectives[0]!, targetPeriod: "2029-30" }] }),
    ).rejects.toThrow(/same kind/);
    await expect(
      refuse({ objectives: [{ ...spec.objectives[0]!, targetPeriod: "soon" }] }),
    ).rejects.toThrow(/expected periods as years/);
    await expect(
      refuse({
        objectives: [
          {
            ...spec.objectives[0]!,
            actions: [{ title: "x", kind: "project", owner: "y", financeProjectId: "none" }],
          },
        ],
      }),
    ).rejects.toThrow(/no such project/);
    await expect(refuse({ weightSet: { name: "missing" } })).rejects.toThrow(/no such weight set/);
    await expect(refuse({ sectors: ["62", "00"] })).rejects.toThrow(/no such industry/);
    await expect(
      refuse({
        lots: [{ contract: "x", buyer: "y", items: [{ description: "z", cpv: "1234", value: 1 }] }],
      }),
    ).rejects.toThrow(/CPV/);
    await expect(
      refuse({ lots: [{ contract: "x", buyer: "y", items: [], maxLots: 2 }] }),
    ).rejects.toThrow(/at least one item/);
    await expect(refuse({ procurement: { smeShareTarget: 1.5 } })).rejects.toThrow(/0 to 1/);
    await expect(placeStrategy(database, "T2")).rejects.toThrow(/no strategy yet/);
    expect(await count()).toBe(before);
  });
});
