import { Random } from "../demo/random.js";
import { placeOpportunities } from "../profile/opportunitiesService.js";
import { loadFramework } from "../scorecard/framework.js";
import { scorecardFromStore } from "../scorecard/service.js";
import { shippedFrameworks } from "../scorecard/shippedFrameworks.js";
import type { Database, Queryable } from "../store/database.js";
import { saveFund, saveLender } from "./lenders.js";
import { loanSchedule } from "./methods/loanSchedule.js";
import type { Instrument, ProjectStatus, QualificationLevel } from "./methods/projectLifecycle.js";
import { savePipeline } from "./pipeline.js";
import type { PipelineProject } from "./projectsFile.js";
import { setStatus } from "./statusLog.js";

// Kinds of project a development bank sees, each with its sector, typical size in pounds, jobs
// per million, share of jobs open without a degree and CO2 change per million a year.
const kinds: readonly [
  name: string,
  sector: string,
  size: number,
  jobsPerMillion: number,
  noDegree: number,
  co2PerMillion: number,
][] = [
  ["Factory extension", "28", 2_500_000, 14, 0.75, 40],
  ["Food processing line", "10", 1_800_000, 18, 0.85, 25],
  ["Care home retrofit", "87", 1_200_000, 10, 0.8, -120],
  ["Community energy scheme", "35", 3_000_000, 4, 0.6, -900],
  ["Software studio", "62", 900_000, 16, 0.2, 2],
  ["Logistics hub", "52", 4_000_000, 9, 0.85, 60],
  ["Skills and training centre", "85", 1_500_000, 8, 0.5, -20],
  ["Social housing retrofit", "41", 3_500_000, 7, 0.85, -600],
  ["Bus depot electrification", "49", 2_800_000, 5, 0.8, -700],
  ["Engineering workshop", "33", 1_100_000, 12, 0.7, 15],
];

/**
 * Loads a fictional pipeline of 42 development projects across the demo's districts, once:
 * sizes, jobs, CO2 and risk varied around typical values, each flagged left behind where the
 * demo scorecard's left-behind lens flags its district, and aligned with its district's
 * opportunity ranking as the profile scores the project's sector. Nothing here describes a real
 * project.
 */
export async function seedDemoFinance(database: Database): Promise<boolean> {
  const [existing] = await database.query("select 1 from finance_projects limit 1");
  if (existing !== undefined) return false;
  const framework = await loadFramework(shippedFrameworks.demo!);
  const report = await scorecardFromStore(database, framework);
  const districts = report.places.map((entry) => ({
    code: entry.place,
    name: entry.name,
    leftBehind: entry.leftBehind,
  }));
  const neighbourhoods = await database.query<{ code: string; parent: string }>(
    `select code, parent_code as parent from places where kind = 'neighbourhood' order by code`,
  );
  if (districts.length === 0) return false;
  const random = new Random(20261128);
  const projects: (PipelineProject & { name: string })[] = [];
  for (let index = 0; index < 42; index++) {
    const [kind, sector, size, jobsPerMillion, noDegree, co2PerMillion] =
      kinds[random.integer(0, kinds.length - 1)]!;
    const district = districts[random.integer(0, districts.length - 1)]!;
    const amount = Math.round((size * Math.exp(random.normal(0, 0.35))) / 10_000) * 10_000;
    const millions = amount / 1_000_000;
    const jobs = Math.max(
      1,
      Math.round(jobsPerMillion * millions * Math.exp(random.normal(0, 0.3))),
    );
    projects.push({
      id: `P${String(index + 1).padStart(3, "0")}`,
      name: kind,
      place: district.code,
      sector,
      amount,
      jobs,
      jobsNoDegree: Math.min(
        jobs,
        Math.round(jobs * Math.min(0.95, noDegree + random.normal(0, 0.08))),
      ),
      co2Change: Math.round(co2PerMillion * millions * Math.exp(random.normal(0, 0.3))),
      localSpendShare:
        Math.round(Math.min(0.95, Math.max(0.1, 0.5 + random.normal(0, 0.15))) * 100) / 100,
      risk:
        Math.round(Math.min(0.4, Math.max(0.01, 0.08 * Math.exp(random.normal(0, 0.6)))) * 1000) /
        1000,
      leftBehind: district.leftBehind,
      score: null,
      extra: {},
      line: index + 2,
    });
    const project = projects.at(-1)!;
    const inDistrict = neighbourhoods.filter((item) => item.parent === district.code);
    const start = 2023 * 12 + random.integer(0, 35);
    const years = random.integer(2, 5);
    project.record = {
      applicant: `${district.name} ${kind} ${["Ltd", "Co-operative", "Trust", "CIC"][random.integer(0, 3)]} (fictional)`,
      ...(inDistrict.length === 0
        ? {}
        : { neighbourhood: inDistrict[random.integer(0, inDistrict.length - 1)]!.code }),
      instrument: instrumentFor(sector, random),
      coFinance: Math.round((amount * random.uniform(0, 0.4)) / 10_000) * 10_000,
      startDate: monthDate(start),
      endDate: monthDate(start + years * 12),
      jobsSafeguarded: random.integer(0, Math.round(jobs / 2)),
      jobsByLevel: jobsByLevel(jobs, project.jobsNoDegree!, random),
    };
  }
  // Alignment with each place's opportunity ranking: the sector's score (0 to 100, feasibility
  // and attractiveness together) among the place's industries, from the profile capability.
  const alignment = new Map<string, Map<string, number>>();
  for (const place of new Set(projects.map((project) => project.place))) {
    const { ranked } = await placeOpportunities(database, place);
    alignment.set(
      place,
      new Map(
        ranked
          .filter((item) => Number.isFinite(item.score))
          .map((item) => [item.code, Math.round(item.score * 10) / 10]),
      ),
    );
  }
  for (const project of projects) {
    const score = alignment.get(project.place)?.get(project.sector);
    if (score !== undefined) project.extra.opportunity_score = score;
  }
  await database.transaction(async (transaction) => {
    const funds = await seedDemoLenders(transaction, projects, districts);
    await savePipeline(transaction, projects, { fictional: true });
    await seedDemoLoans(transaction, projects, random);
    await seedDemoStatuses(transaction, projects, funds);
  });
  return true;
}

