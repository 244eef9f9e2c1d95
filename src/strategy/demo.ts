import { demoBoardPlace } from "../participation/demo.js";
import { placeOpportunities } from "../profile/opportunitiesService.js";
import type { Database } from "../store/database.js";
import { adoptStrategy, createStrategy, recordActionUpdate, type ObjectiveSpec } from "./store.js";

/** The baseline and target periods of the demo's objectives. */
const baselinePeriod = "2022";
const targetPeriod = "2030";

/**
 * Each demo objective: its indicator and how far the board aims to move it by 2030, in the
 * indicator's unit and its good direction (fictional targets).
 */
const aims: readonly { indicator: string; title: string; change: number; relative?: boolean }[] = [
  { indicator: "unemployment_rate", title: "Fewer people out of work", change: -1.5 },
  { indicator: "employment_rate", title: "More people in work", change: 3 },
  { indicator: "child_poverty", title: "Fewer children in poverty", change: -5 },
  { indicator: "median_weekly_pay", title: "Better pay", change: 0.12, relative: true },
  { indicator: "level4_share", title: "More people qualified to level 4", change: 5 },
  { indicator: "co2_per_head", title: "Lower emissions", change: -0.25, relative: true },
  { indicator: "life_satisfaction", title: "Higher life satisfaction", change: 0.3 },
];

/**
 * Loads the demo strategy once, for the district with the demo board: seven objectives on the
 * scorecard's indicators with 2030 targets, actions that include the district's funded projects,
 * a procurement change and a skills programme, some progress updates, and the board's adoption.
 * Returns false when it is there already or there is no demo board's district.
 */
export async function seedDemoStrategy(database: Database): Promise<boolean> {
  const [existing] = await database.query("select 1 from strategies where place_code = $1", [
    demoBoardPlace,
  ]);
  if (existing !== undefined) return false;
  const [district] = await database.query<{ name: string }>(
    "select name from places where code = $1 and fictional",
    [demoBoardPlace],
  );
  if (district === undefined) return false;
  const baselines = await database.query<{ indicator: string; value: number }>(
    `select indicator_id as indicator, value from observations
     where place_code = $1 and period = $2 and value is not null`,
    [demoBoardPlace, baselinePeriod],
  );
  const projects = await database.query<{ id: string; name: string }>(
    `select id, name from finance_projects where place_code = $1
       and status in ('approved', 'contracted', 'disbursing', 'repaying', 'closed')
     order by id`,
    [demoBoardPlace],
  );
  const [weightSet] = await database.query<{ name: string }>(
    "select name from weight_sets where name = 'scorecard-goals' limit 1",
  );
  // The sectors to back: the three best-ranked opportunities, weighted as the board's
  // consultation on what growing sectors should bring decided.
  const [priorities] = await database.query<{ weights: Record<string, number> }>(
    `select weights from weight_sets where name = 'opportunity-priorities'
     order by version desc limit 1`,
  );
  const opportunities = await placeOpportunities(
    database,
    demoBoardPlace,
    ...(priorities === undefined ? [] : [priorities.weights]),
  );
  const sectors = opportunities.ranked
    .filter((item) => item.rank !== null)
    .sort((a, b) => a.rank! - b.rank!)
    .slice(0, 3)
    .map((item) => item.code);
  const objectives: ObjectiveSpec[] = [];
  for (const aim of aims) {
    const baseline = baselines.find((row) => row.indicator === aim.indicator);
    if (baseline === undefined) continue;
    const target = aim.relative ? baseline.value * (1 + aim.change) : baseline.value + aim.change;
    objectives.push({
      title: aim.title,
      indicator: aim.indicator,
      baselinePeriod,
      targetPeriod,
      targetValue: Math.round(target * 100) / 100,
      actions: actionsFor(aim.indicator, district.name, projects),
    });
  }
  if (objectives.length === 0) return false;
  await database.transaction(async (transaction) => {
    const { id } = await createStrategy(
      transaction,
      {
        placeCode: demoBoardPlace,
        title: `${district.name}: good work in every neighbourhood`,
        summary: `${district.name}'s strategy puts people and places first: more and better-paid work within reach of every neighbourhood, fewer children in poverty, skills for the jobs the plan creates, and lower emissions. Its priorities are the weights residents, young people, employers, unions, councillors and the third sector gave the scorecard's goals. The demo is fictional.`,
        ...(weightSet === undefined ? {} : { weightSet: { name: weightSet.name } }),
        procurement: { smeShareTarget: 0.35, localShareTarget: 0.25 },
        sectors,
        lots: [
          {
            contract: "Building services for the council's estate, 2026-2029",
            buyer: `${district.name} Council`,
            items: [
              { description: "Grounds maintenance", cpv: "77310000", value: 120_000 },
              { description: "Building cleaning", cpv: "90910000", value: 240_000 },
              { description: "Electrical installation work", cpv: "45310000", value: 150_000 },
              { description: "Plumbing and heating repairs", cpv: "45330000", value: 90_000 },
              { description: "Painting and decorating", cpv: "45442100", value: 60_000 },
              { description: "Security services", cpv: "79710000", value: 110_000 },
            ],
            maxLots: 5,
            minLotValue: 25_000,
          },
        ],
        objectives,
      },
      { fictional: true },
    );
    await adoptStrategy(transaction, id, {
      note: "Adopted by the local strategy board at its meeting of 12 March 2025: 12 for, 2 against, 1 abstention (fictional).",
      at: new Date("2025-03-12T18:00:00Z"),
    });
    const actions = await transaction.query<{ id: number; title: string }>(
      `select a.id, a.title from strategy_actions a
       join strategy_objectives o on o.id = a.objective_id where o.strategy_id = $1
       order by o.position, a.position`,
      [id],
    );
    const progress: Record<string, [status: "in-progress" | "done", note: string, at: string]> = {
      "Split the council's facilities contract into lots local firms can reach": [
        "done",
        "The new contract was let in six lots; four went to firms in the district.",
        "2025-09-30T12:00:00Z",
      ],
      "Care and construction apprenticeships with the college": [
        "in-progress",
        "The first 40 apprentices started in September.",
        "2025-10-15T12:00:00Z",
      ],
      "Evening bus to the industrial estate": [
        "in-progress",
        "Running as a trial; usage is reviewed in March.",
        "2025-11-01T12:00:00Z",
      ],
    };
    for (const action of actions) {
      const update = progress[action.title];
      if (update === undefined) continue;
      await recordActionUpdate(transaction, action.id, {
        status: update[0],
        note: update[1],
        at: new Date(update[2]),
      });
    }
  });
  return true;
}

