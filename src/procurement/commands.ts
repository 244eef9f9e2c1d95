import { Option, type Command } from "commander";
import { InputError } from "../core/errors.js";
import { formatRows, outputFormats, type OutputFormat } from "../core/formatRows.js";
import type { TenderOpenness, TenderRecord } from "./files/ocdsTendersFile.js";
import { parsePounds } from "../core/parsePounds.js";
import type {
  Consortium,
  ConsortiumSuggestions,
  LocalMultiplierResult,
  LocalSme,
  LotPlan,
  LotPlanLimit,
  Lm3Question,
  Lm3Totals,
  TenderMatch,
} from "./methods/index.js";
import type { SupplierRecord } from "./supplierRecord.js";
import { supplierCapacity, supplierToMatch, type CapacityBasis } from "./supplierToMatch.js";

export type { TenderRecord } from "./files/ocdsTendersFile.js";

/*
 * The procurement commands: `lm3`, `lots`, `consortia` and `tenders match`. The run functions
 * load the methods and file readers when they run, so that registering the commands costs
 * nothing; the report functions are pure and build what the commands print.
 */

/** Where the tenders of `tenders match` come from: an OCDS file now, the store later. */
export type TendersSource = () => Promise<TenderRecord[]>;
/** Where the tender of `consortia` comes from, by its ocid: an OCDS file now, the store later. */
export type TenderSource = (ocid: string) => Promise<TenderRecord>;

/**
 * Adds the procurement commands to the `placefirst` program: `lm3`, `lots`, `consortia` and
 * `tenders match` (under an existing `tenders` command when there is one).
 */
