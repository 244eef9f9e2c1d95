import { parsePounds } from "../core/parsePounds.js";
import { ukPostcode, supplierSizeFrom } from "./files/suppliersFile.js";
import { normaliseCpv } from "./methods/cpv.js";
import { supplierSizes, type SupplierRecord, type SupplierSize } from "./supplierRecord.js";

/** A form's fields, as posted. */
export type Form = Record<string, string | undefined>;

/** A problem with one field of the form, for the error summary. */
export interface FormProblem {
  text: string;
  href: string;
}

/**
 * A supplier's own profile from the registration form: name, district (one of `districts`),
 * postcode, size (or employees or turnover to tell it), CPV codes, capacity and accreditations.
 * Money is typed in pounds and kept in pence. Every problem is returned, each naming its field.
 */
export function supplierFromForm(
  form: Form,
  supplierId: string,
  districts: ReadonlySet<string>,
): { record?: SupplierRecord; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const text = (name: string) => (form[name] ?? "").trim();
  const name = text("name");
  if (name === "" || name.length > 200) {
    problems.push({ text: "Enter your business's name (up to 200 characters)", href: "#name" });
  }
  const placeCode = text("place");
  if (!districts.has(placeCode)) {
    problems.push({ text: "Choose the district your business is in", href: "#place" });
  }
  const postcodeText = text("postcode");
  const postcode = postcodeText === "" ? undefined : ukPostcode(postcodeText);
  if (postcode === null) {
    problems.push({
      text: "Enter a UK postcode, like BV1 2AB, or leave it blank",
      href: "#postcode",
    });
  }
  const employeesText = text("employees").replace(/,/g, "");
  const employees = employeesText === "" ? undefined : Number(employeesText);
  if (employees !== undefined && !(Number.isInteger(employees) && employees >= 0)) {
    problems.push({ text: "Enter the number of employees as a whole number", href: "#employees" });
  }
  const money = (field: string, label: string): number | undefined => {
    const value = text(field);
    if (value === "") return undefined;
    const pence = parsePounds(value);
    if (pence === undefined) {
      problems.push({ text: `Enter ${label} in pounds, like 250000`, href: `#${field}` });
    }
    return pence;
  };
  const turnoverPence = money("turnover", "your annual turnover");
  const capacityPence = money("capacity", "the largest contract you can deliver alone");
  const sizeText = text("size");
  let size: SupplierSize | undefined;
  if ((supplierSizes as readonly string[]).includes(sizeText)) {
    size = sizeText as SupplierSize;
  } else {
    size = supplierSizeFrom(Number.isInteger(employees) ? employees : undefined, turnoverPence);
    if (size === undefined) {
      problems.push({
        text: "Choose your business's size, or give its employees or turnover",
        href: "#size",
      });
    }
  }
  const codes = text("cpv")
    .split(/[\s,;]+/)
    .filter((code) => code !== "");
  const cpvCodes: string[] = [];
  for (const code of codes) {
    try {
      const normal = normaliseCpv(code);
      if (!cpvCodes.includes(normal)) cpvCodes.push(normal);
    } catch {
      problems.push({
        text: `${code} is not a CPV code; enter codes of eight digits, like 45210000`,
        href: "#cpv",
      });
    }
  }
  if (codes.length === 0) {
    problems.push({ text: "Enter at least one CPV code for what you supply", href: "#cpv" });
  }
  const accreditations = text("accreditations")
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .slice(0, 20);
  if (problems.length > 0) return { problems };
  return {
    problems,
    record: {
      supplierId,
      name,
      placeCode,
      ...(postcode == null ? {} : { postcode }),
      size: size!,
      ...(employees === undefined ? {} : { employees }),
      ...(turnoverPence === undefined ? {} : { turnoverPence }),
      cpvCodes,
      ...(capacityPence === undefined ? {} : { capacityPence }),
      accreditations,
    },
  };
}

/** A stored supplier as the form shows it, money in pounds. */
export function formFromSupplier(supplier: SupplierRecord): Form {
  return {
    name: supplier.name,
    place: supplier.placeCode,
    postcode: supplier.postcode ?? "",
    size: supplier.size,
    employees: supplier.employees === undefined ? "" : String(supplier.employees),
    turnover: supplier.turnoverPence === undefined ? "" : String(supplier.turnoverPence / 100),
    cpv: supplier.cpvCodes.join(" "),
    capacity: supplier.capacityPence === undefined ? "" : String(supplier.capacityPence / 100),
    accreditations: supplier.accreditations.join("; "),
  };
}
