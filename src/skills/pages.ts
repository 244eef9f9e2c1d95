import type { FastifyInstance } from "fastify";
import { NotFoundError } from "../core/errors.js";
import { barChart } from "../web/charts/index.js";
import { page, sendCsv } from "../web/page.js";
import { levelPhrase } from "./methods/index.js";
import {
  accessibleSentence,
  skillsGapReport,
  skillsReportRows,
  skillsReportViews,
  type SkillsReportView,
} from "./report.js";
import { placeSkillsGap, skillsPlaces, skillsWeightSetName } from "./service.js";

/** The replications and seed of the ranges the pages show, fixed so a page reads the same. */
const pageSimulation = { replications: 1000, seed: 1 };

/** The investments shown on the page; the CSV has them all. */
const investmentsShown = 15;

/**
 * The skills pages, public: the places with a sector plan, and for each its gap by level and
 * occupation with ranges, the check that every level gets openings, and the investment list
 * ranked by the skills consultation's weights; each table also as CSV.
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
    const report = skillsGapReport(gap.result, gap.investments);
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
    const report = skillsGapReport(gap.result, gap.investments);
    return sendCsv(
      reply,
      `${code}-skills-${view}.csv`,
      skillsReportRows(report, view as SkillsReportView, "csv"),
    );
  });
}
