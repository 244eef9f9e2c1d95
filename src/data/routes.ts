import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Readable } from "node:stream";
import { z } from "zod";
import { observationStatuses, placeKinds } from "../core/vocabulary.js";
import { dataEditors } from "../api/access.js";
import { importFile, importKinds } from "./importFile.js";
import {
  getLayout,
  getPlace,
  listDatasets,
  listEmployment,
  listIndicators,
  listIndustries,
  listObservations,
  listPlaces,
  savePlace,
} from "./service.js";

const code = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/,
    "expected a code of letters, digits, '_', '.', ':' or '-'",
  );

const place = z.object({
  code,
  name: z.string(),
  kind: z.enum(placeKinds),
  parentCode: z.string().nullable(),
  population: z.number().nullable(),
  fictional: z.boolean(),
});

const indicator = z.object({
  id: z.string(),
  name: z.string(),
  goal: z.string().nullable(),
  unit: z.string().nullable(),
  polarity: z.union([z.literal(1), z.literal(-1), z.literal(0)]),
  source: z.string().nullable(),
  licence: z.string().nullable(),
});

const observation = z.object({
  placeCode: z.string(),
  indicatorId: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  status: z.enum(observationStatuses),
  note: z.string().nullable(),
});

const employment = z.object({
  placeCode: z.string(),
  industryCode: z.string(),
  industryName: z.string(),
  period: z.string(),
  employees: z.number(),
  foundational: z.boolean(),
});

const problem = z.object({
  error: z.string(),
  message: z.string(),
  location: z
    .object({
      file: z.string().optional(),
      line: z.number().optional(),
      field: z.string().optional(),
      value: z.string().optional(),
    })
    .optional(),
});

const writeSecurity = [{ session: [] }];

