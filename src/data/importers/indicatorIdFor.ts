import { createHash } from "node:crypto";

const codePattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/**
 * The indicator id for a file's indicator field: the field itself when it is already an id
 * (`gva_per_head`), else an id made from the words ("Gross median weekly pay" becomes
 * `gross_median_weekly_pay`). A long name is cut to 64 characters with a short hash of the whole
 * name at the end, so two long names that start alike still get different ids.
 */
export function indicatorIdFor(text: string): string {
  const trimmed = text.trim();
  if (codePattern.test(trimmed)) return trimmed;
  const slug = trimmed
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/£/g, "gbp")
    .replace(/%/g, "percent")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const base = slug === "" ? "indicator" : slug;
  if (base.length <= 64) return base;
  const hash = createHash("sha256").update(trimmed).digest("hex").slice(0, 8);
  return `${base.slice(0, 55).replace(/_+$/, "")}_${hash}`;
}