export function registerProcurementCommands(program: Command): void {
  program
    .command("lm3")
    .description(
      "the Local Multiplier 3 (LM3) of a buyer's spend with its suppliers, from a survey: how much of each pound is re-spent locally over two more rounds",
    )
    .argument(
      "<survey>",
      "survey CSV: supplier,group,spend,supplier_spend_share,local_supplier_share,staff_share,local_staff_share,local_supplier_respend_share,local_staff_respend_share",
    )
    .addOption(
      new Option(
        "--group-by <grouping>",
        "buyer: totals for each value of the group column as well as overall; none: overall only",
      )
        .choices(["buyer", "none"])
        .default("buyer"),
    )
    .addOption(
      new Option(
        "--imputation <rule>",
        "how unanswered questions are filled in: respondent-mean (the spend-weighted mean of the answers given) or default (cautious defaults: nothing counted as local)",
      )
        .choices(["respondent-mean", "default"])
        .default("respondent-mean"),
    )
    .addOption(formatOption(outputFormats))
    .addHelpText(
      "after",
      `
spend is what the buyer spent with each supplier, in pounds. Each share is a survey answer from 0
to 1 or a percentage ("40%"), blank when not answered: supplier_spend_share of the supplier's
income spent on goods and services, local_supplier_share of that spent with local businesses,
staff_share spent on pay, local_staff_share of that paid to local staff, and the shares of their
income that local suppliers and local staff re-spend locally (round 3).

R1 is the spend, R2 what the suppliers spend locally, R3 what those local businesses and staff
re-spend locally; LM3 = (R1 + R2 + R3) / R1, from 1 to 3 (Sacks 2002, "The Money Trail", NEF).
The JSON output is { "r1", "r2", "r3" (pounds), "lm3", "groups", "imputed", "suppliers" }; the
table and CSV have a row per group and one overall. See docs/methods/local-spend.md.

Example:
  placefirst lm3 survey.csv --format json`,
    )
    .action(async (survey: string, options: Lm3CommandOptions) => {
      await runLm3(survey, options);
    });

  program
    .command("lots")
    .description(
      "split a planned contract into lots within reach of local SMEs, and show how much of its value they can reach before and after",
    )
    .argument(
      "<plan>",
      'lot plan JSON: { "title"?, "maxLots"?, "minLotValue"? (pounds), "items": [ { "id", "description"?, "cpv", "value" (pounds) } ] }',
    )
    .requiredOption(
      "--suppliers <file>",
      "supplier register CSV; its micro, small and medium suppliers are the SMEs",
    )
    .option("--max-lots <n>", "the most lots, a whole number (default the plan's, or one per item)")
    .option(
      "--min-lot-value <pounds>",
      "the least value of a lot, in pounds (default the plan's, or 0)",
    )
    .option("--place <code>", "only the register's suppliers in this place (a place code)")
    .addOption(formatOption(["json", "table"] as const))
    .addHelpText(
      "after",
      `
A lot is within reach when an SME can do every CPV division of its items (the first two digits)
and its capacity covers the lot's value. An SME's capacity is its capacity column or, when that
is blank, half its annual turnover (a buyer may ask for a turnover of at most twice the contract
value: Public Contracts Regulations 2015, reg. 58(9)); SMEs with neither are left out.

The JSON output gives the value within reach before (one lot) and after (the plan), the lots
with their items and the SMEs that can reach each, and what limits the plan. Money in pounds.
See docs/methods/procurement-matching.md.

Example:
  placefirst lots plan.json --suppliers suppliers.csv --max-lots 4 --min-lot-value 25000`,
    )
    .action(async (plan: string, options: LotsCommandOptions) => {
      await runLots(plan, options);
    });

  program
    .command("consortia")
    .description(
      "suggest small groups of the register's suppliers that could bid together for a tender too large or too broad for one of them",
    )
    .option("--tender <ocid>", "a tender stored by `placefirst import ocds`, by its ocid")
    .option(
      "--tender-file <file>",
      "or an OCDS file holding the tender's releases (package, release or record; JSON lines or gzip too); repeat for several; with --ocid",
      collect,
    )
    .option("--ocid <ocid>", "with --tender-file: the tender's open contracting id")
    .requiredOption("--suppliers <file>", "supplier register CSV")
    .option("--max-size <n>", "the most suppliers in a group, a whole number (default 3)")
    .option("--limit <n>", "the most groups to list (default 10)")
    .option("--place <code>", "only the register's suppliers in this place (a place code)")
    .option(
      "--delivery-place <code>",
      "the place where the tender is delivered, so that suppliers there rank higher (OCDS files seldom say)",
    )
    .addOption(formatOption(outputFormats))
    .addHelpText(
      "after",
      `
A group is listed when every member covers at least one of the tender's CPV codes, together they
cover all of them, and their capacities add up to the tender's value (the value in the file, in
pounds). A supplier's capacity is its capacity column or, when blank, half its turnover (Public
Contracts Regulations 2015, reg. 58(9)); one with neither counts as 0. Groups are ranked by
coverage, then locality (with --delivery-place), then size. Money in pounds.

Example:
  placefirst consortia --tender-file notices.json --ocid ocds-b5fd17-2c3aae9c-adc8-11e6-9901-0019b9f3037b --suppliers suppliers.csv`,
    )
    .action(
      async (
        options: Omit<ConsortiaCommandOptions, "ocid"> & {
          tender?: string;
          tenderFile?: string[];
          ocid?: string;
        },
      ) => {
        if (options.tender !== undefined) {
          await runConsortia({ ...options, ocid: options.tender }, storedTender());
          return;
        }
        if (options.tenderFile === undefined || options.ocid === undefined) {
          throw new InputError(
            "name a stored tender with --tender OCID, or a file with --tender-file FILE --ocid OCID",
            { field: "--tender" },
          );
        }
        await runConsortia({ ...options, ocid: options.ocid }, ocdsFileTender(options.tenderFile));
      },
    );

  const tenders =
    program.commands.find((command) => command.name() === "tenders") ??
    program.command("tenders").description("tenders: calls for bids, and who could answer them");
  tenders
    .command("match")
    .description(
      "each supplier's matching open tenders, best first, scored on CPV codes, place and capacity",
    )
    .option(
      "--tenders-file <file>",
      "an OCDS file of tenders (package, release or record; JSON lines or gzip too); repeat for several; default the tenders stored by `placefirst import ocds`",
      collect,
    )
    .requiredOption("--suppliers <file>", "supplier register CSV")
    .option("--place <code>", "only the register's suppliers in this place (a place code)")
    .option(
      "--as-of <date>",
      "the date on which tenders must be open, YYYY-MM-DD (default today; use the notices' date for old data)",
    )
    .option("--limit <n>", "the most tenders per supplier (default 10)")
    .addOption(formatOption(outputFormats))
    .addHelpText(
      "after",
      `
A tender is open unless its status is complete, cancelled, unsuccessful or withdrawn, or its
tender period (the deadline for bids) ended by the start of --as-of; one with no deadline is
open when its status is planned or active. The score (0 to 1) weighs the CPV codes 0.5, the place 0.3
and the capacity 0.2, leaving out the parts that cannot be known; a tender's value is in pounds.

Example:
  placefirst tenders match --tenders-file notices.json --suppliers suppliers.csv --as-of 2014-12-17`,
    )
    .action(async (options: TendersMatchCommandOptions & { tendersFile?: string[] }) => {
      await runTendersMatch(
        options,
        options.tendersFile === undefined ? storedTenders() : ocdsFileTenders(options.tendersFile),
      );
    });
}

// ---------------------------------------------------------------------------------------------
// lm3

/** Options of `placefirst lm3`. */
export interface Lm3CommandOptions {
  /** "buyer": totals per value of the survey's group column too; "none": overall only. */
  groupBy: "buyer" | "none";
  /** How unanswered questions are filled in; see `LocalMultiplierOptions.imputation`. */
  imputation: "respondent-mean" | "default";
  /** The output format. */
  format: OutputFormat;
}

