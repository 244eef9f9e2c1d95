import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { placeStrategy, strategyPlaces } from "./service.js";
import {
  actionKinds,
  actionStatuses,
  adoptStrategy,
  createStrategy,
  recordActionUpdate,
} from "./store.js";

const problem = z.object({ error: z.string(), message: z.string() });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");

const actionSpec = z.object({
  title: z.string().min(1).max(300),
  kind: z.enum(actionKinds),
  owner: z.string().min(1).max(200),
  startsOn: isoDate.optional(),
  endsOn: isoDate.optional(),
  status: z.enum(actionStatuses).optional(),
  financeProjectId: z.string().min(1).max(100).optional(),
});

const strategySpec = z.object({
  placeCode: z.string().min(1).max(20),
  title: z.string().min(1).max(300),
  summary: z.string().max(5000).optional(),
  weightSet: z
    .object({ name: z.string().min(1).max(100), version: z.number().int().min(1).optional() })
    .optional(),
  procurement: z
    .object({
      smeShareTarget: z.number().min(0).max(1).optional(),
      localShareTarget: z.number().min(0).max(1).optional(),
    })
    .optional(),
  sectors: z.array(z.string().min(1).max(10)).max(20).optional(),
  lots: z
    .array(
      z.object({
        contract: z.string().min(1).max(300),
        buyer: z.string().min(1).max(300),
        items: z
          .array(
            z.object({
              description: z.string().max(300),
              cpv: z.string().min(1).max(20),
              value: z.number().min(0),
            }),
          )
          .min(1)
          .max(50),
        maxLots: z.number().int().min(1).optional(),
        minLotValue: z.number().min(0).optional(),
      }),
    )
    .max(20)
    .optional(),
  objectives: z
    .array(
      z.object({
        title: z.string().min(1).max(300),
        indicator: z.string().min(1).max(100),
        goal: z.string().max(50).optional(),
        baselinePeriod: z.string().min(1).max(20),
        baselineValue: z.number().optional(),
        targetPeriod: z.string().min(1).max(20),
        targetValue: z.number(),
        actions: z.array(actionSpec).max(50).optional(),
      }),
    )
    .min(1)
    .max(100),
});

/** The strategy part of the JSON API, mounted under /api/v1. */
export async function strategyRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const database = app.database;
  const tags = ["strategy"];
  const security = [{ session: [] }];

  app.get(
    "/strategies",
    {
      schema: {
        summary: "The places with a strategy, and their current version",
        tags,
        response: { 200: z.array(z.record(z.string(), z.unknown())) },
      },
      config: { access: "public" },
    },
    async () => (await strategyPlaces(database)) as Record<string, unknown>[],
  );

  app.get(
    "/strategies/:place",
    {
      schema: {
        summary: "A place's strategy, each objective assessed against its latest observations",
        description:
          "The adopted strategy (else the latest draft, or `version`), with each objective's indicator observations, its status (met, on-track, at-risk, off-track, no-data) and the reason (docs/methods/strategy-monitoring.md), its actions and their updates, and the place's funded projects with the jobs promised and delivered.",
        tags,
        params: z.object({ place: z.string().min(1).max(20) }),
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: z.record(z.string(), z.unknown()), 404: problem },
      },
      config: { access: "public" },
    },
    async (request) =>
      (await placeStrategy(
        database,
        request.params.place,
        request.query.version,
      )) as unknown as Record<string, unknown>,
  );

  app.post(
    "/strategies",
    {
      schema: {
        summary: "Write a strategy as the next draft version for its place (admin, officer)",
        description:
          "Objectives name a scorecard indicator, a baseline period (its value defaults to the place's observation then) and a target; actions name an owner and may name a project of the finance pipeline in the same place. Nothing is written on a mistake.",
        tags,
        security,
        body: strategySpec,
        response: {
          201: z.object({ id: z.number(), version: z.number() }),
          400: problem,
          404: problem,
        },
      },
      config: { access: { roles: ["admin", "officer"] } },
    },
    async (request, reply) => {
      const created = await database.transaction((transaction) =>
        createStrategy(transaction, request.body, { userId: request.session!.user.id }),
      );
      return reply.code(201).send(created);
    },
  );

  app.post(
    "/strategies/:id/adopt",
    {
      schema: {
        summary: "Record the board's adoption of a draft strategy (admin, board member)",
        description:
          "The draft becomes the place's adopted strategy and the one adopted before is superseded. `note` says how the board decided (the meeting and the vote).",
        tags,
        security,
        params: z.object({ id: z.coerce.number().int().min(1) }),
        body: z.object({ note: z.string().min(1).max(2000) }),
        response: { 204: z.null(), 400: problem, 404: problem, 409: problem },
      },
      config: { access: { roles: ["admin", "board_member"] } },
    },
    async (request, reply) => {
      await database.transaction((transaction) =>
        adoptStrategy(transaction, request.params.id, {
          note: request.body.note,
          userId: request.session!.user.id,
        }),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/strategy-actions/:id/updates",
    {
      schema: {
        summary: "Record progress on an action: its status and what has happened (admin, officer)",
        tags,
        security,
        params: z.object({ id: z.coerce.number().int().min(1) }),
        body: z.object({ status: z.enum(actionStatuses), note: z.string().min(1).max(1000) }),
        response: { 204: z.null(), 400: problem, 404: problem },
      },
      config: { access: { roles: ["admin", "officer"] } },
    },
    async (request, reply) => {
      await database.transaction((transaction) =>
        recordActionUpdate(transaction, request.params.id, {
          ...request.body,
          userId: request.session!.user.id,
        }),
      );
      return reply.code(204).send(null);
    },
  );
}
