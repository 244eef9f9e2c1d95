import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { dataEditors } from "../api/access.js";
import { parseFramework } from "./framework.js";
import { deleteFramework, getFramework, listFrameworks, saveFramework } from "./frameworkStore.js";
import { scorecardFromStore } from "./service.js";

const id = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/,
    "expected an id of letters, digits, '_', '.', ':' or '-'",
  );
const problem = z.object({ error: z.string(), message: z.string() });
const storedFramework = z.object({
  id: z.string(),
  name: z.string(),
  definition: z.record(z.string(), z.unknown()),
  updatedAt: z.date(),
});
const scorecardPlace = z.object({
  place: z.string(),
  name: z.string().optional(),
  score: z.number().nullable(),
  rank: z.number().nullable(),
  goals: z.record(z.string(), z.number().nullable()),
  coverage: z.number(),
  rankInterval: z.tuple([z.number(), z.number()]).optional(),
  medianRank: z.number().optional(),
  leftBehind: z.boolean(),
  leftBehindReasons: z.array(z.string()),
});

/** The scorecard part of the JSON API, mounted under /api/v1. */
export async function scorecardRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const database = app.database;

  app.get(
    "/frameworks",
    {
      schema: {
        summary: "List the stored scorecard frameworks",
        tags: ["scorecard"],
        response: { 200: z.array(storedFramework) },
      },
    },
    async () => listFrameworks(database),
  );

  app.get(
    "/frameworks/:id",
    {
      schema: {
        summary: "One stored scorecard framework",
        tags: ["scorecard"],
        params: z.object({ id }),
        response: { 200: storedFramework, 404: problem },
      },
    },
    async (request) => getFramework(database, request.params.id),
  );

  app.put(
    "/frameworks/:id",
    {
      schema: {
        summary: "Store or replace a scorecard framework (admin, officer)",
        description: "The body is a framework as in docs/methods/composite-index.md.",
        tags: ["scorecard"],
        security: [{ session: [] }],
        params: z.object({ id }),
        body: z.record(z.string(), z.unknown()),
        response: { 200: storedFramework, 400: problem },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request) => {
      const framework = parseFramework(JSON.stringify(request.body), "(request body)");
      return saveFramework(
        database,
        request.params.id,
        framework,
        request.session?.user.id ?? null,
      );
    },
  );

  app.delete(
    "/frameworks/:id",
    {
      schema: {
        summary: "Delete a stored scorecard framework (admin, officer)",
        tags: ["scorecard"],
        security: [{ session: [] }],
        params: z.object({ id }),
        response: { 204: z.null(), 404: problem },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request, reply) => {
      await deleteFramework(database, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/scorecard",
    {
      schema: {
        summary: "Score the stored places on a stored framework",
        description:
          "Goal and overall scores, ranks, coverage and left-behind flags; with uncertainty, the 5-95% rank interval of every place and the sensitivity of the ranks to each assumption.",
        tags: ["scorecard"],
        querystring: z.object({
          framework: id.default("demo"),
          uncertainty: z.coerce.number().int().min(1).max(100_000).optional(),
          seed: z.coerce.number().int().min(0).default(1),
          place: id.optional(),
        }),
        response: {
          200: z.object({
            framework: z.string(),
            periods: z.record(z.string(), z.string().nullable()),
            places: z.array(scorecardPlace),
            sensitivity: z
              .array(
                z.object({ assumption: z.string(), firstOrder: z.number(), total: z.number() }),
              )
              .optional(),
            warnings: z.array(z.string()),
          }),
          400: problem,
          404: problem,
        },
      },
    },
    async (request) => {
      const { framework: frameworkId, uncertainty, seed, place } = request.query;
      const stored = await getFramework(database, frameworkId);
      const report = await scorecardFromStore(
        database,
        stored.definition,
        uncertainty === undefined ? {} : { uncertainty: { replications: uncertainty, seed } },
      );
      if (place !== undefined)
        report.places = report.places.filter((entry) => entry.place === place);
      return report;
    },
  );
}
