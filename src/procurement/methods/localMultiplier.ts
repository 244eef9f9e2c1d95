import { InputError } from "../../core/errors.js";
import { compensatedSum } from "../../scorecard/methods/index.js";

/**
 * The survey questions of an LM3 study, each a share from 0 to 1. Round 2 uses the first four,
 * round 3 the last two.
 */
export const lm3Questions = [
  "supplierSpendShare",
  "localSupplierShare",
  "staffShare",
  "localStaffShare",
  "localSupplierRespendShare",
  "localStaffRespendShare",
] as const;

/** One of the survey questions of an LM3 study. */
export type Lm3Question = (typeof lm3Questions)[number];

/** An answer to every survey question, each a share from 0 to 1. */
export type Lm3Shares = Record<Lm3Question, number>;

/**
 * One supplier's spend from the buyer (round 1) and its survey answers. A missing answer is
 * `undefined`, `null` or NaN, and is filled in as `LocalMultiplierOptions.imputation` says.
 */
export interface Lm3Row {
  /** The supplier's id (or name). A supplier may have several rows, one per group, say. */
  supplierId: string;
  /**
   * What the spend is reported under: a buyer's id or a contract's id, say. Rows with a group
   * are totalled per group as well as overall; rows without only overall.
   */
  group?: string | null;
  /** Round 1: what the buyer spent with the supplier, whole pence, 0 or more. */
  spendPence: number;
  /**
   * The share of the supplier's income it spends on goods and services bought from other
   * businesses, from 0 to 1. With `staffShare` at most 1; the rest is profit, tax and the like.
   */
  supplierSpendShare?: number | null;
  /** Of the supplier's spending on goods and services, the share with local businesses, 0 to 1. */
  localSupplierShare?: number | null;
  /** The share of the supplier's income it spends on staff pay, from 0 to 1. */
  staffShare?: number | null;
  /** Of the supplier's staff pay, the share paid to staff living in the local area, 0 to 1. */
  localStaffShare?: number | null;
  /**
   * Round 3: the share of their income that the supplier's local suppliers spend in the local
   * area in turn (on their own local suppliers and local staff), from 0 to 1.
   */
  localSupplierRespendShare?: number | null;
  /** Round 3: the share of their pay that the supplier's local staff spend locally, 0 to 1. */
  localStaffRespendShare?: number | null;
}

/** How missing survey answers are filled in. */
export interface LocalMultiplierOptions {
  /**
   * - "respondentMean" (default): the mean of the answers given to the same question in all the
   *   rows, weighted by their spend (unweighted if those rows have no spend), as one extrapolates
   *   from a surveyed sample; the default when no row answered it.
   * - "default": always the default.
   */
  imputation?: "respondentMean" | "default";
  /**
   * Defaults replacing those of {@link defaultLm3Shares}, per question, each from 0 to 1, with
   * `supplierSpendShare + staffShare` at most 1.
   */
  defaults?: Partial<Lm3Shares>;
}

/** The amounts of the three rounds and the multiplier. Money in whole pence. */
export interface Lm3Totals {
  /** Round 1: the spend with the suppliers. */
  r1Pence: number;
  /** Round 2: what the suppliers spend with local suppliers and on local staff. */
  r2Pence: number;
  /** Round 3: what those local suppliers and staff spend locally in turn. */
  r3Pence: number;
  /**
   * `(R1 + R2 + R3) / R1`, from 1 (nothing spent locally) to 3 (everything); computed from the
   * unrounded amounts. Undefined when R1 is 0.
   */
  lm3: number | undefined;
  /** The number of rows totalled. */
  rows: number;
  /** How many of the rows had each question filled in rather than answered. */
  imputedCounts: Record<Lm3Question, number>;
}

/** One group's rounds and multiplier. */
export interface Lm3GroupTotals extends Lm3Totals {
  /** The group, as given in the rows. */
  group: string;
}

/** One row's rounds, split by who receives the money, and the shares used. Whole pence. */
export interface Lm3RowResult {
  /** The supplier's id, as given. */
  supplierId: string;
  /** The row's group, or undefined. */
  group: string | undefined;
  /** Round 1: the spend with the supplier. */
  r1Pence: number;
  /** Round 2, to local suppliers: `R1 × supplierSpendShare × localSupplierShare`. */
  r2LocalSuppliersPence: number;
  /** Round 2, to local staff: `R1 × staffShare × localStaffShare`. */
  r2LocalStaffPence: number;
  /** Round 2 in all, the sum of the two parts. */
  r2Pence: number;
  /** Round 3, from local suppliers: round 2's part to them `× localSupplierRespendShare`. */
  r3FromLocalSuppliersPence: number;
  /** Round 3, from local staff: round 2's part to them `× localStaffRespendShare`. */
  r3FromLocalStaffPence: number;
  /** Round 3 in all, the sum of the two parts. */
  r3Pence: number;
  /** The row's own multiplier, from the unrounded amounts; undefined when its spend is 0. */
  lm3: number | undefined;
  /** The shares used, answered or filled in. */
  shares: Lm3Shares;
  /** The questions filled in rather than answered, in the order of {@link lm3Questions}. */
  imputed: Lm3Question[];
}

