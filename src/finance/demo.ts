import { Random } from "../demo/random.js";
import { placeOpportunities } from "../profile/opportunitiesService.js";
import { loadFramework } from "../scorecard/framework.js";
import { scorecardFromStore } from "../scorecard/service.js";
import { shippedFrameworks } from "../scorecard/shippedFrameworks.js";
import type { Database, Queryable } from "../store/database.js";
import { loanSchedule } from "./methods/loanSchedule.js";
import { savePipeline } from "./pipeline.js";
import type { PipelineProject } from "./projectsFile.js";

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
    leftBehind: entry.leftBehind,
  }));
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
    await savePipeline(transaction, projects, { fictional: true });
    await seedDemoLoans(transaction, projects, random);
  });
  return true;
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
    await transaction.query(
      `insert into finance_loans (id, project_id, lender, principal_pence, rate_bps, months, type,
         start_date, written_off_pence, jobs_reported, co2_reported)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        project.id,
        index % 3 === 0
          ? "National development bank (fictional)"
          : "Breveland community bank (fictional)",
        terms.principalPence,
        terms.rateBps,
        terms.months,
        terms.type,
        startDate,
        behaviour === "written off" ? Math.round(terms.principalPence * 0.7) : 0,
        Math.round(
          project.jobs *
            (behaviour === "on time" ? random.uniform(0.7, 1.2) : random.uniform(0.2, 0.7)),
        ),
        project.co2Change === null
          ? null
          : Math.round(project.co2Change * random.uniform(0.5, 1.1)),
      ],
    );
    for (const instalment of paid) {
      await transaction.query(
        "insert into finance_repayments (loan_id, paid_on, amount_pence) values ($1, $2, $3)",
        [id, instalment.date, instalment.paymentPence],
      );
    }
  }
}
