import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { InputError } from "../core/errors.js";

const id = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/,
    "expected an id of letters, digits, '_', '.', ':' or '-'",
  );
const weight = z.number().nonnegative("a weight cannot be negative").default(1);

const normalisation = z.discriminatedUnion("method", [
  z.object({ method: z.literal("minMax") }),
  z.object({ method: z.literal("zScore") }),
  z.object({ method: z.literal("rank") }),
  z.object({ method: z.literal("distanceToReference"), reference: id }),
  z.object({ method: z.literal("distanceToTarget") }),
  z.object({ method: z.literal("goalposts") }),
]);
const aggregation = z.discriminatedUnion("method", [
  z.object({ method: z.literal("arithmetic") }),
  z.object({ method: z.literal("geometric") }),
  z.object({ method: z.literal("mazziottaPareto") }),
]);
const imputation = z.discriminatedUnion("method", [
  z.object({ method: z.literal("none") }),
  z.object({ method: z.literal("mean") }),
  z.object({ method: z.literal("median") }),
]);

const indicatorSchema = z.strictObject({
  id,
  /** 1 higher is better, -1 lower is better; default the stored indicator's polarity. */
  polarity: z.union([z.literal(1), z.literal(-1)]).optional(),
  weight,
  /** The period to score; default the framework's, else the one most places have. */
  period: z.string().max(40).optional(),
  target: z.number().optional(),
  goalposts: z
    .strictObject({ lower: z.number(), upper: z.number() })
    .refine((posts) => posts.upper !== posts.lower, "the goalposts must differ")
    .optional(),
});

/** A goal of a framework: indicators, or sub-goals to any depth. */
export interface FrameworkGoal {
  id: string;
  name?: string | undefined;
  weight: number;
  goals?: FrameworkGoal[] | undefined;
  indicators?: z.infer<typeof indicatorSchema>[] | undefined;
}

const goalSchema: z.ZodType<FrameworkGoal> = z.lazy(() =>
  z
    .strictObject({
      id,
      name: z.string().max(200).optional(),
      weight,
      goals: z.array(goalSchema).min(1).optional(),
      indicators: z.array(indicatorSchema).min(1).optional(),
    })
    .refine(
      (goal) => (goal.goals === undefined) !== (goal.indicators === undefined),
      "a goal holds either sub-goals (goals) or indicators, not both and not neither",
    ),
) as z.ZodType<FrameworkGoal>;

const leftBehindRule = z
  .strictObject({
    indicatorId: id,
    kind: z.enum(["ratioBelow", "differenceAbove", "flagAtLeast"]),
    threshold: z.number(),
    label: z.string().max(200),
  })
  .refine(
    (rule) => rule.kind !== "ratioBelow" || rule.threshold > 0,
    "a ratioBelow threshold is a share of the reference level, such as 0.8, and must be above 0",
  );

/** The schema of a scorecard framework file (JSON or YAML). */
export const frameworkSchema = z.strictObject({
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  /** The period to score every indicator at, unless an indicator names its own. */
  period: z.string().max(40).optional(),
  /** Which places are scored. */
  places: z
    .strictObject({
      /** Only places of this kind (store only). */
      kind: z.enum(["nation", "region", "district", "neighbourhood", "custom"]).optional(),
      /** Only the places within this one (store only). */
      within: id.optional(),
      /** Only these codes. */
      codes: z.array(id).optional(),
      /** Only codes matching this regular expression, such as "^E0[6-9]" for English districts. */
      codePattern: z
        .string()
        .max(200)
        .refine((pattern) => {
          try {
            new RegExp(pattern);
            return true;
          } catch {
            return false;
          }
        }, "expected a regular expression, such as ^E0[6-9]")
        .optional(),
    })
    .default({}),
  normalisation: normalisation.default({ method: "minMax" }),
  aggregation: aggregation.default({ method: "arithmetic" }),
  imputation: imputation.default({ method: "none" }),
  /** The share of the framework's indicators a place needs a value for to get a score. */
  minimumCoverage: z.number().min(0).max(1).default(0.5),
  /** explicit: the weights written here; equal: every goal and indicator alike. */
  weights: z.enum(["explicit", "equal"]).default("explicit"),
  goals: z.array(goalSchema).min(1),
  /**
   * The assumptions to vary in the uncertainty analysis (`--uncertainty N`): weights drawn
   * around the chosen ones, and alternative normalisations, aggregations and imputations.
   */
  uncertainty: z
    .strictObject({
      weights: z
        .discriminatedUnion("kind", [
          z.strictObject({ kind: z.literal("uniform"), relativeRange: z.number().min(0).max(1) }),
          z.strictObject({ kind: z.literal("dirichlet"), concentration: z.number().positive() }),
          z.strictObject({ kind: z.literal("fixed") }),
        ])
        .default({ kind: "uniform", relativeRange: 0.5 }),
      normalisations: z
        .array(normalisation)
        .default([{ method: "minMax" }, { method: "zScore" }, { method: "rank" }]),
      aggregations: z
        .array(aggregation)
        .default([
          { method: "arithmetic" },
          { method: "geometric" },
          { method: "mazziottaPareto" },
        ]),
      imputations: z.array(imputation).default([]),
    })
    .prefault({}),
  /**
   * The decoupling check: an output (such as GVA per head) that should grow while a pressure
   * (such as CO2 per head) falls.
   */
  decoupling: z.strictObject({ output: id, pressure: id }).optional(),
  /** Contextual variables (indicator ids) for finding similar places. */
  context: z.array(id).default([]),
  /** The marginalised-places lens: rules and the level they compare with. */
  leftBehind: z
    .strictObject({
      /** "parent": each place's parent; or a place code such as a nation's. */
      reference: z.string().default("parent"),
      rules: z.array(leftBehindRule).optional(),
    })
    .default({ reference: "parent" }),
});

