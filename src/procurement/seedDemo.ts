import { leftBehindPlaces } from "../scorecard/service.js";
import type { Database } from "../store/database.js";
import { generateProcurementDemo } from "./demo/index.js";
import { importReleases } from "./importOcds.js";
import { saveSuppliers } from "./service.js";

/** The seed of the procurement demo, apart from the region's. */
const procurementSeed = 20261128;

/**
 * Loads the fictional procurement demo once: ten fictional buyers' contracting processes over
 * five years as OCDS releases (about 400, twenty of them open now), a register of 120 local SMEs
 * (those that won awards linked by id), the districts of the demo's postcode outward codes and of
 * each buyer, and the shared needs SMEs have posted. Nothing here describes a real buyer or firm.
 */
export async function seedDemoProcurement(database: Database): Promise<boolean> {
  const [existing] = await database.query(
    "select 1 from procurement_processes where fictional limit 1",
  );
  if (existing !== undefined) return false;
  const districts = await database.query<{ code: string; name: string }>(
    "select code, name from places where kind = 'district' and fictional order by code",
  );
  if (districts.length === 0) return false;
  const leftBehind = new Set(await leftBehindPlaces(database));
  const demo = generateProcurementDemo(
    districts.map((district) => ({ ...district, leftBehind: leftBehind.has(district.code) })),
    procurementSeed,
    { asOf: new Date().toISOString().slice(0, 10) },
  );
  await database.transaction(async (transaction) => {
    for (const { outcode, placeCode } of demo.outcodes) {
      await transaction.query(
        `insert into procurement_postcode_places (outward_code, place_code) values ($1, $2)
         on conflict (outward_code) do update set place_code = excluded.place_code`,
        [outcode, placeCode],
      );
    }
    for (const buyer of demo.buyers) {
      await transaction.query(
        `insert into procurement_buyer_places (buyer_id, place_code) values ($1, $2)
         on conflict (buyer_id) do update set place_code = excluded.place_code`,
        [buyer.buyerId, buyer.placeCode],
      );
    }
    await saveSuppliers(transaction, demo.suppliers, { fictional: true });
    await importReleases(transaction, "demo procurement (fictional)", demo.releases, {
      fictional: true,
    });
    // The demo's supplier account speaks for the first SME of the register that has won work.
    await transaction.query(
      `update procurement_suppliers set user_id = u.id,
         feed_token = coalesce(feed_token, replace(gen_random_uuid()::text, '-', ''))
       from users u where u.email = 'supplier@demo.placefirst.invalid'
         and procurement_suppliers.id = (select min(supplier_id) from procurement_award_suppliers
           where supplier_id like 'GB-COH-BV%')`,
    );
    for (const need of demo.sharedNeeds) {
      await transaction.query(
        `insert into procurement_shared_needs (supplier_id, need, note) values ($1, $2, $3)
         on conflict (supplier_id, need) do nothing`,
        [need.supplierId, need.need, need.note ?? null],
      );
    }
  });
  return true;
}
