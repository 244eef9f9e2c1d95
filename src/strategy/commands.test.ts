import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CommanderError } from "commander";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { InputError, NotFoundError } from "../core/errors.js";
import { openDatabase } from "../store/openDatabase.js";
import { commandHarness } from "../../test/helpers/commandHarness.js";
import { registerStrategyCommands } from "./commands.js";

const { output, commandError } = commandHarness(registerStrategyCommands);

// An embedded store of its own, with one place and no strategy; a server store is left alone.
const dataDir = mkdtempSync(join(tmpdir(), "placefirst-strategy-cli-"));
const savedDataDir = process.env.PLACEFIRST_DATA_DIR;
const savedUrl = process.env.DATABASE_URL;
beforeAll(async () => {
  process.env.PLACEFIRST_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const database = await openDatabase({ purpose: "strategy command tests" });
  await database.query(
    "insert into places (code, name, kind, fictional) values ('X08000099', 'Testford', 'district', true)",
  );
  await database.close();
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.PLACEFIRST_DATA_DIR;
  else process.env.PLACEFIRST_DATA_DIR = savedDataDir;
  if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
  rmSync(dataDir, { recursive: true, force: true });
});

describe("placefirst strategy report", () => {
  test("strategy report --help names the place, the two kinds of file and Chromium", async () => {
    const error = await commandError("strategy", "report", "--help");
    expect((error as CommanderError).code).toBe("commander.helpDisplayed");
    expect(output.stdout).toMatch(/--place <code>/);
    expect(output.stdout).toMatch(/report\.pdf/);
    expect(output.stdout).toMatch(/report\.html/);
    expect(output.stdout).toMatch(/CHROMIUM_PATH/);
  });

  test("strategy report without --place or --out is a usage error", async () => {
    const error = await commandError("strategy", "report", "--out", "report.pdf");
    expect((error as CommanderError).code).toBe("commander.missingMandatoryOptionValue");
    expect(output.stderr).toMatch(/--place/);
  });

  test("strategy report --out report.docx is refused before the store is opened", async () => {
    const error = await commandError(
      "strategy",
      "report",
      "--place",
      "X08000099",
      "--out",
      "report.docx",
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/\.pdf or \.html/);
    expect((error as InputError).location.field).toBe("--out");
  });

  test("strategy report --version 0 is a usage error", async () => {
    const error = await commandError(
      "strategy",
      "report",
      "--place",
      "X08000099",
      "--out",
      "report.html",
      "--version",
      "0",
    );
    expect((error as CommanderError).code).toBe("commander.invalidArgument");
  });

  test("strategy report --place of an unknown place is not found", async () => {
    const error = await commandError(
      "strategy",
      "report",
      "--place",
      "X99999999",
      "--out",
      join(dataDir, "report.html"),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("There is no place X99999999.");
  });

  test("strategy report --place of a place without a strategy is not found, before printing", async () => {
    const error = await commandError(
      "strategy",
      "report",
      "--place",
      "X08000099",
      "--out",
      join(dataDir, "report.pdf"),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("Testford has no strategy yet.");
    expect(output.stderr).not.toMatch(/Chromium/);
  });
});