function monthDate(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-01`;
}

function instrumentFor(sector: string, random: Random): Instrument {
  if (sector === "85") return "grant";
  if (sector === "62") return random.uniform(0, 1) < 0.5 ? "equity" : "loan";
  return random.uniform(0, 1) < 0.15 ? "guarantee" : "loan";
}

// Typical annual pay at each level, in pounds: a fictional ladder near UK medians.
const payLadder: readonly [QualificationLevel, number][] = [
  ["entry", 22_000],
  ["1-2", 25_000],
  ["3", 29_000],
  ["4-5", 35_000],
  ["6+", 44_000],
];

// Splits a project's jobs over the levels: its graduate jobs at 6+, the rest spread below.
function jobsByLevel(
  jobs: number,
  noDegree: number,
  random: Random,
): { level: QualificationLevel; jobs: number; annualPay: number }[] {
  const below = [0.2, 0.35, 0.3, 0.15].map((share) => share * random.uniform(0.6, 1.4));
  const total = below.reduce((sum, share) => sum + share, 0);
  const counts = below.map((share) => Math.floor((noDegree * share) / total));
  let left = noDegree - counts.reduce((sum, count) => sum + count, 0);
  for (let index = 0; left > 0; index = (index + 1) % counts.length, left--) counts[index]!++;
  counts.push(jobs - noDegree);
  return payLadder
    .map(([level, pay], index) => ({
      level,
      jobs: counts[index]!,
      annualPay: Math.round((pay * random.uniform(0.9, 1.15)) / 100) * 100,
    }))
    .filter((row) => row.jobs > 0);
}

/**
 * Three fictional lenders with a fund each, and each project given the fund that would pay for
 * it: clean-energy, housing, transport and care projects to the regional bank's green fund,
 * smaller projects in left-behind districts to the community fund, the rest to the national
 * development bank. Each budget is three quarters of its fund's pipeline.
 */
async function seedDemoLenders(
  transaction: Queryable,
  projects: (PipelineProject & { name: string })[],
  districts: readonly { code: string; leftBehind: boolean }[],
): Promise<Map<string, number>> {
  const leftBehind = districts.filter((district) => district.leftBehind).map((d) => d.code);
  const green = ["35", "41", "49", "87"];
  await saveLender(transaction, {
    id: "ndb",
    name: "National Development Bank (fictional)",
    kind: "national development bank",
    fictional: true,
  });
  await saveLender(transaction, {
    id: "brb",
    name: "Breveland Regional Bank (fictional)",
    kind: "regional bank",
    fictional: true,
  });
  await saveLender(transaction, {
    id: "bcf",
    name: "Breveland Community Finance (fictional)",
    kind: "community finance",
    fictional: true,
  });
  const fundOf = (project: PipelineProject): string => {
    if (green.includes(project.sector) && project.record?.instrument !== "equity") return "green";
    if (
      project.amount <= 2_500_000 &&
      project.leftBehind &&
      project.record?.instrument !== "equity" &&
      project.record?.instrument !== "guarantee"
    )
      return "community";
    return "place";
  };
  const pipeline = new Map<string, number>();
  for (const project of projects) {
    const fund = fundOf(project);
    project.record = { ...project.record, fund };
    pipeline.set(fund, (pipeline.get(fund) ?? 0) + project.amount);
  }
  const budget = (fund: string) =>
    Math.ceil(((pipeline.get(fund) ?? 0) * 0.75) / 1_000_000) * 1_000_000 * 100;
  const funds = [
    {
      id: "place",
      lenderId: "ndb",
      name: "Place-based investment fund",
      instruments: ["loan", "equity", "guarantee", "grant"] as const,
      minShareMarginalised: 0.4,
    },
    {
      id: "green",
      lenderId: "brb",
      name: "Green transition fund",
      instruments: ["loan", "grant", "guarantee"] as const,
      mandateSectors: green,
      minShareMarginalised: 0.3,
    },
    {
      id: "community",
      lenderId: "bcf",
      name: "Community enterprise fund",
      instruments: ["loan", "grant"] as const,
      mandatePlaces: leftBehind,
      minShareMarginalised: 0.8,
    },
  ];
  for (const fund of funds) {
    await saveFund(transaction, { ...fund, budgetPence: budget(fund.id), fictional: true });
  }
  const [officer] = await transaction.query<{ id: number }>(
    "select id from users where email = 'officer@demo.placefirst.invalid'",
  );
  if (officer !== undefined) {
    for (const lender of ["ndb", "bcf"]) {
      await transaction.query(
        `insert into finance_lender_officers (user_id, lender_id) values ($1, $2)
         on conflict do nothing`,
        [officer.id, lender],
      );
    }
  }
  return new Map(funds.map((fund) => [fund.id, budget(fund.id)]));
}

/**
 * Moves the demo projects through their statuses: the twelve with loans to repaying (or written
 * off), then the best-scoring others approved within their fund's budget, some appraised, the
 * rest proposed.
 */
async function seedDemoStatuses(
  transaction: Queryable,
  projects: readonly (PipelineProject & { name: string })[],
  budgets: ReadonlyMap<string, number>,
): Promise<void> {
  const path: ProjectStatus[] = ["proposed", "appraised", "approved", "contracted", "disbursing"];
  // Each step is dated back from the project's start: proposed half a year before, then a step
  // every two months; loans pay out at the start and repay from three months on.
  const walk = async (project: PipelineProject, to: ProjectStatus[]) => {
    const start = Date.parse(`${project.record!.startDate!}T09:00:00Z`);
    const monthsBefore = [4, 2, 0, 0, -3, -3];
    let from: ProjectStatus = "proposed";
    for (const [index, next] of to.entries()) {
      const at = new Date(start - monthsBefore[index]! * 30 * 86_400_000);
      const when = Math.min(at.getTime(), Date.now() - (to.length - index) * 86_400_000);
      await setStatus(
        transaction,
        project.id,
        from,
        next,
        null,
        "demo",
        new Date(when).toISOString(),
      );
      from = next;
    }
  };
  await transaction.query(
    `update finance_project_events e
     set at = least(p.start_date - interval '6 months', now() - interval '10 days')
     from finance_projects p where p.id = e.project_id and e.from_status is null and p.fictional`,
  );
  const committed = new Map<string, number>();
  for (const [index, behaviour] of behaviours.entries()) {
    const project = projects[index]!;
    const fund = project.record!.fund!;
    committed.set(fund, (committed.get(fund) ?? 0) + Math.round(project.amount * 100));
    await walk(project, [
      ...path.slice(1),
      behaviour === "written off" ? "written off" : "repaying",
    ]);
  }
  for (const [index, project] of projects.entries()) {
    if (index < behaviours.length) continue;
    const fund = project.record!.fund!;
    const amount = Math.round(project.amount * 100);
    const room = (budgets.get(fund) ?? 0) - (committed.get(fund) ?? 0);
    if (index % 3 === 0 && amount <= room * 0.3) {
      committed.set(fund, (committed.get(fund) ?? 0) + amount);
      await walk(project, ["appraised", "approved"]);
    } else if (index % 3 === 1) {
      await walk(project, ["appraised"]);
    }
  }
}

// How each of the twelve demo loans behaves: pays on time, pays late by some months, stopped
// paying some months ago, or was written off.
const behaviours = [
  "on time",
  "on time",
  "on time",
  "on time",
  "on time",
  "on time",
  "on time",
  "2 behind",
  "2 behind",
  "stopped 5",
  "stopped 2",
  "written off",
] as const;

async function seedDemoLoans(
  transaction: Queryable,
  projects: readonly (PipelineProject & { name: string })[],
  random: Random,
): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  for (const [index, behaviour] of behaviours.entries()) {
    const project = projects[index]!;
    const month = random.integer(0, 29);
    const startDate = `${2023 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-15`;
    const terms = {
      principalPence: Math.round(project.amount * 0.6) * 100,
      rateBps: random.integer(35, 65) * 10,
      months: [60, 84, 120][random.integer(0, 2)]!,
      type: "annuity" as const,
      startDate,
    };
    const schedule = loanSchedule(terms);
    const due = schedule.instalments.filter((instalment) => instalment.date <= today);
    const skip =
      behaviour === "2 behind"
        ? 2
        : behaviour.startsWith("stopped")
          ? Number(behaviour.split(" ")[1])
          : 0;
    const paid =
      behaviour === "written off" ? due.slice(0, 6) : due.slice(0, Math.max(0, due.length - skip));
    const id = `L${String(index + 1).padStart(3, "0")}`;
    const fund = project.record!.fund!;
    await transaction.query("update finance_projects set instrument = 'loan' where id = $1", [
      project.id,
    ]);
    project.record = { ...project.record, instrument: "loan" };
    await transaction.query(
      `insert into finance_loans (id, project_id, lender, fund_id, principal_pence, rate_bps,
         months, type, start_date, written_off_pence)
       values ($1, $2, (select l.name from finance_funds f join finance_lenders l
         on l.id = f.lender_id where f.id = $3), $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        project.id,
        fund,
        terms.principalPence,
        terms.rateBps,
        terms.months,
        terms.type,
        startDate,
        behaviour === "written off" ? Math.round(terms.principalPence * 0.7) : 0,
      ],
    );
    // Paid out in two tranches: most at the start, the rest three months on.
    const first = Math.round(terms.principalPence * 0.7);
    await transaction.query(
      `insert into finance_disbursements (loan_id, paid_on, amount_pence)
       values ($1, $2, $3), ($1, ($2::date + interval '3 months')::date, $4)`,
      [id, startDate, first, terms.principalPence - first],
    );
    // What the project reports, a year after the start and then in the latest year.
    const reported = (share: number) => ({
      jobs: Math.round(project.jobs * share),
      co2: project.co2Change === null ? null : Math.round(project.co2Change * share),
    });
    const early = reported(random.uniform(0.2, 0.5));
    const late = reported(
      behaviour === "on time" ? random.uniform(0.7, 1.2) : random.uniform(0.2, 0.7),
    );
    for (const [offset, outcome] of [
      ["1 year", early],
      ["2 years", late],
    ] as const) {
      await transaction.query(
        `insert into finance_outcomes (project_id, reported_on, jobs, co2_change, note)
         select $1, d, $3, $4, 'reported by the applicant (fictional)'
         from (select ($2::date + $5::interval)::date as d) x where d <= current_date`,
        [project.id, startDate, outcome.jobs, outcome.co2, offset],
      );
    }
    for (const instalment of paid) {
      await transaction.query(
        "insert into finance_repayments (loan_id, paid_on, amount_pence) values ($1, $2, $3)",
        [id, instalment.date, instalment.paymentPence],
      );
    }
  }
}