/** A scorecard framework: goals, indicators, weights and method choices. */
export type Framework = z.infer<typeof frameworkSchema>;

/** A priority weight set: `{ "goal_or_indicator_id": weight }`. */
export const weightSetSchema = z.record(id, z.number().nonnegative("a weight cannot be negative"));

/**
 * Parses a framework from JSON or YAML text. Throws an {@link InputError} naming the file and the
 * field for anything that does not fit, and for an id used twice.
 */
export function parseFramework(text: string, file: string): Framework {
  const raw = parseStructured(text, file);
  const parsed = frameworkSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(issue.message, {
      file,
      field: issue.path.map(String).join(".") || undefined,
    });
  }
  const seen = new Set<string>();
  const visit = (goals: readonly FrameworkGoal[], path: string): void => {
    goals.forEach((goal, index) => {
      const at = `${path}[${index}]`;
      for (const name of [goal.id, ...(goal.indicators ?? []).map((indicator) => indicator.id)]) {
        if (seen.has(name)) {
          throw new InputError(
            `the id "${name}" is used twice; every goal and indicator needs its own`,
            {
              file,
              field: at,
            },
          );
        }
        seen.add(name);
      }
      if (goal.goals !== undefined) visit(goal.goals, `${at}.goals`);
    });
  };
  visit(parsed.data.goals, "goals");
  return parsed.data;
}

/** Parses a priority weight set `{ "goal_or_indicator_id": weight }` from JSON or YAML. */
export function parseWeightSet(text: string, file: string): Record<string, number> {
  const parsed = weightSetSchema.safeParse(parseStructured(text, file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`expected { "goal_or_indicator_id": weight }: ${issue.message}`, {
      file,
      field: issue.path.map(String).join(".") || undefined,
    });
  }
  return parsed.data;
}

/** Reads and parses a framework file. */
export async function loadFramework(path: string): Promise<Framework> {
  return parseFramework(await readText(path), basename(path));
}

/** Reads and parses a priority weight set file. */
export async function loadWeightSet(path: string): Promise<Record<string, number>> {
  return parseWeightSet(await readText(path), basename(path));
}

/** Every indicator of a framework, depth first, in the order written. */
export function frameworkIndicators(framework: Framework): z.infer<typeof indicatorSchema>[] {
  const found: z.infer<typeof indicatorSchema>[] = [];
  const visit = (goals: readonly FrameworkGoal[]): void => {
    for (const goal of goals) {
      found.push(...(goal.indicators ?? []));
      if (goal.goals !== undefined) visit(goal.goals);
    }
  };
  visit(framework.goals);
  return found;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? "no such file" : `cannot read the file (${code})`, {
      file: path,
    });
  }
}

function parseStructured(text: string, file: string): unknown {
  // YAML by its extension; text from a form is JSON when it starts with a brace, else YAML.
  const extension = extname(file).toLowerCase();
  const yaml =
    [".yaml", ".yml"].includes(extension) ||
    (extension === "" && !text.trimStart().startsWith("{"));
  try {
    return yaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `this is not valid ${yaml ? "YAML" : "JSON"}: ${(error as Error).message}`,
      {
        file,
      },
    );
  }
}