/** The totals of some rows as printed: money in pounds, LM3 to two decimals. */
export interface Lm3TotalsReport {
  /** Round 1, the spend, in pounds. */
  r1: number;
  /** Round 2, in pounds. */
  r2: number;
  /** Round 3, in pounds. */
  r3: number;
  /** The multiplier to two decimals, as NEF reports it ("£1.76 for every £1"); null with no spend. */
  lm3: number | null;
  /** The number of survey rows totalled. */
  rows: number;
  /** The number of answers filled in rather than given, over all questions. */
  imputedAnswers: number;
}

/** What `placefirst lm3 --format json` prints. */
export interface Lm3Report extends Lm3TotalsReport {
  /** Each group's totals, in code order; empty with `--group-by none` or no group column. */
  groups: (Lm3TotalsReport & { group: string })[];
  /** For each question, how many rows had it filled in, with what, and from where. */
  imputed: Record<
    Lm3Question,
    { rows: number; value: number; source: "respondentMean" | "default"; respondents: number }
  >;
  /** Each survey row's rounds (pounds), multiplier and the questions filled in. */
  suppliers: {
    supplier: string;
    group: string | null;
    r1: number;
    r2: number;
    r3: number;
    lm3: number | null;
    imputed: Lm3Question[];
  }[];
  /** What was missing, per question, and how to fix it. */
  warnings: string[];
}

/** The LM3 result as `placefirst lm3` reports it: pounds, and the multiplier to two decimals. */
export function lm3Report(result: LocalMultiplierResult): Lm3Report {
  const totals = (part: Lm3Totals): Lm3TotalsReport => ({
    r1: pounds(part.r1Pence),
    r2: pounds(part.r2Pence),
    r3: pounds(part.r3Pence),
    lm3: part.lm3 === undefined ? null : round(part.lm3, 2),
    rows: part.rows,
    imputedAnswers: Object.values(part.imputedCounts).reduce((sum, count) => sum + count, 0),
  });
  const imputed = {} as Lm3Report["imputed"];
  for (const [question, fill] of Object.entries(result.imputation) as [
    Lm3Question,
    LocalMultiplierResult["imputation"][Lm3Question],
  ][]) {
    imputed[question] = {
      rows: result.overall.imputedCounts[question],
      value: round(fill.value, 4),
      source: fill.source,
      respondents: fill.respondents,
    };
  }
  return {
    ...totals(result.overall),
    groups: result.groups.map((group) => ({ group: group.group, ...totals(group) })),
    imputed,
    suppliers: result.rows.map((row) => ({
      supplier: row.supplierId,
      group: row.group ?? null,
      r1: pounds(row.r1Pence),
      r2: pounds(row.r2Pence),
      r3: pounds(row.r3Pence),
      lm3: row.lm3 === undefined ? null : round(row.lm3, 2),
      imputed: row.imputed,
    })),
    warnings: result.warnings,
  };
}