/** What a question's missing answers were filled in with. */
export interface Lm3Imputation {
  /** The value used (before any cut to keep the spending shares within 1). */
  value: number;
  /** Where it came from: the respondents' mean or the default. */
  source: "respondentMean" | "default";
  /** The number of rows that answered the question. */
  respondents: number;
}

/** An LM3 study: overall, per group and per row. */
export interface LocalMultiplierResult {
  /** All the rows together. */
  overall: Lm3Totals;
  /** Each group, in code order. */
  groups: Lm3GroupTotals[];
  /** Each row, in the order given. */
  rows: Lm3RowResult[];
  /** What each question's missing answers were filled in with. */
  imputation: Record<Lm3Question, Lm3Imputation>;
  /** What was missing, once per question, counted, and how to fix it. */
  warnings: string[];
}

/**
 * The shares used for a missing answer when no row answered the question (or with
 * `imputation: "default"`). All are Placefirst's assumptions, not NEF's, and should be replaced
 * by survey answers or better local evidence:
 * - `localSupplierShare`, `localStaffShare`, `localSupplierRespendShare`,
 *   `localStaffRespendShare`: 0, so that nothing is counted as spent locally without evidence
 *   and the multiplier is a lower bound;
 * - `supplierSpendShare` 0.6 and `staffShare` 0.2: round figures of the order of purchases and
 *   labour costs as shares of turnover in the UK non-financial business economy (ONS, Annual
 *   Business Survey); they matter only where a local share was answered.
 */
export const defaultLm3Shares: Readonly<Lm3Shares> = Object.freeze({
  supplierSpendShare: 0.6,
  localSupplierShare: 0,
  staffShare: 0.2,
  localStaffShare: 0,
  localSupplierRespendShare: 0,
  localStaffRespendShare: 0,
});

/**
 * The Local Multiplier 3 (LM3) of a buyer's spend with its suppliers, after the New Economics
 * Foundation (Sacks 2002, "The Money Trail: Measuring your impact on the local economy using
 * LM3", NEF and the Countryside Agency). The money is followed for three rounds within the local
 * area:
 *
 *     R1 = Σ_i spend_i
 *     R2 = Σ_i spend_i × (supplierSpendShare_i × localSupplierShare_i
 *                         + staffShare_i × localStaffShare_i)
 *     R3 = Σ_i (spend_i × supplierSpendShare_i × localSupplierShare_i) × localSupplierRespendShare_i
 *        + Σ_i (spend_i × staffShare_i × localStaffShare_i) × localStaffRespendShare_i
 *     LM3 = (R1 + R2 + R3) / R1
 *
 * Round 1 is the spend with each supplier, local or not; round 2 what the suppliers spend of it
 * with local businesses and on local staff; round 3 what those local businesses and staff spend
 * locally in turn. With every share from 0 to 1 and `supplierSpendShare + staffShare ≤ 1`,
 * R2 ≤ R1 and R3 ≤ R2, so LM3 lies from 1 (nothing spent locally) to 3 (all of it). LM3 is
 * invariant to the scale of the spend, and the overall LM3 is the spend-weighted mean of the
 * rows' LM3s.
 *
 * Missing answers are filled in (see {@link LocalMultiplierOptions.imputation} and
 * {@link defaultLm3Shares}), each filled-in question is listed per row and counted per total,
 * and a warning says how many. When a filled-in spending share would take
 * `supplierSpendShare + staffShare` above 1, the filled-in share is cut (both, in proportion,
 * when both are filled in) to keep the sum at 1.
 *
 * Amounts are rounded to whole pence part by part (half up) and totals are sums of the rounded
 * parts, so the parts always add up; each LM3 is computed from the unrounded amounts. See
 * docs/methods/local-spend.md.
 *
 * @param rows one row per supplier (per group), with its spend and its survey answers.
 * @param options how missing answers are filled in.
 * @returns the rounds and the multiplier overall, per group and per row.
 * @throws InputError for an empty supplier id, a spend that is not a whole number of pence of 0
 *   or more, a share outside 0 to 1, answered spending shares summing above 1, or a bad option.
 */
