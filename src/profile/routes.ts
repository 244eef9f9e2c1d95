import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { InputError } from "../core/errors.js";
import { getWeightSet } from "../participation/results.js";
import { placeOpportunities } from "./opportunitiesService.js";
import { placeProfile } from "./service.js";

const code = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/,
    "expected a code of letters, digits, '_', '.', ':' or '-'",
  );
const nullableNumber = z.number().nullable();

/** The profile part of the JSON API, mounted under /api/v1. */
export async function profileRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const database = app.database;

  app.get(
    "/profile/:code",
    {
      schema: {
        summary: "A place's industrial profile against the other places under its parent",
        description:
          "Industries by employment with location quotients, strong industries, specialisation and diversity indices, economic complexity (ECI, PCI, density, complexity outlook gain) and the shift-share of its employment change.",
        tags: ["profile"],
        params: z.object({ code }),
        response: {
          200: z.object({
            place: z.object({
              code: z.string(),
              name: z.string(),
              kind: z.string(),
              fictional: z.boolean(),
            }),
            comparison: z.object({ name: z.string(), count: z.number() }),
            period: z.string(),
            basePeriod: z.string().optional(),
            totalEmployment: z.number(),
            foundationalShare: z.number(),
            industries: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                foundational: z.boolean(),
                employees: z.number(),
                share: z.number(),
                locationQuotient: nullableNumber,
                strong: z.boolean(),
                pci: nullableNumber,
                density: nullableNumber,
                cog: nullableNumber,
              }),
            ),
            specialisation: z.object({
              krugman: nullableNumber,
              herfindahl: nullableNumber,
              shannon: nullableNumber,
            }),
            complexity: z.object({
              eci: nullableNumber,
              rank: nullableNumber,
              diversity: z.number(),
              places: z.number(),
            }),
            shiftShare: z
              .object({
                industries: z.array(
                  z.object({
                    code: z.string(),
                    name: z.string(),
                    change: z.number(),
                    nationalShare: z.number(),
                    industryMix: z.number(),
                    localShare: z.number(),
                  }),
                ),
                totals: z.object({
                  change: z.number(),
                  nationalShare: z.number(),
                  industryMix: z.number(),
                  localShare: z.number(),
                }),
              })
              .optional(),
          }),
          404: z.object({ error: z.string(), message: z.string() }),
        },
      },
    },
    async (request) => placeProfile(database, request.params.code),
  );

  app.get(
    "/profile/:code/opportunities",
    {
      schema: {
        summary: "The sectors a place could grow into, ranked and explained",
        description:
          'Industries the place does not yet specialise in, ranked by feasibility (density) and attractiveness (complexity gain, complexity, pay, jobs open to non-graduates, growth, emissions, foundational economy) with each criterion\'s contribution. Weights: a priority weight set as JSON in the weights query parameter, such as {"pay":2,"emissions":1}, or the name of a stored weight set (from a participation consultation) in weightSet.',
        tags: ["profile"],
        params: z.object({ code }),
        querystring: z.object({
          weights: z.string().max(2000).optional(),
          weightSet: z
            .string()
            .regex(/^[a-z0-9][a-z0-9-]*$/)
            .optional(),
        }),
        response: {
          200: z.object({
            place: z.string(),
            weights: z.record(z.string(), z.number()),
            densityCut: z.number(),
            sources: z.object({
              growth: z.string().nullable(),
              deprivedAccess: z.string().nullable(),
            }),
            opportunities: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                classification: z.string(),
                rank: z.number().nullable(),
                score: z.number().nullable(),
                feasibility: z.number().nullable(),
                attractiveness: z.number().nullable(),
                contributions: z.array(
                  z.object({
                    criterion: z.string(),
                    value: z.number().nullable(),
                    scaled: z.number().nullable(),
                    weight: z.number(),
                    contribution: z.number(),
                  }),
                ),
              }),
            ),
          }),
          400: z.object({ error: z.string(), message: z.string() }),
          404: z.object({ error: z.string(), message: z.string() }),
        },
      },
    },
    async (request) => {
      let weights: Record<string, number> | undefined;
      if (request.query.weights !== undefined) {
        try {
          weights = z
            .record(z.string(), z.number().nonnegative())
            .parse(JSON.parse(request.query.weights));
        } catch {
          throw new InputError('expected a priority weight set such as {"pay":2,"emissions":1}', {
            field: "weights",
            value: request.query.weights,
          });
        }
      }
      if (request.query.weightSet !== undefined) {
        if (weights !== undefined) {
          throw new InputError("give weights or a weight set, not both", { field: "weightSet" });
        }
        weights = (await getWeightSet(database, request.query.weightSet)).weights;
      }
      const result = await placeOpportunities(database, request.params.code, weights);
      const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
      return {
        place: result.profile.place.code,
        weights: result.weights as Record<string, number>,
        densityCut: result.densityCut,
        sources: result.sources,
        opportunities: result.ranked.map((item) => ({
          code: item.code,
          name: item.name,
          classification: item.classification,
          rank: item.rank,
          score: finite(item.score),
          feasibility: finite(item.feasibility),
          attractiveness: finite(item.attractiveness),
          contributions: item.contributions.map((contribution) => ({
            criterion: contribution.criterion,
            value: contribution.value === null ? null : finite(contribution.value),
            scaled: contribution.scaled === null ? null : finite(contribution.scaled),
            weight: contribution.weight,
            contribution: contribution.contribution,
          })),
        })),
      };
    },
  );
}