/** `placefirst lm3 SURVEY.csv`: the LM3 overall and per group, from a survey file. */
export async function runLm3(path: string, options: Lm3CommandOptions): Promise<void> {
  const { readLm3SurveyFile } = await import("./files/lm3SurveyFile.js");
  const { localMultiplier } = await import("./methods/index.js");
  const rows = await readLm3SurveyFile(path);
  const grouped =
    options.groupBy === "none" ? rows.map((row) => ({ ...row, group: undefined })) : rows;
  const result = localMultiplier(grouped, {
    imputation: options.imputation === "default" ? "default" : "respondentMean",
  });
  const report = lm3Report(result);
  for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (options.format === "json") {
    writeJson(report);
    return;
  }
  const tableRows = [
    ...report.groups.map(({ group, r1, r2, r3, lm3, rows: count, imputedAnswers }) => ({
      group,
      rows: count,
      r1,
      r2,
      r3,
      lm3,
      imputed_answers: imputedAnswers,
    })),
    {
      group: "(overall)",
      rows: report.rows,
      r1: report.r1,
      r2: report.r2,
      r3: report.r3,
      lm3: report.lm3,
      imputed_answers: report.imputedAnswers,
    },
  ];
  process.stdout.write(
    formatRows(
      tableRows,
      (["group", "rows", "r1", "r2", "r3", "lm3", "imputed_answers"] as const).map((key) => ({
        key,
      })),
      options.format,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Suppliers

/**
 * The SMEs of the register (micro, small and medium) as the lot plan sees them, and those left
 * out because neither their capacity nor their turnover is known.
 */
export function localSmes(suppliers: readonly SupplierRecord[]): {
  smes: LocalSme[];
  withoutCapacity: string[];
} {
  const smes: LocalSme[] = [];
  const withoutCapacity: string[] = [];
  for (const supplier of suppliers) {
    if (supplier.size === "large") continue;
    const capacity = supplierCapacity(supplier);
    if (capacity === undefined) {
      withoutCapacity.push(supplier.supplierId);
      continue;
    }
    smes.push({
      id: supplier.supplierId,
      capacityPence: capacity.pence,
      capabilities: supplier.cpvCodes,
    });
  }
  return { smes, withoutCapacity };
}

/** Reads the register, keeps the suppliers of `place` when given, and prints its warnings. */
async function readRegister(path: string, place: string | undefined): Promise<SupplierRecord[]> {
  const { readSuppliersFile } = await import("./files/suppliersFile.js");
  const suppliers = await readSuppliersFile(path, { onWarning: warn });
  if (place === undefined) return suppliers;
  const inPlace = suppliers.filter((supplier) => supplier.placeCode === place);
  if (inPlace.length === 0) {
    throw new InputError(`no supplier of the register ${path} is in this place`, {
      field: "--place",
      value: place,
    });
  }
  return inPlace;
}

// ---------------------------------------------------------------------------------------------
// lots

/** Options of `placefirst lots`. */
export interface LotsCommandOptions {
  /** The supplier register CSV. */
  suppliers: string;
  /** The most lots, a whole number as typed; default the plan file's, or one per item. */
  maxLots?: string;
  /** The least value of a lot in pounds, as typed; default the plan file's, or 0. */
  minLotValue?: string;
  /** Only the register's suppliers in this place; default all. */
  place?: string;
  /** The output format. */
  format: "json" | "table";
}

/** What `placefirst lots --format json` prints. Money in pounds. */
export interface LotsReport {
  /** The contract's title, or null. */
  title: string | null;
  /** "exact" (optimal) or "heuristic"; see `lotPlan`. */
  method: LotPlan["method"];
  /** The contract's value. */
  totalValue: number;
  /** The contract let as one lot. */
  before: { lots: number; valueWithinReach: number; shareWithinReach: number | null };
  /** The contract let as planned. */
  after: { lots: number; valueWithinReach: number; shareWithinReach: number | null };
  /** The most any plan could bring within reach, whatever the limits on lots. */
  upperBound: number;
  /** The limits the plan kept: the most lots (null for no limit) and the least lot value. */
  maxLots: number | null;
  minLotValue: number;
  /** True when the whole contract is worth less than the least lot value, so it stays one lot. */
  wholeContractBelowMinLotValue: boolean;
  /** The lots, with their items and the SMEs that could take each on. */
  lots: {
    number: number;
    value: number;
    cpvDivisions: string[];
    withinReach: boolean;
    items: { id: string; description: string | null; cpv: string; value: number }[];
    smes: {
      id: string;
      name: string;
      size: string;
      capacity: number;
      capacityFrom: CapacityBasis;
    }[];
  }[];
  /** Why the plan falls short of the whole contract (see `LotPlanLimit`), money in pounds. */
  limits: Record<string, unknown>[];
  /** The number of SMEs considered. */
  smes: number;
  /** The SMEs left out because neither their capacity nor their turnover is known. */
  smesWithoutCapacity: string[];
}

/** The lot plan as `placefirst lots` reports it. */
export function lotsReport(input: {
  title: string | undefined;
  items: readonly { id: string; description?: string; cpvCode: string; valuePence: number }[];
  suppliers: readonly SupplierRecord[];
  plan: LotPlan;
  maxLots: number | undefined;
  minLotValuePence: number;
  smeCount: number;
  smesWithoutCapacity: string[];
}): LotsReport {
  const { plan } = input;
  const items = new Map(input.items.map((item) => [item.id, item]));
  const suppliers = new Map(input.suppliers.map((supplier) => [supplier.supplierId, supplier]));
  const share = (value: number | undefined): number | null =>
    value === undefined ? null : round(value, 4);
  return {
    title: input.title ?? null,
    method: plan.method,
    totalValue: pounds(plan.totalValuePence),
    before: {
      lots: plan.lots.length === 0 ? 0 : 1,
      valueWithinReach: pounds(plan.oneLotValueWithinReachPence),
      shareWithinReach: share(plan.oneLotShareWithinReach),
    },
    after: {
      lots: plan.lots.length,
      valueWithinReach: pounds(plan.valueWithinReachPence),
      shareWithinReach: share(plan.shareWithinReach),
    },
    upperBound: pounds(plan.upperBoundPence),
    maxLots: input.maxLots ?? null,
    minLotValue: pounds(input.minLotValuePence),
    wholeContractBelowMinLotValue: plan.wholeContractBelowMinLotValue,
    lots: plan.lots.map((lot) => ({
      number: lot.number,
      value: pounds(lot.valuePence),
      cpvDivisions: lot.cpvDivisions,
      withinReach: lot.withinReach,
      items: lot.itemIds.map((id) => {
        const item = items.get(id)!;
        return {
          id,
          description: item.description ?? null,
          cpv: item.cpvCode,
          value: pounds(item.valuePence),
        };
      }),
      smes: lot.smeIds.map((id) => {
        const supplier = suppliers.get(id)!;
        const capacity = supplierCapacity(supplier)!;
        return {
          id,
          name: supplier.name,
          size: supplier.size,
          capacity: pounds(capacity.pence),
          capacityFrom: capacity.basis,
        };
      }),
    })),
    limits: plan.limits.map(limitReport),
    smes: input.smeCount,
    smesWithoutCapacity: input.smesWithoutCapacity,
  };
}

/** `placefirst lots PLAN.json --suppliers FILE`: the lots that bring most within reach of SMEs. */
export async function runLots(path: string, options: LotsCommandOptions): Promise<void> {
  const { readLotPlanFile } = await import("./files/lotPlanFile.js");
  const { lotPlan } = await import("./methods/index.js");
  const file = await readLotPlanFile(path);
  const maxLots =
    options.maxLots === undefined
      ? file.maxLots
      : wholeNumber(options.maxLots, "--max-lots", 1, "the most lots");
  let minLotValuePence = file.minLotValuePence ?? 0;
  if (options.minLotValue !== undefined) {
    const pence = parsePounds(options.minLotValue);
    if (pence === undefined) {
      throw new InputError("expected the least lot value in pounds, such as 25000", {
        field: "--min-lot-value",
        value: options.minLotValue,
      });
    }
    minLotValuePence = pence;
  }
  const suppliers = await readRegister(options.suppliers, options.place);
  const { smes, withoutCapacity } = localSmes(suppliers);
  if (withoutCapacity.length > 0) {
    warn(
      `${withoutCapacity.length} SME${withoutCapacity.length === 1 ? " has" : "s have"} neither a ` +
        `capacity nor a turnover and ${withoutCapacity.length === 1 ? "is" : "are"} left out ` +
        `(${withoutCapacity.slice(0, 5).join(", ")}${withoutCapacity.length > 5 ? ", …" : ""}); ` +
        "fill in the capacity column of the register",
    );
  }
  const plan = lotPlan(file.items, smes, {
    ...(maxLots === undefined ? {} : { maxLots }),
    minLotValuePence,
  });
  const report = lotsReport({
    title: file.title,
    items: file.items,
    suppliers,
    plan,
    maxLots,
    minLotValuePence,
    smeCount: smes.length,
    smesWithoutCapacity: withoutCapacity,
  });
  if (options.format === "json") {
    writeJson(report);
    return;
  }
  const rows = report.lots.map((lot) => ({
    lot: lot.number,
    items: lot.items.map((item) => item.id).join(" "),
    value: lot.value,
    divisions: lot.cpvDivisions.join(" "),
    within_reach: lot.withinReach ? "yes" : "no",
    smes: lot.smes.map((sme) => sme.id).join(" "),
  }));
  process.stdout.write(
    formatRows(
      rows,
      (["lot", "items", "value", "divisions", "within_reach", "smes"] as const).map((key) => ({
        key,
      })),
      "table",
    ),
  );
  const percent = (share: number | null): string =>
    share === null ? "" : ` (${(share * 100).toFixed(1)}%)`;
  process.stderr.write(
    `Within reach of ${report.smes} local SME${report.smes === 1 ? "" : "s"}: ` +
      `as one lot £${money(report.before.valueWithinReach)}${percent(report.before.shareWithinReach)}, ` +
      `in ${report.after.lots} lot${report.after.lots === 1 ? "" : "s"} ` +
      `£${money(report.after.valueWithinReach)}${percent(report.after.shareWithinReach)} ` +
      `of £${money(report.totalValue)}.` +
      (report.limits.length === 0
        ? "\n"
        : ` Limited by: ${report.limits.map((limit) => String(limit.kind)).join(", ")}.\n`),
  );
}

/** A limit of the plan with its money in pounds. */
function limitReport(limit: LotPlanLimit): Record<string, unknown> {
  switch (limit.kind) {
    case "maxLots":
      return {
        kind: limit.kind,
        maxLots: limit.maxLots,
        valueWithinReach: pounds(limit.valueWithinReachPence),
      };
    case "minLotValue":
      return {
        kind: limit.kind,
        minLotValue: pounds(limit.minLotValuePence),
        valueWithinReach: pounds(limit.valueWithinReachPence),
      };
    default:
      return { ...limit };
  }
}

// ---------------------------------------------------------------------------------------------
// consortia

/** Options of `placefirst consortia`; the tender comes from a {@link TenderSource}. */
export interface ConsortiaCommandOptions {
  /** The tender's ocid. */
  ocid: string;
  /** The supplier register CSV. */
  suppliers: string;
  /** The most suppliers in a group, a whole number as typed; default 3. */
  maxSize?: string;
  /** The most groups to list, as typed; default 10. */
  limit?: string;
  /** Only the register's suppliers in this place; default all. */
  place?: string;
  /** The place where the tender is delivered, for the place scores; default not known. */
  deliveryPlace?: string;
  /** The output format. */
  format: OutputFormat;
}

/** A tender as the reports show it. Money in pounds. */
export interface TenderReport {
  ocid: string;
  title: string | null;
  buyer: string | null;
  status: string | null;
  tenderPeriodEnd: string | null;
  /** The estimated value in pounds; null when not published in pounds. */
  value: number | null;
  cpvCodes: string[];
}

/** What `placefirst consortia --format json` prints. Money in pounds. */
export interface ConsortiaReport {
  tender: TenderReport & { invalidCpvCodes: string[] };
  /** "exact" (every group tried) or "greedy" (some groups may be missing). */
  search: ConsortiumSuggestions["search"];
  /** The number of suppliers considered. */
  suppliers: number;
  /** The number that cover at least one of the tender's codes. */
  candidates: number;
  consortia: {
    rank: number;
    supplierIds: string[];
    members: {
      supplierId: string;
      name: string;
      size: string;
      place: string;
      coveredCpvCodes: string[];
      capacity: number | null;
      capacityFrom: CapacityBasis | null;
      placeScore: number | null;
    }[];
    coverage: number;
    coveredCpvCodes: string[];
    uncoveredCpvCodes: string[];
    capacity: number;
    locality: number | null;
  }[];
}

/** The suggestions as `placefirst consortia` reports them. */
export function consortiaReport(
  tender: TenderRecord,
  suppliers: readonly SupplierRecord[],
  suggestions: ConsortiumSuggestions,
): ConsortiaReport {
  const byId = new Map(suppliers.map((supplier) => [supplier.supplierId, supplier]));
  return {
    tender: { ...tenderReport(tender), invalidCpvCodes: tender.invalidCpvCodes },
    search: suggestions.search,
    suppliers: suppliers.length,
    candidates: suggestions.candidateCount,
    consortia: suggestions.consortia.map((consortium: Consortium, index) => ({
      rank: index + 1,
      supplierIds: consortium.supplierIds,
      members: consortium.members.map((member) => {
        const supplier = byId.get(member.supplierId)!;
        const capacity = supplierCapacity(supplier);
        return {
          supplierId: member.supplierId,
          name: supplier.name,
          size: supplier.size,
          place: supplier.placeCode,
          coveredCpvCodes: member.coveredCpvCodes,
          capacity: capacity === undefined ? null : pounds(capacity.pence),
          capacityFrom: capacity?.basis ?? null,
          placeScore: member.placeScore === undefined ? null : round(member.placeScore, 3),
        };
      }),
      coverage: round(consortium.coverage, 3),
      coveredCpvCodes: consortium.coveredCpvCodes,
      uncoveredCpvCodes: consortium.uncoveredCpvCodes,
      capacity: pounds(consortium.capacity),
      locality: consortium.locality === undefined ? null : round(consortium.locality, 3),
    })),
  };
}

/**
 * `placefirst consortia --ocid OCID --suppliers FILE`: groups of the register's suppliers that
 * could bid together for the tender that `loadTender` finds.
 */
export async function runConsortia(
  options: ConsortiaCommandOptions,
  loadTender: TenderSource,
): Promise<void> {
  const { suggestConsortia } = await import("./methods/index.js");
  const { tenderToMatch } = await import("./files/ocdsTendersFile.js");
  const maxSize =
    options.maxSize === undefined
      ? undefined
      : wholeNumber(options.maxSize, "--max-size", 1, "the most suppliers in a group");
  const limit =
    options.limit === undefined
      ? undefined
      : wholeNumber(options.limit, "--limit", 1, "the most groups to list");
  const tender = await loadTender(options.ocid);
  if (tender.cpvCodes.length === 0) {
    throw new InputError("the tender has no CPV codes, so no supplier can be found to cover it", {
      field: "--ocid",
      value: options.ocid,
    });
  }
  if (tender.valuePence === undefined) {
    warn(`the tender ${tender.ocid} has no value in pounds; groups are not checked for capacity`);
  }
  const suppliers = await readRegister(options.suppliers, options.place);
  const suggestions = suggestConsortia(
    tenderToMatch(tender, options.deliveryPlace),
    suppliers.map(supplierToMatch),
    {
      ...(maxSize === undefined ? {} : { maxSize }),
      ...(limit === undefined ? {} : { limit }),
    },
  );
  const report = consortiaReport(tender, suppliers, suggestions);
  if (report.search === "greedy") {
    warn(
      `${report.candidates} suppliers cover part of the tender, too many to try every group; ` +
        "the groups were found by a greedy search and some may be missing",
    );
  }
  if (options.format === "json") {
    writeJson(report);
    return;
  }
  const rows = report.consortia.map((consortium) => ({
    rank: consortium.rank,
    suppliers: consortium.supplierIds.join(" + "),
    coverage: consortium.coverage,
    capacity: consortium.capacity,
    locality: consortium.locality,
    uncovered: consortium.uncoveredCpvCodes.join(" "),
  }));
  process.stdout.write(
    formatRows(
      rows,
      (["rank", "suppliers", "coverage", "capacity", "locality", "uncovered"] as const).map(
        (key) => ({ key }),
      ),
      options.format,
    ),
  );
  if (options.format === "table") {
    process.stderr.write(
      `${report.consortia.length} group${report.consortia.length === 1 ? "" : "s"} for ` +
        `${tender.title ?? tender.ocid}` +
        `${report.tender.value === null ? "" : ` (£${money(report.tender.value)})`}, ` +
        `CPV ${tender.cpvCodes.join(" ")}; ${report.candidates} of ${report.suppliers} suppliers ` +
        "cover part of it.\n",
    );
  }
}

// ---------------------------------------------------------------------------------------------
// tenders match

/** Options of `placefirst tenders match`; the tenders come from a {@link TendersSource}. */
export interface TendersMatchCommandOptions {
  /** The supplier register CSV. */
  suppliers: string;
  /** Only the register's suppliers in this place; default all. */
  place?: string;
  /** The date on which tenders must be open, YYYY-MM-DD; default today (UTC). */
  asOf?: string;
  /** The most tenders per supplier, as typed; default 10. */
  limit?: string;
  /** The output format. */
  format: OutputFormat;
}

/** One tender matched to a supplier, as reported. */
export interface TenderMatchReport extends TenderReport {
  /** The total score, 0 to 1. */
  score: number;
  /** The CPV part: its score, the best pair of codes and the share of the tender covered. */
  cpv: {
    score: number;
    bestSimilarity: number;
    tenderCpv: string | null;
    supplierCpv: string | null;
    coverage: number;
  };
  /** The place part's score, null when nothing could be compared. */
  placeScore: number | null;
  /** The capacity part's score, null when the value or the capacity is not known. */
  capacityScore: number | null;
}

/** What `placefirst tenders match --format json` prints. */
export interface TendersMatchReport {
  /** The date on which tenders had to be open. */
  asOf: string;
  /** How many tenders were read, how many were open, and why the others were not. */
  tenders: {
    read: number;
    open: number;
    closedByStatus: number;
    pastDeadline: number;
    noDeadlineOrStatus: number;
  };
  /** Each supplier with its matching open tenders, best first. */
  suppliers: { supplierId: string; name: string; place: string; matches: TenderMatchReport[] }[];
}

/** The matches as `placefirst tenders match` reports them. */
export function tendersMatchReport(input: {
  asOf: string;
  tenders: readonly TenderRecord[];
  openness: readonly TenderOpenness[];
  suppliers: readonly SupplierRecord[];
  matches: readonly (readonly TenderMatch[])[];
}): TendersMatchReport {
  const byOcid = new Map(input.tenders.map((tender) => [tender.ocid, tender]));
  const count = (reason: TenderOpenness["reason"]): number =>
    input.openness.filter((openness) => openness.reason === reason).length;
  return {
    asOf: input.asOf,
    tenders: {
      read: input.tenders.length,
      open: input.openness.filter((openness) => openness.open).length,
      closedByStatus: count("closedStatus"),
      pastDeadline: count("pastDeadline"),
      noDeadlineOrStatus: count("unknown"),
    },
    suppliers: input.suppliers.map((supplier, index) => ({
      supplierId: supplier.supplierId,
      name: supplier.name,
      place: supplier.placeCode,
      matches: (input.matches[index] ?? []).map((match) => ({
        ...tenderReport(byOcid.get(match.tenderId)!),
        score: round(match.score, 3),
        cpv: {
          score: round(match.cpv.score, 3),
          bestSimilarity: round(match.cpv.bestSimilarity, 3),
          tenderCpv: match.cpv.tenderCpv ?? null,
          supplierCpv: match.cpv.supplierCpv ?? null,
          coverage: round(match.cpv.coverage, 3),
        },
        placeScore: match.place.score === undefined ? null : round(match.place.score, 3),
        capacityScore: match.capacity.score === undefined ? null : round(match.capacity.score, 3),
      })),
    })),
  };
}

/**
 * `placefirst tenders match --suppliers FILE`: each supplier's matching open tenders, from the
 * tenders that `loadTenders` gives.
 */
export async function runTendersMatch(
  options: TendersMatchCommandOptions,
  loadTenders: TendersSource,
): Promise<void> {
  const { matchAll } = await import("./methods/index.js");
  const { tenderOpenness, tenderToMatch } = await import("./files/ocdsTendersFile.js");
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  if (!isDate(asOf)) {
    throw new InputError("expected a date as YYYY-MM-DD, such as 2014-12-17", {
      field: "--as-of",
      value: asOf,
    });
  }
  const limit =
    options.limit === undefined
      ? 10
      : wholeNumber(options.limit, "--limit", 1, "the most tenders per supplier");
  const tenders = await loadTenders();
  const suppliers = await readRegister(options.suppliers, options.place);
  const openness = tenders.map((tender) => tenderOpenness(tender, asOf));
  const open = tenders.filter((_, index) => openness[index]!.open).map((t) => tenderToMatch(t));
  // Every supplier's feed at once, through an index of the tenders' codes: the same lists as
  // matchTenders gives each supplier, without scoring every pair.
  const matches = matchAll(open, suppliers.map(supplierToMatch), {
    limitPerSupplier: limit,
  }).bySupplier;
  const report = tendersMatchReport({ asOf, tenders, openness, suppliers, matches });
  if (report.tenders.open === 0) {
    warn(
      `none of the ${report.tenders.read} tenders is open on ${asOf}` +
        (report.tenders.pastDeadline > 0
          ? `; ${report.tenders.pastDeadline} closed before it: give an earlier --as-of for old notices`
          : ""),
    );
  }
  if (options.format === "json") {
    writeJson(report);
    return;
  }
  const rows = report.suppliers.flatMap((supplier) =>
    supplier.matches.map((match) => ({
      supplier: supplier.supplierId,
      ocid: match.ocid,
      title: match.title,
      buyer: match.buyer,
      deadline: match.tenderPeriodEnd?.slice(0, 10) ?? null,
      value: match.value,
      score: match.score,
      cpv: match.cpv.tenderCpv === null ? null : `${match.cpv.tenderCpv}~${match.cpv.supplierCpv}`,
      coverage: match.cpv.coverage,
      capacity_score: match.capacityScore,
    })),
  );
  process.stdout.write(
    formatRows(
      rows,
      (
        [
          "supplier",
          "ocid",
          "title",
          "buyer",
          "deadline",
          "value",
          "score",
          "cpv",
          "coverage",
          "capacity_score",
        ] as const
      ).map((key) => ({ key })),
      options.format,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Tender sources

/**
 * The tenders of OCDS files, read when called: for `tenders match`. Warnings go to standard
 * error.
 */
export function ocdsFileTenders(paths: readonly string[]): TendersSource {
  return async () => {
    const { readOcdsTenders } = await import("./files/ocdsTendersFile.js");
    return readOcdsTenders(paths, { onWarning: warn });
  };
}

/**
 * One tender of OCDS files by its ocid, read when called: for `consortia`.
 *
 * @throws InputError when no release of the files has that ocid.
 */
export function ocdsFileTender(paths: readonly string[]): TenderSource {
  return async (ocid) => {
    const { readOcdsTenders } = await import("./files/ocdsTendersFile.js");
    const [tender] = await readOcdsTenders(paths, { ocid, onWarning: warn });
    if (tender === undefined) {
      throw new InputError(`no release of ${paths.join(", ")} has this ocid`, {
        field: "--ocid",
        value: ocid,
      });
    }
    return tender;
  };
}

/** The tenders stored by `placefirst import ocds`, read when called. */
export function storedTenders(): TendersSource {
  return async () => {
    const { withDatabase } = await import("../cli/withDatabase.js");
    const { tenderRecords } = await import("./service.js");
    return withDatabase("placefirst tenders match", (database) => tenderRecords(database));
  };
}

/** One tender stored by `placefirst import ocds`, by its ocid. */
export function storedTender(): TenderSource {
  return async (ocid) => {
    const { withDatabase } = await import("../cli/withDatabase.js");
    const { tenderRecords } = await import("./service.js");
    const [tender] = await withDatabase("placefirst consortia", (database) =>
      tenderRecords(database, { ocid }),
    );
    if (tender === undefined) {
      throw new InputError("no stored contracting process has this ocid", {
        field: "--tender",
        value: ocid,
      });
    }
    return tender;
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The tender as the reports show it, money in pounds. */
function tenderReport(tender: TenderRecord): TenderReport {
  return {
    ocid: tender.ocid,
    title: tender.title ?? null,
    buyer: tender.buyerName ?? null,
    status: tender.status ?? null,
    tenderPeriodEnd: tender.tenderPeriodEnd ?? null,
    value: tender.valuePence === undefined ? null : pounds(tender.valuePence),
    cpvCodes: tender.cpvCodes,
  };
}

/** The `--format` option with the given choices, table by default. */
function formatOption(choices: readonly string[]): Option {
  return new Option("--format <format>", "output format").choices(choices).default("table");
}

/** Collects a repeated option's values. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A whole number typed for a flag, at least `min`. */
function wholeNumber(text: string, flag: string, min: number, what: string): number {
  const value = Number(text);
  if (!(/^\s*\d+\s*$/.test(text) && Number.isSafeInteger(value) && value >= min)) {
    throw new InputError(`expected ${what}, a whole number ${min} or more`, {
      field: flag,
      value: text,
    });
  }
  return value;
}

/** Whether a text is a calendar date written YYYY-MM-DD. */
function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/** Whole pence as pounds. */
function pounds(pence: number): number {
  return pence / 100;
}

/** Pounds for a sentence: thousands separated, pence only when there are any. */
function money(amount: number): string {
  return amount.toLocaleString("en-GB", {
    minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
    maximumFractionDigits: 2,
  });
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function warn(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}

function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
