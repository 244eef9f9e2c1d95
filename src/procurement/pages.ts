import type { FastifyInstance } from "fastify";
import { NotFoundError } from "../core/errors.js";
import { lineChart } from "../web/charts/index.js";
import { districtValueMap } from "../web/districtMap.js";
import { page } from "../web/page.js";
import { leftBehindPlaces } from "../scorecard/service.js";
import { suggestConsortia } from "./methods/consortia.js";
import { spendShares } from "./methods/spendShares.js";
import { matchSuppliers } from "./methods/tenderMatch.js";
import {
  listOpenTenders,
  listSuppliers,
  matchableCpvCodes,
  spendAwards,
  storedProcess,
} from "./service.js";
import { supplierToMatch } from "./supplierToMatch.js";

/** Who sees the register and the matches: officers and admins. */
export const registerReaders = ["admin", "officer"] as const;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The procurement pages: open tenders with filters, a tender with the local SMEs that could bid
 * and the groups that could bid together, and the spend dashboard.
 */
export async function procurementPages(app: FastifyInstance): Promise<void> {
  const database = app.database;

  app.get("/procurement", { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as { place?: string; division?: string; q?: string };
    const districts = await database.query<{ code: string; name: string }>(
      "select code, name from places where kind in ('district', 'region') order by kind, name",
    );
    const place = districts.some((district) => district.code === query.place)
      ? query.place
      : undefined;
    const division = /^\d{2}$/.test(query.division ?? "") ? query.division : undefined;
    const words = (query.q ?? "").trim().toLowerCase().slice(0, 100);
    // One read of the open tenders serves both the list of divisions and the filtered table.
    const open = await listOpenTenders(database, { asOf: today() });
    const tenders = open.filter(
      (tender) =>
        (place === undefined || tender.gssCode === place || tender.regionCode === place) &&
        (division === undefined ||
          tender.cpvCodes.some((code) => String(code).startsWith(division))) &&
        (words === "" ||
          `${tender.title ?? ""} ${tender.buyerName ?? ""}`.toLowerCase().includes(words)),
    );
    const divisions = [
      ...new Set(open.flatMap((tender) => tender.cpvCodes.map((code) => String(code).slice(0, 2)))),
    ].sort();
    return page(reply, request, "procurement/views/tenders.njk", "Procurement: open tenders", {
      tenders,
      districts,
      divisions,
      form: { place: place ?? "", division: division ?? "", q: words },
      fictional: tenders.some((tender) => tender.fictional),
    });
  });

  app.get("/procurement/tenders/:ocid", { schema: { hide: true } }, async (request, reply) => {
    const { ocid } = request.params as { ocid: string };
    const process = await storedProcess(database, ocid);
    if (process === undefined)
      throw new NotFoundError(`No contracting process has the ocid ${ocid}.`);
    const role = request.session?.user.role;
    const seesRegister =
      role !== undefined && (registerReaders as readonly string[]).includes(role);
    let matches;
    let consortia;
    let suppliersById;
    if (seesRegister) {
      const [open] = await listOpenTenders(database, { asOf: "0001-01-01", ocids: [ocid] });
      const tender = open ?? {
        tenderId: ocid,
        cpvCodes: matchableCpvCodes(process.cpvCodes),
        value: process.valuePence,
      };
      const suppliers = await listSuppliers(database);
      suppliersById = new Map(suppliers.map((supplier) => [supplier.supplierId, supplier]));
      const local = suppliers.filter((supplier) => supplier.size !== "large").map(supplierToMatch);
      matches = matchSuppliers(tender, local).slice(0, 20);
      consortia = suggestConsortia(tender, local, { limit: 5 });
    }
    return page(reply, request, "procurement/views/tender.njk", process.title ?? ocid, {
      process,
      seesRegister,
      matches,
      consortia,
      suppliersById,
      fictional: process.fictional,
    });
  });

  app.get("/procurement/spend", { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as { place?: string };
    const districts = await database.query<{
      code: string;
      name: string;
      parent: string | null;
    }>(
      `select code, name, parent_code as parent from places where kind = 'district' order by name`,
    );
    const place =
      districts.find((district) => district.code === query.place) ??
      districts.find((district) => district.parent !== null);
    const awards = await spendAwards(database);
    const leftBehind = await leftBehindPlaces(database);
    const result =
      place === undefined || place.parent === null || awards.length === 0
        ? undefined
        : spendShares(awards, {
            place: place.code,
            region: place.parent,
            leftBehindPlaces: leftBehind,
          });
    const byDistrict = new Map<string, number>();
    for (const award of awards) {
      if (award.supplierPlace != null) {
        byDistrict.set(
          award.supplierPlace,
          (byDistrict.get(award.supplierPlace) ?? 0) + award.valuePence / 100,
        );
      }
    }
    const map = await districtValueMap(database, byDistrict, {
      title: "Public money awarded to suppliers in each district",
      label: (name, value) => `${name}: £${Math.round(value).toLocaleString("en-GB")}`,
    });
    const chart =
      result === undefined || result.byYear.length === 0
        ? undefined
        : lineChart({
            title: `Share of awarded value, ${place!.name}`,
            unit: "%",
            series: [
              { label: "to SMEs", key: "sme" as const },
              { label: "to suppliers in the region", key: "region" as const },
              { label: `to suppliers in ${place!.name}`, key: "place" as const },
            ].map(({ label, key }) => ({
              label,
              points: result.byYear.map((year) => {
                const share = year[key].share;
                return {
                  period: String(year.year),
                  value: share === undefined ? null : share * 100,
                };
              }),
            })),
            format: (value) => `${value.toFixed(0)}%`,
          });
    return page(
      reply,
      request,
      "procurement/views/spend.njk",
      "Procurement: where the money goes",
      {
        districts,
        place,
        result,
        map,
        chart,
        fictional: awards.length > 0 && districts.some((district) => district.code.startsWith("X")),
      },
    );
  });
}
