import type { Queryable } from "../store/database.js";
import type { LocalSme } from "./methods/lotPlan.js";
import { listSuppliers } from "./service.js";
import { supplierCapacity } from "./supplierToMatch.js";

/** The register's SMEs as the lot planner takes them, with what it needs to describe a plan. */
export interface LotSmes {
  smes: LocalSme[];
  /** SMEs whose capacity is unknown (no capacity and no turnover): left out, and counted. */
  withoutCapacity: number;
  /** Every SME's name by its id. */
  names: Map<string, string>;
  /** Whether any of them is the demo's. */
  fictional: boolean;
}

/**
 * The small and medium-sized firms of the register (in one place, when given) as the lot planner
 * takes them: each with the largest contract it can deliver (its own capacity, else half its
 * turnover) and its CPV capabilities.
 */
export async function lotSmes(database: Queryable, place?: string): Promise<LotSmes> {
  const suppliers = (await listSuppliers(database, place === undefined ? {} : { place })).filter(
    (supplier) => supplier.size !== "large",
  );
  const smes: LocalSme[] = [];
  let withoutCapacity = 0;
  for (const supplier of suppliers) {
    const capacity = supplierCapacity(supplier);
    // A supplier whose capacity is unknown cannot be shown to reach any lot; it is counted.
    if (capacity === undefined) withoutCapacity += 1;
    else {
      smes.push({
        id: supplier.supplierId,
        capacityPence: capacity.pence,
        capabilities: supplier.cpvCodes,
      });
    }
  }
  return {
    smes,
    withoutCapacity,
    names: new Map(suppliers.map((supplier) => [supplier.supplierId, supplier.name])),
    fictional: suppliers.some((supplier) => supplier.fictional),
  };
}