export function localMultiplier(
  rows: readonly Lm3Row[],
  options: LocalMultiplierOptions = {},
): LocalMultiplierResult {
  const { imputation = "respondentMean" } = options;
  if (imputation !== "respondentMean" && imputation !== "default") {
    throw new InputError('localMultiplier: imputation must be "respondentMean" or "default"', {
      field: "imputation",
      value: String(imputation),
    });
  }
  const defaults = checkDefaults(options.defaults ?? {});
  const answers = rows.map(checkRow);
  const total = compensatedSum(rows.map((row) => row.spendPence));
  if (!Number.isSafeInteger(total)) {
    throw new InputError("localMultiplier: the spend is too large to total exactly in pence", {
      field: "spendPence",
    });
  }

  const fills = {} as Record<Lm3Question, Lm3Imputation>;
  for (const question of lm3Questions) {
    fills[question] = fillFor(question, rows, answers, imputation, defaults);
  }

  const parts = rows.map((row, index) => computeRow(row, answers[index]!, fills));
  const groupKeys = [
    ...new Set(
      parts.flatMap((part) => (part.result.group === undefined ? [] : [part.result.group])),
    ),
  ].sort(compareCodes);
  const groups = groupKeys.map((group) => ({
    group,
    ...totalsOf(parts.filter((part) => part.result.group === group)),
  }));

  const warnings: string[] = [];
  for (const question of lm3Questions) {
    const missing = parts.filter((part) => part.result.imputed.includes(question)).length;
    if (missing === 0) continue;
    const fill = fills[question];
    const used =
      fill.source === "respondentMean"
        ? `the spend-weighted mean of the ${fill.respondents} answer${fill.respondents === 1 ? "" : "s"} given (${round(fill.value)})`
        : `the default (${round(fill.value)}), an assumption`;
    warnings.push(
      `localMultiplier: ${missing} of ${rows.length} rows have no answer for ${question}; ` +
        `${used} was used. Survey the suppliers, or set options.defaults.${question} from ` +
        "better local evidence, to replace it.",
    );
  }

  return {
    overall: totalsOf(parts),
    groups,
    rows: parts.map((part) => part.result),
    imputation: fills,
    warnings,
  };
}

/** A row's result with its unrounded amounts, for exact totals. */
interface RowParts {
  result: Lm3RowResult;
  exact: { r1: number; r2: number; r3: number };
}

/** The rounds of one row from its shares, answered or filled in. */
function computeRow(
  row: Lm3Row,
  answers: Partial<Lm3Shares>,
  fills: Record<Lm3Question, Lm3Imputation>,
): RowParts {
  const imputed = lm3Questions.filter((question) => answers[question] === undefined);
  const shares = {} as Lm3Shares;
  for (const question of lm3Questions) {
    shares[question] = answers[question] ?? fills[question].value;
  }
  // Keep the two spending shares within the supplier's income, cutting only what was filled in.
  const spending = shares.supplierSpendShare + shares.staffShare;
  if (spending > 1) {
    const supplierFilled = imputed.includes("supplierSpendShare");
    const staffFilled = imputed.includes("staffShare");
    if (supplierFilled && staffFilled) {
      shares.supplierSpendShare /= spending;
      shares.staffShare /= spending;
    } else if (supplierFilled) {
      shares.supplierSpendShare = 1 - shares.staffShare;
    } else {
      shares.staffShare = 1 - shares.supplierSpendShare;
    }
  }

  // Sacks (2002): round 2 is the local part of the supplier's spending, round 3 the local
  // re-spending of the round-2 recipients.
  const r1 = row.spendPence;
  const toSuppliers = r1 * shares.supplierSpendShare * shares.localSupplierShare;
  const toStaff = r1 * shares.staffShare * shares.localStaffShare;
  const fromSuppliers = toSuppliers * shares.localSupplierRespendShare;
  const fromStaff = toStaff * shares.localStaffRespendShare;
  const r2 = toSuppliers + toStaff;
  const r3 = fromSuppliers + fromStaff;

  const r2LocalSuppliersPence = Math.round(toSuppliers);
  const r2LocalStaffPence = Math.round(toStaff);
  const r3FromLocalSuppliersPence = Math.round(fromSuppliers);
  const r3FromLocalStaffPence = Math.round(fromStaff);
  return {
    result: {
      supplierId: row.supplierId,
      group: typeof row.group === "string" && row.group !== "" ? row.group : undefined,
      r1Pence: r1,
      r2LocalSuppliersPence,
      r2LocalStaffPence,
      r2Pence: r2LocalSuppliersPence + r2LocalStaffPence,
      r3FromLocalSuppliersPence,
      r3FromLocalStaffPence,
      r3Pence: r3FromLocalSuppliersPence + r3FromLocalStaffPence,
      lm3: r1 > 0 ? (r1 + r2 + r3) / r1 : undefined,
      shares,
      imputed,
    },
    exact: { r1, r2, r3 },
  };
}

