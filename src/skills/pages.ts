import type { FastifyInstance } from "fastify";
import { NotFoundError } from "../core/errors.js";
import { barChart } from "../web/charts/index.js";
import { page, sendCsv } from "../web/page.js";
import { levelPhrase, qualificationLevels, type QualificationLevel } from "./methods/index.js";
import {
  accessibleSentence,
  skillsGapReport,
  skillsReportRows,
  skillsReportViews,
  type SkillsGapReport,
  type SkillsReportView,
  type SupplyReport,
} from "./report.js";
import { placeSkillsGap, skillsPlaces, skillsWeightSetName } from "./service.js";

/** The replications and seed of the ranges the pages show, fixed so a page reads the same. */
const pageSimulation = { replications: 1000, seed: 1 };

/** The investments shown on the page; the CSV has them all. */
const investmentsShown = 15;

/**
 * The skills pages, public: the places with a sector plan, and for each its gap by level and
 * occupation with ranges, the check that every level gets openings, the investment list ranked
 * by the skills consultation's weights, and where the supply comes from; each table also as CSV.
 */
export async function skillsPages(app: FastifyInstance): Promise<void> {
  const database = app.database;

  app.get("/skills", { schema: { hide: true } }, async (request, reply) => {
    const places = await skillsPlaces(database);
    return page(reply, request, "skills/views/places.njk", "Skills", {
      places,
      fictional: places.some((place) => place.fictional),
    });
  });

  app.get("/skills/:code", { schema: { hide: true } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const gap = await placeSkillsGap(database, code, pageSimulation);
    const report = skillsGapReport(gap.result, gap.investments, gap.projection);
    const chart = barChart({
      title: `Shortfall (above 0) or surplus (below 0) of people at each qualification level over ${report.years} years, ${gap.place.name}`,
      unit: "people",
      bars: report.byLevel.map((row) => ({
        label: levelPhrase(row.level),
        value: Math.round(row.gap),
        highlight: row.gap > 0,
      })),
    });
    const [consultation] =
      gap.ranking.weightSet?.consultationId == null
        ? []
        : await database.query<{ id: number; title: string }>(
            "select id, title from consultations where id = $1",
            [gap.ranking.weightSet.consultationId],
          );
    return page(reply, request, "skills/views/place.njk", `Skills: ${gap.place.name}`, {
      gap,
      report,
      chart,
      accessible: accessibleSentence(report),
      investments: report.investments.slice(0, investmentsShown),
      moreInvestments: Math.max(0, report.investments.length - investmentsShown),
      consultation,
      weightSetName: skillsWeightSetName,
      levelPhrase,
      supplyLevels: supplyLevels(report),
      fictional: gap.place.fictional,
    });
  });

  app.get("/skills/:code/:view.csv", { schema: { hide: true } }, async (request, reply) => {
    const { code, view } = request.params as { code: string; view: string };
    if (!(skillsReportViews as readonly string[]).includes(view)) {
      throw new NotFoundError(
        `There is no skills table "${view}"; the tables are ${skillsReportViews.join(", ")}.`,
      );
    }
    const gap = await placeSkillsGap(database, code, pageSimulation);
    const report = skillsGapReport(gap.result, gap.investments, gap.projection);
    return sendCsv(
      reply,
      `${code}-skills-${view}.csv`,
      skillsReportRows(report, view as SkillsReportView, "csv"),
    );
  });
}

/**
 * For the section on where a projected supply comes from: the levels (as phrases) whose new
 * entrants come from residents and from nothing, the retention in words, and the subjects of each
 * level with completions, lowest level first.
 */
function supplyLevels(report: SkillsGapReport): {
  residents: string[];
  withoutSource: string[];
  retention: string;
  subjects: { level: QualificationLevel; rows: NonNullable<SupplyReport["bySubject"]> }[];
} {
  const rows = report.supply?.byLevel ?? [];
  const bySubject = report.supply?.bySubject ?? [];
  const levelsFrom = (source: string) =>
    rows.filter((row) => row.source === source).map((row) => levelPhrase(row.level));
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  const shares = rows.flatMap((row) => (row.retention === undefined ? [] : [row.retention]));
  const low = Math.min(...shares);
  const high = Math.max(...shares);
  return {
    residents: levelsFrom("residents"),
    withoutSource: levelsFrom("none"),
    retention:
      shares.length === 0
        ? "not known"
        : low === high
          ? `${percent(low)} at every level`
          : `from ${percent(low)} to ${percent(high)}, by level`,
    subjects: qualificationLevels
      .map((level) => ({ level, rows: bySubject.filter((row) => row.level === level) }))
      .filter((group) => group.rows.length > 0),
  };
}