/** The places-and-data part of the JSON API, mounted under /api/v1. */
export async function dataRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const database = app.database;

  app.get(
    "/places",
    {
      schema: {
        summary: "List places",
        tags: ["places"],
        querystring: z.object({ kind: z.enum(placeKinds).optional(), parent: code.optional() }),
        response: { 200: z.array(place) },
      },
    },
    async (request) =>
      listPlaces(database, { kind: request.query.kind, parentCode: request.query.parent }),
  );

  app.get(
    "/places/:code",
    {
      schema: {
        summary: "One place with its parent and children",
        tags: ["places"],
        params: z.object({ code }),
        response: {
          200: place.extend({ parent: place.nullable(), children: z.array(place) }),
          404: problem,
        },
      },
    },
    async (request) => getPlace(database, request.params.code),
  );

  app.post(
    "/places",
    {
      schema: {
        summary: "Add or update a place (admin, officer)",
        tags: ["places"],
        security: writeSecurity,
        body: z.object({
          code,
          name: z.string().trim().min(1).max(300),
          kind: z.enum(placeKinds),
          parentCode: code.nullable().default(null),
          population: z.number().int().nonnegative().nullable().default(null),
        }),
        response: { 200: place.extend({ parent: place.nullable(), children: z.array(place) }) },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request) => {
      await savePlace(database, request.body);
      return getPlace(database, request.body.code);
    },
  );

  app.get(
    "/indicators",
    {
      schema: {
        summary: "List indicators",
        tags: ["indicators"],
        response: { 200: z.array(indicator) },
      },
    },
    async () => listIndicators(database),
  );

  app.get(
    "/observations",
    {
      schema: {
        summary: "Observations, filtered by place, indicator and period",
        tags: ["observations"],
        querystring: z.object({
          place: code.optional(),
          indicator: code.optional(),
          period: z.string().max(40).optional(),
          limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
        }),
        response: { 200: z.array(observation) },
      },
    },
    async (request) =>
      listObservations(database, {
        placeCode: request.query.place,
        indicatorId: request.query.indicator,
        period: request.query.period,
        limit: request.query.limit,
      }),
  );

  app.get(
    "/employment",
    {
      schema: {
        summary: "Employment by industry, filtered by place and period",
        tags: ["employment"],
        querystring: z.object({
          place: code.optional(),
          period: z.string().max(40).optional(),
          limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
        }),
        response: { 200: z.array(employment) },
      },
    },
    async (request) =>
      listEmployment(database, {
        placeCode: request.query.place,
        period: request.query.period,
        limit: request.query.limit,
      }),
  );

  app.get(
    "/industries",
    {
      schema: {
        summary: "List industries (SIC 2007 sections and divisions, and custom ones)",
        tags: ["employment"],
        response: {
          200: z.array(
            z.object({
              code: z.string(),
              name: z.string(),
              parentCode: z.string().nullable(),
              level: z.string(),
              foundational: z.boolean(),
            }),
          ),
        },
      },
    },
    async () => listIndustries(database),
  );

  app.get(
    "/layouts/:id",
    {
      schema: {
        summary: "A map layout (HexJSON or GeoJSON)",
        tags: ["places"],
        params: z.object({ id: code }),
        response: {
          200: z.object({
            id: z.string(),
            kind: z.enum(["hexjson", "geojson"]),
            name: z.string(),
            fictional: z.boolean(),
            content: z.record(z.string(), z.unknown()),
          }),
          404: problem,
        },
      },
    },
    async (request) => getLayout(database, request.params.id),
  );

  app.get(
    "/datasets",
    {
      schema: {
        summary: "The provenance of every import",
        tags: ["data"],
        response: {
          200: z.array(
            z.object({
              id: z.number(),
              kind: z.string(),
              fileName: z.string(),
              sha256: z.string(),
              source: z.string().nullable(),
              licence: z.string().nullable(),
              rows: z.number(),
              importedAt: z.date(),
            }),
          ),
        },
      },
    },
    async () => listDatasets(database),
  );

  app.post(
    "/imports/:kind",
    {
      schema: {
        summary: "Import a file (admin, officer): the body is the CSV or JSON text",
        description:
          "Send the file as the body with Content-Type text/csv (or application/json for HexJSON and GeoJSON). The whole file is imported in one transaction or not at all; the same file twice is a no-op.",
        tags: ["data"],
        security: writeSecurity,
        params: z.object({ kind: z.enum(importKinds) }),
        querystring: z.object({
          file: z.string().max(200).default("upload"),
          source: z.string().max(300).optional(),
          licence: z.string().max(100).optional(),
          codeColumn: z.string().max(100).optional(),
          nameColumn: z.string().max(100).optional(),
          kindColumn: z.string().max(100).optional(),
          placeKind: z.enum(placeKinds).optional(),
          parentColumn: z.string().max(100).optional(),
          populationColumn: z.string().max(100).optional(),
          indicatorColumn: z.string().max(100).optional(),
          skipUnknownPlaces: z
            .enum(["true", "false"])
            .transform((value) => value === "true")
            .optional(),
          placeColumn: z.string().max(100).optional(),
          industryColumn: z.string().max(100).optional(),
          valueColumn: z.string().max(100).optional(),
          periodColumn: z.string().max(100).optional(),
          period: z.string().max(40).optional(),
          layoutId: code.optional(),
          layoutName: z.string().max(200).optional(),
          codeProperty: z.string().max(100).optional(),
        }),
        response: {
          200: z.object({
            kind: z.enum(importKinds),
            file: z.string(),
            sha256: z.string(),
            alreadyImported: z.boolean(),
            datasetId: z.number(),
            rows: z.number(),
            created: z.array(z.string()),
            warnings: z.array(z.string()),
          }),
          400: problem,
        },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request) => {
      const body = request.body;
      const text = typeof body === "string" ? body : JSON.stringify(body ?? "");
      const { file, ...options } = request.query;
      return importFile(database, {
        ...options,
        kind: request.params.kind,
        path: file,
        stream: Readable.from([Buffer.from(text)]),
      });
    },
  );
}
