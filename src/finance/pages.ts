import type { FastifyInstance } from "fastify";
import { InputError } from "../core/errors.js";
import { hexLayoutFor } from "../data/service.js";
import { hexMap } from "../web/charts/index.js";
import { colourScale } from "../web/charts/index.js";
import { page } from "../web/page.js";
import { appraisalCriterionLabels, type AppraisedProject } from "./methods/appraisal.js";
import { portfolio } from "./methods/portfolio.js";
import { loanBook } from "./loans.js";
import { listPipeline, type StoredProject } from "./pipeline.js";
import { appraisePipeline, portfolioProjects } from "./service.js";

/** The finance pages: the pipeline appraised, and the portfolio chosen from it. */
export async function financePages(app: FastifyInstance): Promise<void> {
  const database = app.database;

  const appraised = async (): Promise<{
    projects: StoredProject[];
    scores: Map<string, AppraisedProject>;
  }> => {
    const projects = await listPipeline(database);
    const scores = new Map(appraisePipeline(projects).map((project) => [project.id, project]));
    return { projects, scores };
  };

  app.get("/finance", { schema: { hide: true } }, async (request, reply) => {
    const { projects, scores } = await appraised();
    const rows = projects
      .map((project) => ({ project, appraisal: scores.get(project.id)! }))
      .sort((a, b) => (a.appraisal.rank ?? Infinity) - (b.appraisal.rank ?? Infinity));
    return page(reply, request, "finance/views/pipeline.njk", "Finance: the pipeline", {
      rows,
      labels: appraisalCriterionLabels,
      fictional: projects.some((project) => project.fictional),
    });
  });

  app.get("/finance/portfolio", { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as { budget?: string; floor?: string; cap?: string };
    const { projects, scores } = await appraised();
    const total = projects.reduce((sum, project) => sum + project.amount, 0);
    const budget =
      query.budget === undefined || query.budget === ""
        ? Math.round(total / 3)
        : Number(query.budget);
    const floor = query.floor === undefined || query.floor === "" ? 0.4 : Number(query.floor);
    const cap = query.cap === undefined || query.cap === "" ? 0.3 : Number(query.cap);
    const errors: { text: string; href: string }[] = [];
    if (!(budget > 0)) errors.push({ text: "Enter a budget in pounds above 0", href: "#budget" });
    if (!(floor >= 0 && floor <= 1))
      errors.push({ text: "Enter a share from 0 to 1", href: "#floor" });
    if (!(cap > 0 && cap <= 1))
      errors.push({ text: "Enter a share above 0, up to 1", href: "#cap" });
    let result: Awaited<ReturnType<typeof portfolio>> | undefined;
    if (errors.length === 0 && projects.length > 0) {
      try {
        result = await portfolio(
          portfolioProjects(
            projects,
            new Map([...scores].map(([id, appraisal]) => [id, appraisal.score])),
          ),
          { budget, minShareLeftBehind: floor, maxSharePlace: cap },
        );
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        errors.push({ text: error.message, href: "#budget" });
      }
    }
    const byId = new Map(projects.map((project) => [project.id, project]));
    const spentByPlace = new Map<string, number>();
    for (const item of result?.selected ?? []) {
      const place = byId.get(item.id)!.place;
      spentByPlace.set(place, (spentByPlace.get(place) ?? 0) + item.amount);
    }
    const map = await spendingMap(database, spentByPlace);
    return page(
      reply.code(errors.length > 0 ? 400 : 200),
      request,
      "finance/views/portfolio.njk",
      "Finance: the portfolio",
      {
        form: { budget, floor, cap },
        errors,
        result,
        byId,
        map,
        fictional: projects.some((project) => project.fictional),
      },
    );
  });

  app.get("/finance/loans", { schema: { hide: true } }, async (request, reply) => {
    const asOf = new Date().toISOString().slice(0, 10);
    const book = await loanBook(database, asOf);
    const revalued = new Map(book.revaluation.loans.map((loan) => [loan.id, loan]));
    return page(reply, request, "finance/views/loans.njk", "Finance: the loan book", {
      asOf,
      rows: book.loans.map((loan) => ({ loan, value: revalued.get(loan.id)! })),
      totals: book.revaluation.totals,
      fictional: book.loans.some((loan) => loan.fictional),
    });
  });

  async function spendingMap(
    db: typeof database,
    spent: Map<string, number>,
  ): Promise<string | undefined> {
    const places = await db.query<{ code: string; name: string }>(
      "select code, name from places where kind = 'district' order by code",
    );
    const found = await hexLayoutFor(
      db,
      places.map((place) => place.code),
    );
    if (found === undefined) return undefined;
    const values = new Map(places.map((place) => [place.code, spent.get(place.code) ?? 0]));
    const scale = colourScale(values, { polarity: 1 });
    const names = new Map(places.map((place) => [place.code, place.name]));
    return hexMap({
      layout: found.layout,
      title: "Money the portfolio spends in each district",
      fill: scale.fill,
      hasValue: scale.hasValue,
      label: (code) =>
        `${names.get(code) ?? code}: £${Math.round(values.get(code) ?? 0).toLocaleString("en-GB")}`,
    });
  }
}