/** The demo actions of an objective, by its indicator. */
function actionsFor(
  indicator: string,
  districtName: string,
  projects: readonly { id: string; name: string }[],
): ObjectiveSpec["actions"] {
  switch (indicator) {
    case "unemployment_rate":
      return [
        ...projects.slice(0, 3).map((project) => ({
          title: project.name,
          kind: "project" as const,
          owner: "Development bank and applicant",
          startsOn: "2025-04-01",
          financeProjectId: project.id,
          status: "in-progress" as const,
        })),
        {
          title: "Evening bus to the industrial estate",
          kind: "programme" as const,
          owner: `${districtName} Council transport team`,
          startsOn: "2025-06-01",
          endsOn: "2026-05-31",
        },
      ];
    case "median_weekly_pay":
      return [
        {
          title: "Split the council's facilities contract into lots local firms can reach",
          kind: "procurement" as const,
          owner: "Council procurement team",
          startsOn: "2025-04-01",
          endsOn: "2025-09-30",
        },
        {
          title: "Real living wage in every council contract",
          kind: "procurement" as const,
          owner: "Council procurement team",
          startsOn: "2025-04-01",
        },
      ];
    case "level4_share":
      return [
        {
          title: "Care and construction apprenticeships with the college",
          kind: "skills" as const,
          owner: "Breveland College (fictional)",
          startsOn: "2025-09-01",
          endsOn: "2028-07-31",
        },
      ];
    case "child_poverty":
      return [
        {
          title: "Advice on benefits and work in the five most deprived neighbourhoods",
          kind: "programme" as const,
          owner: "Citizens' advice partnership",
          startsOn: "2025-05-01",
        },
      ];
    case "co2_per_head":
      return [
        {
          title: "Street-by-street home retrofit",
          kind: "programme" as const,
          owner: "Council and community energy co-operative",
          startsOn: "2026-01-01",
          endsOn: "2029-12-31",
        },
      ];
    default:
      return [];
  }
}
