import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package's root folder: the nearest folder above this file with Placefirst's package.json.
 * Found by looking, so that sources (tests), the build and the benchmark build all find the
 * templates and assets.
 */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    const manifest = join(folder, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "placefirst"
    ) {
      return folder;
    }
    if (dirname(folder) === folder)
      throw new Error(`Cannot find Placefirst's package.json above ${start}.`);
  }
}

/** The folder of GOV.UK Frontend's compiled files (`dist`), wherever npm put the package. */
export const govukFrontendDist = join(
  dirname(fileURLToPath(import.meta.resolve("govuk-frontend"))),
  "..",
);

/** The folder of Placefirst's own templates. */
export const templatesDir = join(packageRoot, "src", "web", "templates");

/** The folder of Placefirst's own static files (CSS). */
export const staticDir = join(packageRoot, "src", "web", "static");
