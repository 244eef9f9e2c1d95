import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package's root folder. This file sits two folders down both as source (`src/web`) and
 * compiled (`dist/web`), so the same code finds templates and assets from tests and from a build.
 */
export const packageRoot = fileURLToPath(new URL("../..", import.meta.url));

/** The folder of GOV.UK Frontend's compiled files (`dist`), wherever npm put the package. */
export const govukFrontendDist = join(
  dirname(fileURLToPath(import.meta.resolve("govuk-frontend"))),
  "..",
);

/** The folder of Placefirst's own templates. */
export const templatesDir = join(packageRoot, "src", "web", "templates");

/** The folder of Placefirst's own static files (CSS). */
export const staticDir = join(packageRoot, "src", "web", "static");
