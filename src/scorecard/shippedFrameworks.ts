import { join } from "node:path";
import { packageRoot } from "../web/paths.js";

/** The framework files shipped with Placefirst, by the name the CLI accepts for them. */
export const shippedFrameworks: Readonly<Record<string, string>> = {
  demo: join(packageRoot, "src", "scorecard", "frameworks", "demo.json"),
  "uk-local-authorities": join(
    packageRoot,
    "src",
    "scorecard",
    "frameworks",
    "uk-local-authorities.json",
  ),
};
