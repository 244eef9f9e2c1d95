import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
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
}
