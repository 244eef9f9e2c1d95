import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { dataEditors } from "../api/access.js";
import { InputError } from "../core/errors.js";
import { appraisalCriteria } from "./methods/appraisal.js";
import { portfolio } from "./methods/portfolio.js";
import { listPipeline, savePipeline, type StoredProject } from "./pipeline.js";
import { appraisePipeline, portfolioProjects } from "./service.js";

const problem = z.object({ error: z.string(), message: z.string() });
const share = z.number().min(0).max(1);
const project = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200).optional(),
  place: z.string().min(1),
  sector: z.string().min(1),
  amount: z.number().positive(),
  jobs: z.number().nonnegative(),
  jobsNoDegree: z.number().nonnegative().nullable().default(null),
  co2Change: z.number().nullable().default(null),
  localSpendShare: share.nullable().default(null),
  risk: share.nullable().default(null),
  leftBehind: z.boolean().default(false),
  extra: z.record(z.string(), z.number().nullable()).default({}),
});
const appraisal = z.object({
  id: z.string(),
  score: z.number().nullable(),
  baseScore: z.number().nullable(),
  distributionalWeight: z.number(),
  riskFactor: z.number(),
  rank: z.number().nullable(),
  costPerJob: z.number().nullable(),
  costPerTonne: z.number().nullable(),
  contributions: z.array(
    z.object({
      criterion: z.string(),
      value: z.number().nullable(),
      scaled: z.number().nullable(),
      weight: z.number(),
      contribution: z.number(),
    }),
  ),
});
const weights = z.partialRecord(z.enum(appraisalCriteria), z.number().nonnegative());

/** The finance part of the JSON API, mounted under /api/v1. */
export async function financeRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const database = app.database;
  const tags = ["finance"];

  const appraise = (
    projects: StoredProject[],
    options: {
      weights?: Partial<Record<string, number>> | undefined;
      elasticity?: number | undefined;
    },
  ) => {
    const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
    return appraisePipeline(projects, {
      ...(options.weights === undefined ? {} : { weights: options.weights }),
      ...(options.elasticity === undefined ? {} : { elasticity: options.elasticity }),
    }).map((item) => ({
      ...item,
      score: finite(item.score),
      baseScore: finite(item.baseScore),
    }));
  };

  app.get(
    "/finance/projects",
    {
      schema: {
        summary: "The pipeline, each project appraised with its parts",
        description:
          "Weights: a priority weight set as JSON in `weights` (criteria: jobsPerPound, jobsNoDegree, payAboveMedian, co2PerPound, localSpend, opportunityAlignment, deprivation); `elasticity` is the Green Book elasticity of marginal utility of income (default 1.3). See docs/methods/appraisal.md.",
        tags,
        querystring: z.object({
          weights: z.string().max(2000).optional(),
          elasticity: z.coerce.number().nonnegative().optional(),
        }),
        response: {
          200: z.array(
            z.object({
              project: project.extend({ name: z.string(), status: z.string() }),
              appraisal,
            }),
          ),
          400: problem,
        },
      },
    },
    async (request) => {
      const projects = await listPipeline(database);
      let parsed: z.infer<typeof weights> | undefined;
      if (request.query.weights !== undefined) {
        let json: unknown;
        try {
          json = JSON.parse(request.query.weights);
        } catch {
          json = undefined;
        }
        const result = weights.safeParse(json);
        if (!result.success) {
          throw new InputError(`expected a weight set over ${appraisalCriteria.join(", ")}`, {
            field: "weights",
            value: request.query.weights,
          });
        }
        parsed = result.data;
      }
      const appraised = new Map(
        appraise(projects, { weights: parsed, elasticity: request.query.elasticity }).map(
          (item) => [item.id, item],
        ),
      );
      return projects.map((item) => ({ project: item, appraisal: appraised.get(item.id)! }));
    },
  );

  app.post(
    "/finance/projects",
    {
      schema: {
        summary: "Add or replace projects in the pipeline (admin, officer)",
        description: "All or nothing: a project in a place not stored changes nothing.",
        tags,
        security: [{ session: [] }],
        body: z.object({ projects: z.array(project).min(1).max(10_000) }),
        response: { 200: z.object({ stored: z.number() }), 400: problem },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request) => ({
      stored: await database.transaction((transaction) =>
        savePipeline(
          transaction,
          request.body.projects.map((item, index) => ({ ...item, score: null, line: index + 1 })),
          { file: "(request body)" },
        ),
      ),
    }),
  );

  app.post(
    "/finance/portfolio",
    {
      schema: {
        summary: "Choose the projects to fund from the stored pipeline (reads only)",
        description:
          "Maximises appraised impact within the budget, with a least share of the money (and of jobs) in left-behind places, a most share per place and per sector, and a risk limit. Returns the optimum, the binding constraints and what each costs (by solving again without it), the cost of fairness and the greedy ranking. A POST because it takes constraints; it stores nothing.",
        tags,
        body: z.object({
          budget: z.number().positive(),
          minShareLeftBehind: share.optional(),
          minJobShareLeftBehind: share.optional(),
          maxSharePlace: share.optional(),
          maxShareSector: share.optional(),
          maxMeanRisk: share.optional(),
          weights: weights.optional(),
        }),
        response: { 200: z.record(z.string(), z.unknown()), 400: problem },
      },
      config: { access: "public" },
    },
    async (request) => {
      const { weights: priority, ...constraints } = request.body;
      const projects = await listPipeline(database);
      const scores = new Map(
        appraise(projects, { weights: priority }).map((item) => [item.id, item.score ?? 0]),
      );
      const result = await portfolio(portfolioProjects(projects, scores), constraints);
      return result as unknown as Record<string, unknown>;
    },
  );
}
