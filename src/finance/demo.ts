import { Random } from "../demo/random.js";
import { loadFramework } from "../scorecard/framework.js";
import { scorecardFromStore } from "../scorecard/service.js";
import { shippedFrameworks } from "../scorecard/shippedFrameworks.js";
import type { Database } from "../store/database.js";
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
 * demo scorecard's left-behind lens flags its district. Nothing here describes a real project.
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
  await database.transaction((transaction) =>
    savePipeline(transaction, projects, { fictional: true }),
  );
  return true;
}
