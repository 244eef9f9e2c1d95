import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { InputError } from "../../core/errors.js";
import { columnIndex } from "../../data/readCsv.js";
import type { Lm3Question, Lm3Row } from "../methods/localMultiplier.js";
import { openCsv } from "./openCsv.js";
import { parsePounds } from "../../core/parsePounds.js";

/** The share columns of an LM3 survey file and the survey question each answers. */
export const lm3SurveyShareColumns: Readonly<Record<string, Lm3Question>> = {
  supplier_spend_share: "supplierSpendShare",
  local_supplier_share: "localSupplierShare",
  staff_share: "staffShare",
  local_staff_share: "localStaffShare",
  local_supplier_respend_share: "localSupplierRespendShare",
  local_staff_respend_share: "localStaffRespendShare",
};

/**
 * Reads an LM3 survey CSV (Sacks 2002, "The Money Trail", NEF): one row per supplier (or per
 * supplier and group) with the columns
 * `supplier,group,spend,supplier_spend_share,local_supplier_share,staff_share,local_staff_share,local_supplier_respend_share,local_staff_respend_share`.
 *
 * - `supplier` and `spend` are required; `spend` is what the buyer spent with the supplier, in
 *   pounds ("12500", "£12,500.50"), kept in whole pence.
 * - `group` (or `buyer`) is optional: the buyer or contract the spend is reported under.
 * - Each share is a survey answer from 0 to 1, or a percentage ("40%" is 0.4); a blank answer, or
 *   a missing column, is a question not answered, filled in by `localMultiplier`.
 * - `supplier_spend_share` and `staff_share`, when both are answered, may not add up to more than
 *   1 (all of the supplier's income).
 *
 * @throws InputError naming the file, line, column and value of the first problem, or a file
 *   with no rows.
 */
export async function readLm3SurveyFile(path: string): Promise<Lm3Row[]> {
  return readLm3SurveyCsv(createReadStream(path), path);
}

/**
 * Reads an LM3 survey from a stream or a text, as {@link readLm3SurveyFile} reads a file. `file`
 * names the source in errors, for example "(upload)".
 */
export async function readLm3SurveyCsv(source: Readable | string, file: string): Promise<Lm3Row[]> {
  const reader = await openCsv(source, file);
  const { header } = reader;
  const supplierAt = columnIndex(header, file, { candidates: ["supplier", "supplier_id"] });
  const spendAt = columnIndex(header, file, { candidates: ["spend"] });
  const groupAt = columnIndex(header, file, { candidates: ["group", "buyer"], required: false });
  const shareAt = Object.entries(lm3SurveyShareColumns).map(([column, question]) => ({
    column,
    question,
    index: columnIndex(header, file, { candidates: [column], required: false }),
  }));

  const rows: Lm3Row[] = [];
  for await (const row of reader.rows) {
    const text = (index: number): string => (index < 0 ? "" : (row.fields[index] ?? "").trim());
    const problem = (index: number, expected: string): never => {
      throw new InputError(expected, {
        file,
        line: row.line,
        field: header[index] ?? "",
        value: text(index),
      });
    };
    const supplierId = text(supplierAt);
    if (supplierId === "") problem(supplierAt, "expected the supplier's id or name");
    const spendPence = parsePounds(text(spendAt));
    if (spendPence === undefined) {
      problem(
        spendAt,
        "expected the spend with the supplier in pounds, 0 or more with at most two decimals, such as 12500 or £12,500.50",
      );
    }
    const result: Lm3Row = { supplierId, spendPence: spendPence! };
    const group = text(groupAt);
    if (group !== "") result.group = group;
    for (const { question, index } of shareAt) {
      const value = text(index);
      if (value === "") continue;
      const share = parseShare(value);
      if (share === undefined) {
        problem(index, "expected a share from 0 to 1, such as 0.4, or a percentage, such as 40%");
      }
      result[question] = share;
    }
    const { supplierSpendShare, staffShare } = result;
    // The same slack as localMultiplier's, for shares written as rounded percentages.
    if (
      typeof supplierSpendShare === "number" &&
      typeof staffShare === "number" &&
      supplierSpendShare + staffShare > 1 + 1e-9
    ) {
      const staffAt = shareAt.find((share) => share.question === "staffShare")!.index;
      problem(
        staffAt,
        "expected supplier_spend_share and staff_share to add up to 1 or less (all of the supplier's income)",
      );
    }
    rows.push(result);
  }
  if (rows.length === 0) {
    throw new InputError("the file has no rows; expected a row per supplier surveyed", { file });
  }
  return rows;
}

/**
 * A share from 0 to 1 as written: "0.4", ".4", "1", or a percentage from 0% to 100% ("40%",
 * "12.5 %"), divided by 100. Undefined for anything else, including "40" without the sign, which
 * is more likely a percentage than a share above 1.
 */
export function parseShare(text: string): number | undefined {
  const match = /^(\d+\.?\d*|\.\d+)\s*(%?)$/.exec(text.trim());
  if (match === null) return undefined;
  const value = match[2] === "%" ? Number(match[1]) / 100 : Number(match[1]);
  return value >= 0 && value <= 1 ? value : undefined;
}
