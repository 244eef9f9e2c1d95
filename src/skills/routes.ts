import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { qualificationLevels } from "./methods/index.js";
import { skillsGapReport } from "./report.js";
import { placeSkillsGap, skillsPlaces } from "./service.js";

const problem = z.object({ error: z.string(), message: z.string() });

const level = z.enum(qualificationLevels);

/** The supply section of the report: where each level's supply comes from (`SupplyReport`). */
const supplyReport = z
  .object({
    source: z
      .enum(["projected", "file"])
      .describe(
        "projected: from the place's stored completions (and residents) and retention; file: the supply totals imported with the plan",
      ),
    byLevel: z.array(
      z.object({
        level,
        source: z
          .enum(["completions", "residents", "none"])
          .optional()
          .describe("what the level's new entrants come from; only when projected"),
        completions: z
          .number()
          .nullable()
          .optional()
          .describe("completions a year over the level's subjects; null without any"),
        residents: z
          .number()
          .nullable()
          .optional()
          .describe("residents of the entry ages at the level; null without any"),
        entrants: z.number().optional().describe("new entrants a year"),
        retention: z.number().optional().describe("the share of new entrants who stay"),
        residentSupply: z
          .number()
          .describe("people living in the place, newly qualified over the horizon"),
        inCommuting: z.number().describe("openings filled by people living elsewhere"),
        supply: z.number().describe("residentSupply + inCommuting"),
      }),
    ),
    bySubject: z
      .array(
        z.object({
          level,
          subject: z.string(),
          completions: z.number().describe("a year"),
          retention: z.number(),
          supply: z.number().describe("retention × completions × years"),
        }),
      )
      .optional()
      .describe("each subject of the levels projected from completions; only when projected"),
    assumptions: z.object({
      years: z.number(),
      retention: z.array(z.object({ level, retention: z.number() })).optional(),
      entryAges: z.string().optional().describe('such as "16-24"'),
      inCommutingShare: z.number(),
      notes: z.array(z.string()),
    }),
  })
  .describe(
    "Where the supply comes from; only when the place's supply is projected or has an in-commuting share",
  );

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
          "Demand over the plan's horizon (new jobs plus replacements) against local supply, by RQF level and SOC 2020 occupation, in people, as `placefirst skills gap --format json` gives it; with `replications`, each gap's 5th-95th percentile range from a seeded Monte Carlo simulation. The investment list is ranked by the latest `skills-priorities` weight set from a skills consultation, else by size. A place's supply is projected from its stored completions (and residents), retention and in-commuting share when it has them, else it is the totals imported with its plan; `report.supply` says where each level's supply comes from, by subject when projected, with the assumptions, and `report.warnings` the projection's warnings too. See docs/methods/skills-gap.md.",
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
            report: z
              .looseObject({
                years: z.number(),
                supply: supplyReport.optional(),
                warnings: z.array(z.string()),
              })
              .describe(
                "The report of `placefirst skills gap --format json`: byLevel, byOccupation, byOccupationLevel, accessibleShare, investments, uncertainty, supply and warnings",
              ),
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
        // Spread into an object literal, which the loose schema's index signature accepts.
        report: { ...skillsGapReport(gap.result, gap.investments, gap.projection) },
      };
    },
  );
}
