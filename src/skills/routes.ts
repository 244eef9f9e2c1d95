import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { skillsGapReport } from "./report.js";
import { placeSkillsGap, skillsPlaces } from "./service.js";

const problem = z.object({ error: z.string(), message: z.string() });

/** The skills part of the JSON API, mounted under /api/v1. Public statistics, for everyone. */
export async function skillsRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const database = app.database;
  const tags = ["skills"];

  app.get(
    "/skills/places",
    {
      schema: {
        summary: "The places with a sector plan for skills",
        tags,
        response: {
          200: z.array(
            z.object({
              code: z.string(),
              name: z.string(),
              fictional: z.boolean(),
              years: z.number(),
              source: z.string(),
            }),
          ),
        },
      },
      config: { access: "public" },
    },
    async () => skillsPlaces(database),
  );

  app.get(
    "/skills/places/:code/gap",
    {
      schema: {
        summary: "A place's skills gap by level and occupation, and the ranked investment list",
        description:
          "Demand over the plan's horizon (new jobs plus replacements) against local supply, by RQF level and SOC 2020 occupation, in people, as `placefirst skills gap --format json` gives it; with `replications`, each gap's 5th-95th percentile range from a seeded Monte Carlo simulation. The investment list is ranked by the latest `skills-priorities` weight set from a skills consultation, else by size. See docs/methods/skills-gap.md.",
        tags,
        params: z.object({ code: z.string().min(1).max(20) }),
        querystring: z.object({
          replications: z.coerce.number().int().min(1).max(10_000).optional(),
          seed: z.coerce
            .number()
            .int()
            .min(0)
            .max(2 ** 31)
            .optional(),
        }),
        response: {
          200: z.object({
            place: z.object({ code: z.string(), name: z.string(), fictional: z.boolean() }),
            planSource: z.string(),
            employment: z.object({ baseline: z.number(), target: z.number() }),
            ranking: z.object({
              weights: z.object({ size: z.number(), pay: z.number(), access: z.number() }),
              weightSet: z
                .object({
                  name: z.string(),
                  version: z.number(),
                  consultationId: z.number().nullable(),
                })
                .optional(),
            }),
            report: z.record(z.string(), z.unknown()),
          }),
          400: problem,
          404: problem,
        },
      },
      config: { access: "public" },
    },
    async (request) => {
      const gap = await placeSkillsGap(database, request.params.code, {
        ...(request.query.replications === undefined
          ? {}
          : { replications: request.query.replications }),
        ...(request.query.seed === undefined ? {} : { seed: request.query.seed }),
      });
      return {
        place: gap.place,
        planSource: gap.planSource,
        employment: gap.employment,
        ranking: gap.ranking,
        report: skillsGapReport(gap.result, gap.investments) as unknown as Record<string, unknown>,
      };
    },
  );
}
