import { z } from "zod";
import { InputError } from "../../core/errors.js";
import type { ImportContext, ImporterResult } from "./importContext.js";

/** A HexJSON hex cartogram layout (Open Data Institute, https://github.com/odileeds/hexjson). */
export interface HexJson {
  layout: "odd-r" | "even-r" | "odd-q" | "even-q";
  hexes: Record<string, { q: number; r: number; n?: string; [key: string]: unknown }>;
}

const hexJsonSchema = z.object({
  layout: z.enum(["odd-r", "even-r", "odd-q", "even-q"]),
  hexes: z
    .record(
      z.string().min(1),
      z.looseObject({ q: z.number().int(), r: z.number().int(), n: z.string().optional() }),
    )
    .refine((hexes) => Object.keys(hexes).length > 0, "expected at least one hex"),
});

const geoJsonSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z
    .array(
      z.looseObject({
        type: z.literal("Feature"),
        properties: z.record(z.string(), z.unknown()).nullable(),
        geometry: z.looseObject({
          type: z.enum(["Polygon", "MultiPolygon"]),
          coordinates: z.array(z.unknown()),
        }),
      }),
    )
    .min(1, "expected at least one feature"),
});

/** Options for {@link importLayout}. */
export interface LayoutOptions {
  /** `hexjson` or `geojson`. */
  kind: "hexjson" | "geojson";
  /** The layout's id; default the file name without its extension. */
  id: string;
  /** The layout's name shown on maps; default the id. */
  name?: string;
  /** For GeoJSON: the feature property holding the place code; default the first ending in "CD". */
  codeProperty?: string;
}

/**
 * Imports a map layout: a HexJSON hex cartogram or GeoJSON boundaries (Polygon/MultiPolygon
 * features with a place code property). Codes that match no stored place are listed in a warning,
 * since a national map may cover places not yet imported.
 */
export async function importLayout(
  text: string,
  context: ImportContext,
  options: LayoutOptions,
): Promise<ImporterResult> {
  const { file } = context;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`this is not valid JSON: ${(error as Error).message}`, { file });
  }
  let codes: string[];
  let content: unknown;
  if (options.kind === "hexjson") {
    const parsed = hexJsonSchema.safeParse(json);
    if (!parsed.success) throw schemaError(parsed.error, file, "a HexJSON layout");
    codes = Object.keys(parsed.data.hexes);
    content = parsed.data;
  } else {
    const parsed = geoJsonSchema.safeParse(json);
    if (!parsed.success) throw schemaError(parsed.error, file, "a GeoJSON FeatureCollection");
    const properties = parsed.data.features[0]!.properties ?? {};
    const codeProperty =
      options.codeProperty ?? Object.keys(properties).find((key) => /cd$/i.test(key));
    if (codeProperty === undefined) {
      throw new InputError(
        "cannot tell which feature property holds the place code; name it with --code-property",
        { file, field: "features[0].properties" },
      );
    }
    codes = parsed.data.features.map((feature, index) => {
      const code = feature.properties?.[codeProperty];
      if (typeof code !== "string" || code === "") {
        throw new InputError(`expected a place code in property "${codeProperty}"`, {
          file,
          field: `features[${index}].properties.${codeProperty}`,
        });
      }
      return code;
    });
    content = { codeProperty, ...parsed.data };
  }
  const stored = await context.transaction.query<{ code: string }>(
    "select code from places where code = any($1::text[])",
    [codes],
  );
  const unknown = codes.length - stored.length;
  if (unknown > 0) {
    context.warn(
      `${unknown} of ${codes.length} areas in the layout match no stored place and will show without data.`,
    );
  }
  await context.transaction.query(
    `insert into layouts (id, kind, name, content, dataset_id) values ($1, $2, $3, $4::jsonb, $5)
     on conflict (id) do update set kind = excluded.kind, name = excluded.name,
       content = excluded.content, dataset_id = excluded.dataset_id`,
    [
      options.id,
      options.kind,
      options.name ?? options.id,
      JSON.stringify(content),
      context.datasetId,
    ],
  );
  context.progress(codes.length);
  return { rows: codes.length, created: [] };
}

function schemaError(error: z.ZodError, file: string, expected: string): InputError {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join(".");
  return new InputError(`expected ${expected}: ${issue.message}`, {
    file,
    field: field === "" ? undefined : field,
  });
}
