import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot } from "../../src/web/paths.js";

/**
 * The folder of real public data beside the project (`../shared/data`), or PLACEFIRST_SHARED_DATA.
 * It is read in place, never copied into the project.
 */
export const sharedDataDir = resolve(
  process.env.PLACEFIRST_SHARED_DATA ?? join(packageRoot, "..", "shared", "data"),
);

/** True when the shared data folder is there; tests that need it skip with a message otherwise. */
export const hasSharedData = existsSync(join(sharedDataDir, "MANIFEST.md"));

/** A file of the shared data, by its path inside the folder. */
export function sharedFile(path: string): string {
  return join(sharedDataDir, path);
}
