import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { InputError, NotFoundError } from "../core/errors.js";
import { suggestConsortia } from "./methods/consortia.js";
import { spendShares } from "./methods/spendShares.js";
import { matchSuppliers, matchTenders } from "./methods/tenderMatch.js";
import { registerReaders } from "./pages.js";
import {
  listOpenTenders,
  listSuppliers,
  matchableCpvCodes,
  registeredSupplierOf,
  saveSuppliers,
  spendAwards,
  storedProcess,
} from "./service.js";
import { supplierSizes } from "./supplierRecord.js";
import { supplierToMatch } from "./supplierToMatch.js";

const problem = z.object({ error: z.string(), message: z.string() });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");

/** The procurement part of the JSON API, mounted under /api/v1. */
export async function procurementRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const database = app.database;
  const tags = ["procurement"];
  const security = [{ session: [] }];
  const today = () => new Date().toISOString().slice(0, 10);

  app.get(
    "/procurement/tenders",
    {
      schema: {
        summary: "The tenders open on a day, for everyone",
        description:
          "Tenders whose deadline is after `asOf` (default today), placed in their buyer's district (else their delivery postcode's), optionally in one place or region. Values in pence.",
        tags,
        querystring: z.object({ asOf: isoDate.optional(), place: z.string().max(20).optional() }),
        response: { 200: z.array(z.record(z.string(), z.unknown())), 400: problem },
      },
      config: { access: "public" },
    },
    async (request) =>
      (await listOpenTenders(database, {
        asOf: request.query.asOf ?? today(),
        ...(request.query.place === undefined ? {} : { place: request.query.place }),
      })) as unknown as Record<string, unknown>[],
  );

  app.get(
    "/procurement/tenders/:ocid",
    {
      schema: {
        summary: "One contracting process as compiled from its releases",
        tags,
        params: z.object({ ocid: z.string().min(1).max(200) }),
        response: { 200: z.record(z.string(), z.unknown()), 404: problem },
      },
      config: { access: "public" },
    },
    async (request) => {
      const process = await storedProcess(database, request.params.ocid);
      if (process === undefined) {
        throw new NotFoundError(`No contracting process has the ocid ${request.params.ocid}.`);
      }
      return process as unknown as Record<string, unknown>;
    },
  );

  app.get(
    "/procurement/tenders/:ocid/matches",
    {
      schema: {
        summary:
          "The register's SMEs that could bid for a tender, and groups that could bid together (admin, officer)",
        description:
          "Each match has a score from 0 to 1 with its parts: CPV (best similarity and coverage), place (district, region or distance) and capacity against value. See docs/methods/procurement-matching.md.",
        tags,
        security,
        params: z.object({ ocid: z.string().min(1).max(200) }),
        querystring: z.object({ maxSize: z.coerce.number().int().min(1).max(5).optional() }),
        response: { 200: z.record(z.string(), z.unknown()), 404: problem },
      },
      config: { access: { roles: registerReaders } },
    },
    async (request) => {
      const process = await storedProcess(database, request.params.ocid);
      if (process === undefined) {
        throw new NotFoundError(`No contracting process has the ocid ${request.params.ocid}.`);
      }
      const [open] = await listOpenTenders(database, {
        asOf: "0001-01-01",
        ocids: [request.params.ocid],
      });
      const tender = open ?? {
        tenderId: process.ocid,
        cpvCodes: matchableCpvCodes(process.cpvCodes),
        value: process.valuePence,
      };
      const local = (await listSuppliers(database))
        .filter((supplier) => supplier.size !== "large")
        .map(supplierToMatch);
      return {
        matches: matchSuppliers(tender, local),
        consortia: suggestConsortia(tender, local, {
          ...(request.query.maxSize === undefined ? {} : { maxSize: request.query.maxSize }),
        }),
      } as unknown as Record<string, unknown>;
    },
  );

  app.get(
    "/procurement/spend",
    {
      schema: {
        summary:
          "The shares of awarded value to SMEs, to suppliers in a place and in its region, for everyone",
        description:
          "By buyer, by year and by CPV division, with the value of unknown status beside each share. Money in pence.",
        tags,
        querystring: z.object({ place: z.string().min(1).max(20) }),
        response: { 200: z.record(z.string(), z.unknown()), 400: problem },
      },
      config: { access: "public" },
    },
    async (request) => {
      const [place] = await database.query<{ code: string; parent: string | null }>(
        "select code, parent_code as parent from places where code = $1",
        [request.query.place],
      );
      if (place === undefined || place.parent === null) {
        throw new InputError("expected a stored district with a region", {
          field: "place",
          value: request.query.place,
        });
      }
      return spendShares(await spendAwards(database), {
        place: place.code,
        region: place.parent,
      }) as unknown as Record<string, unknown>;
    },
  );

  app.get(
    "/procurement/suppliers",
    {
      schema: {
        summary: "The register of suppliers (admin, officer)",
        tags,
        security,
        querystring: z.object({ place: z.string().max(20).optional() }),
        response: { 200: z.array(z.record(z.string(), z.unknown())) },
      },
      config: { access: { roles: registerReaders } },
    },
    async (request) =>
      (await listSuppliers(database, {
        ...(request.query.place === undefined ? {} : { place: request.query.place }),
      })) as unknown as Record<string, unknown>[],
  );

  app.post(
    "/procurement/suppliers",
    {
      schema: {
        summary: "Add or replace suppliers of the register (admin, officer)",
        description:
          "All or nothing: every place must be stored and every CPV code valid. Money in pence. A supplier with the same id is replaced.",
        tags,
        security,
        body: z.object({
          suppliers: z
            .array(
              z.object({
                supplierId: z.string().min(1).max(80),
                name: z.string().min(1).max(200),
                placeCode: z.string().min(1).max(20),
                postcode: z.string().max(10).optional(),
                latitude: z.number().min(-90).max(90).optional(),
                longitude: z.number().min(-180).max(180).optional(),
                size: z.enum(supplierSizes),
                employees: z.number().int().nonnegative().optional(),
                turnoverPence: z.number().int().nonnegative().optional(),
                cpvCodes: z.array(z.string().min(2).max(12)).min(1).max(50),
                capacityPence: z.number().int().nonnegative().optional(),
                accreditations: z.array(z.string().max(100)).max(20).default([]),
              }),
            )
            .min(1)
            .max(10_000),
        }),
        response: { 200: z.object({ stored: z.number() }), 400: problem },
      },
      config: { access: { roles: registerReaders } },
    },
    async (request) => {
      const suppliers = request.body.suppliers.map((supplier, index) => {
        const cpvCodes = matchableCpvCodes(supplier.cpvCodes);
        if (cpvCodes.length !== supplier.cpvCodes.length) {
          throw new InputError("expected CPV codes of eight digits", {
            file: "(request body)",
            field: `suppliers[${index}].cpvCodes`,
            value: supplier.cpvCodes.join(" "),
          });
        }
        return { ...supplier, cpvCodes };
      });
      return {
        stored: await database.transaction((transaction) =>
          saveSuppliers(transaction, suppliers, { file: "(request body)" }),
        ),
      };
    },
  );

  app.get(
    "/procurement/me",
    {
      schema: {
        summary: "The signed-in supplier's register entry and its matching open tenders (supplier)",
        tags,
        security,
        response: { 200: z.record(z.string(), z.unknown()), 404: problem },
      },
      config: { access: { roles: ["supplier"] } },
    },
    async (request) => {
      const supplier = await registeredSupplierOf(database, request.session!.user.id);
      if (supplier === undefined) {
        throw new NotFoundError("You have not registered your business yet: see /procurement/me.");
      }
      // The feed token stays out of the API's answer: it is shown only on the supplier's page.
      const profile: Partial<typeof supplier> = { ...supplier };
      delete profile.feedToken;
      const open = await listOpenTenders(database, { asOf: today() });
      return {
        supplier: profile,
        matches: matchTenders(supplierToMatch(supplier), open, { limit: 50 }),
      } as unknown as Record<string, unknown>;
    },
  );
}
