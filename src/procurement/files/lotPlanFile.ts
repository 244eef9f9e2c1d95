import { readFile } from "node:fs/promises";
import { z } from "zod";
import { InputError } from "../../core/errors.js";
import { cpvDivisions, parseCpv } from "../methods/cpv.js";
import type { ContractItem } from "../methods/lotPlan.js";
import { fileError } from "./openCsv.js";
import { parsePounds } from "../../core/parsePounds.js";

/** A contract to split into lots, as read from a lot plan file. Money in whole pence. */
export interface LotPlanFile {
  /** The contract's title, when the file gives one. */
  title?: string;
  /** The contract's items, in the file's order. */
  items: ContractItem[];
  /** The most lots, a whole number 1 or more, when the file gives it. */
  maxLots?: number;
  /** The least value of a lot in whole pence, when the file gives it (as `minLotValue`, pounds). */
  minLotValuePence?: number;
}

const poundsMessage = "expected an amount in pounds, 0 or more with at most two decimals";

/** Pounds as a JSON number (or a text such as "£1,250.50"), to whole pence. */
const pounds = z
  .union([z.number(), z.string()], { error: `${poundsMessage}, such as 12500.50` })
  .transform((value, context) => {
    const pence = parsePounds(value);
    if (pence === undefined) {
      context.addIssue({ code: "custom", message: poundsMessage });
      return z.NEVER;
    }
    return pence;
  });

const divisionSet = new Set(cpvDivisions);

/** A CPV code, or a two-digit CPV division ("45"), which is all the lot plan compares. */
const cpvCode = z
  .union([z.string(), z.number()], { error: 'expected a CPV code, such as "45210000-2"' })
  .transform((value, context) => {
    if (typeof value === "string" && divisionSet.has(value.trim())) return value.trim();
    try {
      return parseCpv(value).code;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      context.addIssue({ code: "custom", message: error.message.replace(/ \(found .*\)$/, "") });
      return z.NEVER;
    }
  });

const itemSchema = z.strictObject({
  id: z
    .union(
      [z.string().trim().min(1, "expected the item's id, a non-empty text"), z.number().int()],
      {
        error: "expected the item's id, a non-empty text",
      },
    )
    .transform(String),
  description: z.string({ error: "expected a description, a text" }).optional(),
  cpv: cpvCode,
  value: pounds,
});

/** The schema of a lot plan file; see {@link readLotPlanFile}. */
export const lotPlanFileSchema = z.strictObject(
  {
    title: z.string({ error: "expected the contract's title, a text" }).optional(),
    maxLots: z
      .number({ error: "expected the most lots, a whole number 1 or more" })
      .int("expected the most lots, a whole number 1 or more")
      .min(1, "expected the most lots, a whole number 1 or more")
      .optional(),
    minLotValue: pounds.optional(),
    items: z
      .array(itemSchema, { error: "expected the contract's items, a list" })
      .min(1, "expected at least one item")
      .superRefine((items, context) => {
        const seen = new Map<string, number>();
        items.forEach((item, index) => {
          const earlier = seen.get(item.id);
          if (earlier !== undefined) {
            context.addIssue({
              code: "custom",
              message: `the id was used before, by items[${earlier}]`,
              path: [index, "id"],
              input: item.id,
            });
          }
          seen.set(item.id, index);
        });
      }),
  },
  { error: 'expected a JSON object, such as { "items": [ { "id", "cpv", "value" } ] }' },
);

/**
 * Reads a lot plan file: a JSON object
 *
 *     { "title": "School repairs 2026", "maxLots": 4, "minLotValue": 25000,
 *       "items": [ { "id": "roofs", "description": "Roof repairs", "cpv": "45261000-4", "value": 180000 } ] }
 *
 * `title`, `maxLots` (a whole number 1 or more) and `minLotValue` (pounds) are optional; each
 * item needs an `id` (unique), a `cpv` code (a CPV 2008 code, or its two-digit division) and a
 * `value` in pounds, and may have a `description`. Pounds become whole pence; CPV codes are
 * normalised to eight digits. Other fields are refused, so that a misspelt one is not ignored.
 *
 * @throws InputError naming the file and the JSON path of the first problem as its field
 *   (`items[2].value`), or the line of a JSON syntax error.
 */
export async function readLotPlanFile(path: string): Promise<LotPlanFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw fileError(error, path);
  }
  return parseLotPlan(text, path);
}

/**
 * Parses the text of a lot plan file, as {@link readLotPlanFile} reads a file. `file` names the
 * source in errors, for example "(request body)".
 */
export function parseLotPlan(text: string, file: string): LotPlanFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`expected a JSON lot plan: ${(error as Error).message}`, {
      file,
      ...jsonErrorLine(error as Error, text),
    });
  }
  const parsed = lotPlanFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = jsonPath(issue.path);
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0]!;
      throw new InputError(
        `unknown field; expected ${field === "" ? "title, maxLots, minLotValue and items" : "id, description, cpv and value"}`,
        { file, field: field === "" ? key : `${field}.${key}` },
      );
    }
    const input = valueAt(json, issue.path);
    throw new InputError(issue.message, {
      file,
      ...(field === "" ? {} : { field }),
      ...(input === undefined
        ? {}
        : { value: typeof input === "string" ? input : JSON.stringify(input) }),
    });
  }
  const { title, maxLots, minLotValue, items } = parsed.data;
  return {
    ...(title === undefined ? {} : { title }),
    items: items.map(({ id, description, cpv, value }) => ({
      id,
      ...(description === undefined ? {} : { description }),
      cpvCode: cpv,
      valuePence: value,
    })),
    ...(maxLots === undefined ? {} : { maxLots }),
    ...(minLotValue === undefined ? {} : { minLotValuePence: minLotValue }),
  };
}

/** A zod path as JSON people read it: `items[2].value`. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`,
    )
    .join("");
}

/** The value at a path of the parsed JSON, to show it in the message; undefined when absent. */
function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The 1-based line of a JSON.parse error, from the position V8 gives in its message. */
function jsonErrorLine(error: Error, text: string): { line?: number } {
  const position = /at position (\d+)/.exec(error.message);
  if (position === null) return {};
  const before = text.slice(0, Number(position[1]));
  return { line: before.split("\n").length };
}