/** The totals of some rows: rounded amounts summed, LM3 from the unrounded sums. */
function totalsOf(parts: readonly RowParts[]): Lm3Totals {
  const sum = (pick: (part: RowParts) => number): number => compensatedSum(parts.map(pick));
  const r1 = sum((part) => part.exact.r1);
  const imputedCounts = {} as Record<Lm3Question, number>;
  for (const question of lm3Questions) {
    imputedCounts[question] = parts.filter((part) => part.result.imputed.includes(question)).length;
  }
  return {
    r1Pence: sum((part) => part.result.r1Pence),
    r2Pence: sum((part) => part.result.r2Pence),
    r3Pence: sum((part) => part.result.r3Pence),
    lm3:
      r1 > 0 ? (r1 + sum((part) => part.exact.r2) + sum((part) => part.exact.r3)) / r1 : undefined,
    rows: parts.length,
    imputedCounts,
  };
}

/** What a question's missing answers are filled in with. */
function fillFor(
  question: Lm3Question,
  rows: readonly Lm3Row[],
  answers: readonly Partial<Lm3Shares>[],
  imputation: "respondentMean" | "default",
  defaults: Lm3Shares,
): Lm3Imputation {
  const given: { share: number; weight: number }[] = [];
  answers.forEach((answer, index) => {
    const share = answer[question];
    if (share !== undefined) given.push({ share, weight: rows[index]!.spendPence });
  });
  if (imputation === "default" || given.length === 0) {
    return { value: defaults[question], source: "default", respondents: given.length };
  }
  const weight = compensatedSum(given.map((answer) => answer.weight));
  const value =
    weight > 0
      ? compensatedSum(given.map((answer) => answer.share * answer.weight)) / weight
      : compensatedSum(given.map((answer) => answer.share)) / given.length;
  // Rounding can take a mean of shares a hair outside 0 to 1.
  return {
    value: Math.min(1, Math.max(0, value)),
    source: "respondentMean",
    respondents: given.length,
  };
}

/** A row's answers, checked; missing answers (undefined, null, NaN) left out. */
function checkRow(row: Lm3Row, index: number): Partial<Lm3Shares> {
  const where = (field: string, value: unknown) => ({
    field: `rows[${index}].${field}`,
    value: String(value),
  });
  if (!(typeof row.supplierId === "string" && row.supplierId !== "")) {
    throw new InputError(
      "localMultiplier: expected a supplier id (a non-empty string)",
      where("supplierId", row.supplierId),
    );
  }
  if (!(Number.isSafeInteger(row.spendPence) && row.spendPence >= 0)) {
    throw new InputError(
      `localMultiplier: supplier "${row.supplierId}": expected a spend in whole pence, 0 or more`,
      where("spendPence", row.spendPence),
    );
  }
  if (row.group != null && typeof row.group !== "string") {
    throw new InputError(
      `localMultiplier: supplier "${row.supplierId}": expected a group name`,
      where("group", row.group),
    );
  }
  const answers: Partial<Lm3Shares> = {};
  for (const question of lm3Questions) {
    const share = row[question];
    if (share == null || Number.isNaN(share)) continue;
    if (!(typeof share === "number" && share >= 0 && share <= 1)) {
      throw new InputError(
        `localMultiplier: supplier "${row.supplierId}": expected ${question} from 0 to 1`,
        where(question, share),
      );
    }
    answers[question] = share;
  }
  const { supplierSpendShare, staffShare } = answers;
  // A little slack for shares written as rounded percentages.
  if (supplierSpendShare !== undefined && staffShare !== undefined) {
    if (supplierSpendShare + staffShare > 1 + 1e-9) {
      throw new InputError(
        `localMultiplier: supplier "${row.supplierId}": supplierSpendShare and staffShare ` +
          "sum to more than 1 (all of the income)",
        where("staffShare", staffShare),
      );
    }
  }
  return answers;
}

/** The defaults, checked, over {@link defaultLm3Shares}. */
function checkDefaults(overrides: Partial<Lm3Shares>): Lm3Shares {
  const defaults = { ...defaultLm3Shares };
  for (const question of lm3Questions) {
    const share = overrides[question];
    if (share === undefined) continue;
    if (!(typeof share === "number" && share >= 0 && share <= 1)) {
      throw new InputError(`localMultiplier: expected defaults.${question} from 0 to 1`, {
        field: `defaults.${question}`,
        value: String(share),
      });
    }
    defaults[question] = share;
  }
  if (defaults.supplierSpendShare + defaults.staffShare > 1 + 1e-9) {
    throw new InputError(
      "localMultiplier: defaults.supplierSpendShare and defaults.staffShare sum to more than 1",
      { field: "defaults" },
    );
  }
  return defaults;
}

/** A share shown to three decimal places in a warning. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Codes in code-unit order, independent of the machine's locale. */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
