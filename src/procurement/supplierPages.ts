import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { NotFoundError } from "../core/errors.js";
import { page } from "../web/page.js";
import { suggestConsortia } from "./methods/consortia.js";
import { matchTenders } from "./methods/tenderMatch.js";
import {
  listOpenTenders,
  listSuppliers,
  registeredSupplierOf,
  saveOwnSupplier,
  supplierByFeedToken,
  type StoredSupplier,
} from "./service.js";
import { formFromSupplier, supplierFromForm, type Form, type FormProblem } from "./supplierForm.js";
import { supplierToMatch } from "./supplierToMatch.js";
import { atomFeed } from "./tenderFeed.js";

const suppliersOnly = { access: { roles: ["supplier"] as const } } as const;
const today = () => new Date().toISOString().slice(0, 10);

/** A supplier's matching open tenders, best first, each with its tender. */
async function matchesFor(database: FastifyInstance["database"], supplier: StoredSupplier) {
  const open = await listOpenTenders(database, { asOf: today() });
  const byId = new Map(open.map((tender) => [tender.ocid, tender]));
  return matchTenders(supplierToMatch(supplier), open, { limit: 20 }).map((match) => ({
    match,
    tender: byId.get(match.tenderId)!,
  }));
}

/**
 * The supplier's own pages: registering in the register and keeping the entry up to date, the
 * open tenders that match it with why, the groups it could bid with for tenders too big for it
 * alone, and its Atom feed of matching tenders for a feed reader.
 */
export async function procurementSupplierPages(app: FastifyInstance): Promise<void> {
  const database = app.database;

  const districts = () =>
    database.query<{ code: string; name: string }>(
      "select code, name from places where kind = 'district' order by name",
    );

  async function mePage(
    request: FastifyRequest,
    reply: FastifyReply,
    fields: { errors?: FormProblem[]; form?: Form },
  ): Promise<FastifyReply> {
    const supplier = await registeredSupplierOf(database, request.session!.user.id);
    let matches;
    let groups;
    if (supplier !== undefined) {
      matches = await matchesFor(database, supplier);
      // For the best tenders it cannot deliver alone, the local SMEs it could bid with.
      const tooBig = matches
        .filter((item) => item.match.capacity.score !== undefined && item.match.capacity.score < 1)
        .slice(0, 3);
      if (tooBig.length > 0) {
        const all = await listSuppliers(database);
        const names = new Map(all.map((item) => [item.supplierId, item.name]));
        const local = all.filter((item) => item.size !== "large").map(supplierToMatch);
        groups = tooBig.map((item) => ({
          tender: item.tender,
          consortia: suggestConsortia(item.tender, local, { limit: 10 })
            .consortia.filter((group) => group.supplierIds.includes(supplier.supplierId))
            .slice(0, 3)
            .map((group) => ({
              ...group,
              partners: group.supplierIds
                .filter((id) => id !== supplier.supplierId)
                .map((id) => names.get(id) ?? id),
            })),
        }));
      }
    }
    const host = request.headers.host ?? "localhost";
    return page(reply, request, "procurement/views/me.njk", "Your business and its tenders", {
      supplier,
      matches,
      groups,
      feedUrl:
        supplier?.feedToken == null
          ? undefined
          : `${request.protocol}://${host}/procurement/feeds/${supplier.feedToken}`,
      districts: await districts(),
      form: fields.form ?? (supplier === undefined ? {} : formFromSupplier(supplier)),
      errors: fields.errors ?? [],
      fictional: supplier?.fictional ?? false,
    });
  }

  app.get("/procurement/me", { schema: { hide: true }, config: suppliersOnly }, (request, reply) =>
    mePage(request, reply, {}),
  );

  app.post(
    "/procurement/me",
    { schema: { hide: true }, config: suppliersOnly },
    async (request, reply) => {
      const form = (request.body ?? {}) as Form;
      const userId = request.session!.user.id;
      const existing = await registeredSupplierOf(database, userId);
      const known = new Set((await districts()).map((district) => district.code));
      const { record, problems } = supplierFromForm(
        form,
        existing?.supplierId ?? `PF-SUPPLIER-${userId}`,
        known,
      );
      if (record === undefined) return mePage(request, reply.code(400), { errors: problems, form });
      await database.transaction((transaction) =>
        saveOwnSupplier(transaction, userId, record, randomBytes(24).toString("base64url")),
      );
      return reply.redirect("/procurement/me", 303);
    },
  );

  app.get("/procurement/feeds/:token", { schema: { hide: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const supplier = /^[A-Za-z0-9_-]{20,64}$/.test(token)
      ? await supplierByFeedToken(database, token)
      : undefined;
    if (supplier === undefined) throw new NotFoundError("No feed has this address.");
    const base = `${request.protocol}://${request.headers.host ?? "localhost"}`;
    const matches = await matchesFor(database, supplier);
    return reply.type("application/atom+xml; charset=utf-8").send(
      atomFeed({
        id: `${base}/procurement/feeds/${token}`,
        title: `Open tenders for ${supplier.name}`,
        selfUrl: `${base}/procurement/feeds/${token}`,
        fallbackUpdated: new Date().toISOString(),
        entries: matches.map(({ match, tender }) => ({
          id: `${base}/procurement/tenders/${encodeURIComponent(tender.ocid)}`,
          title: tender.title ?? tender.ocid,
          url: `${base}/procurement/tenders/${encodeURIComponent(tender.ocid)}`,
          updated: tender.date,
          summary: [
            tender.buyerName ?? "a buyer",
            tender.value == null
              ? undefined
              : `£${Math.round(tender.value / 100).toLocaleString("en-GB")}`,
            tender.tenderEnd === null ? undefined : `closes ${tender.tenderEnd.slice(0, 10)}`,
            `match ${Math.round(match.score * 100)} of 100`,
          ]
            .filter((part) => part !== undefined)
            .join("; "),
        })),
      }),
    );
  });
}
