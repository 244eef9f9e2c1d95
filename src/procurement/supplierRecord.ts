/**
 * The sizes of business the register knows, by the SME definition of Commission Recommendation
 * 2003/361/EC: micro under 10 employees, small under 50, medium under 250 (with turnover limits;
 * see `supplierSizeFrom`).
 */
export const supplierSizes = ["micro", "small", "medium", "large"] as const;
/** A size of business. */
export type SupplierSize = (typeof supplierSizes)[number];

/** One supplier of the register, as a file, a form or the demo gives it. Money in pence. */
export interface SupplierRecord {
  /** A stable id: a Companies House number ("GB-COH-01234567"), a charity number, or the register's own. */
  supplierId: string;
  /** The business's name. */
  name: string;
  /** The district it is in: a place code (GSS) that the store holds. */
  placeCode: string;
  /** Its postcode, when given (upper case, single space). */
  postcode?: string | undefined;
  /** Where it is, when known: WGS84 degrees. */
  latitude?: number | undefined;
  longitude?: number | undefined;
  /** Its size; derived from employees and turnover when not given. */
  size: SupplierSize;
  /** Employees (headcount), when given. */
  employees?: number | undefined;
  /** Annual turnover in pence, when given. */
  turnoverPence?: number | undefined;
  /** What it can supply: CPV 2008 codes, eight digits each (normalised). */
  cpvCodes: string[];
  /** The largest contract it can deliver alone, in pence, when given. */
  capacityPence?: number | undefined;
  /** Accreditations it holds (ISO 9001, Cyber Essentials, …), free text. */
  accreditations: string[];
}
