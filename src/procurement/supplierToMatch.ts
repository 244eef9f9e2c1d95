import type { SupplierToMatch } from "./methods/tenderMatch.js";
import type { SupplierRecord } from "./supplierRecord.js";

/** Where a supplier's capacity comes from: its own figure, or half its turnover. */
export type CapacityBasis = "capacity" | "turnover";

/**
 * A supplier's capacity, the largest contract it could deliver alone, in pence: its own figure
 * when the register gives one, else half its annual turnover, since a buyer may ask for a
 * turnover of at most twice the contract's value (Public Contracts Regulations 2015, reg. 58(9);
 * Directive 2014/24/EU, art. 58(3)), so half the turnover is the largest contract whose turnover
 * test the supplier passes. Undefined when neither is known.
 */
export function supplierCapacity(
  supplier: SupplierRecord,
): { pence: number; basis: CapacityBasis } | undefined {
  if (supplier.capacityPence !== undefined) {
    return { pence: supplier.capacityPence, basis: "capacity" };
  }
  if (supplier.turnoverPence !== undefined) {
    return { pence: Math.floor(supplier.turnoverPence / 2), basis: "turnover" };
  }
  return undefined;
}

/** A supplier of the register as the matching and consortium methods see it. */
export function supplierToMatch(
  supplier: SupplierRecord & { regionCode?: string | null },
): SupplierToMatch {
  const hasPoint = supplier.latitude !== undefined && supplier.longitude !== undefined;
  return {
    supplierId: supplier.supplierId,
    gssCode: supplier.placeCode,
    ...(supplier.regionCode == null ? {} : { regionCode: supplier.regionCode }),
    ...(hasPoint
      ? { coordinates: { latitude: supplier.latitude!, longitude: supplier.longitude! } }
      : {}),
    cpvCodes: supplier.cpvCodes,
    capacity: supplierCapacity(supplier)?.pence,
  };
}
