import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { exitCodes, main } from "./main.js";

let dataDir: string;
let output: { stdout: string; stderr: string };

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "placefirst-cli-"));
  vi.stubEnv("PLACEFIRST_DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", "");
  output = { stdout: "", stderr: "" };
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output.stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    output.stderr += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

function file(name: string, content: string): string {
  const path = join(dataDir, name);
  writeFileSync(path, content);
  return path;
}

describe("placefirst (embedded database)", () => {
  test("main(['--help']) lists every command and exits 0", async () => {
    expect(await main(["--help"])).toBe(exitCodes.ok);
    for (const command of [
      "import",
      "places",
      "indicators",
      "observations",
      "demo",
      "serve",
      "db",
      "users",
    ]) {
      expect(output.stdout).toMatch(new RegExp(`\\n  ${command}\\b`));
    }
  });

  test("main with an unknown command or a bad choice exits 2 (usage)", async () => {
    expect(await main(["frobnicate"])).toBe(exitCodes.usage);
    expect(await main(["import", "bananas", "x.csv"])).toBe(exitCodes.usage);
    expect(output.stderr).toMatch(/Allowed choices are places, indicators/);
    expect(await main(["places", "--format", "xml"])).toBe(exitCodes.usage);
  });

  test("main(['import', ...]) imports, lists and exits 1 with the line and field on bad input", async () => {
    const places = file(
      "places.csv",
      "code,name,kind,parent\nE12000001,North East,region,\nE06000001,Hartlepool,district,E12000001\n",
    );
    expect(await main(["import", "places", places])).toBe(exitCodes.ok);
    expect(output.stdout).toMatch(/Imported 2 places rows from places.csv/);
    expect(await main(["import", "places", places])).toBe(exitCodes.ok);
    expect(output.stdout).toMatch(/was already imported/);

    output.stdout = "";
    expect(await main(["places", "--format", "csv"])).toBe(exitCodes.ok);
    expect(output.stdout).toBe(
      "code,name,kind,parent,population\nE12000001,North East,region,,\nE06000001,Hartlepool,district,E12000001,\n",
    );

    const bad = file(
      "obs.csv",
      "place,indicator,period,value\nE06000001,pay,2023,600\nE06000001,pay,2024,six hundred\n",
    );
    expect(await main(["import", "observations", bad])).toBe(exitCodes.badInput);
    expect(output.stderr).toMatch(/obs.csv, line 3, column "value": expected a number/);
    output.stdout = "";
    expect(await main(["observations", "--place", "E06000001", "--format", "json"])).toBe(
      exitCodes.ok,
    );
    expect(JSON.parse(output.stdout)).toEqual([]);

    expect(await main(["observations", "--place", "E99999999"])).toBe(exitCodes.badInput);
    expect(output.stderr).toMatch(/No place has the code E99999999/);
  });

  test("main refuses to open the embedded database while another live process holds it", async () => {
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeFileSync(
        join(dataDir, "lock"),
        JSON.stringify({ pid: holder.pid, purpose: "placefirst serve" }),
      );
      expect(await main(["places"])).toBe(exitCodes.badInput);
      expect(output.stderr).toMatch(
        /in use by process \d+ \(placefirst serve\).*stop that process first/,
      );
    } finally {
      holder.kill();
    }
  });

  test("main takes over a lock left by a process that has ended", async () => {
    writeFileSync(
      join(dataDir, "lock"),
      JSON.stringify({ pid: 2 ** 22 + 12345, purpose: "crashed" }),
    );
    expect(await main(["places", "--format", "json"])).toBe(exitCodes.ok);
    expect(JSON.parse(output.stdout)).toEqual([]);
  });

  test("main(['users', 'add', ...]) prints a generated password once and refuses a repeat", async () => {
    expect(
      await main(["users", "add", "--email", "officer@example.org", "--role", "officer"]),
    ).toBe(exitCodes.ok);
    expect(output.stdout).toMatch(
      /Added officer@example.org as officer\.\nPassword \(shown once.*\): \S{20}\n/,
    );
    expect(
      await main(["users", "add", "--email", "officer@example.org", "--role", "officer"]),
    ).toBe(exitCodes.badInput);
    expect(output.stderr).toMatch(/already exists/);
    expect(await main(["users", "add", "--email", "x@example.org", "--role", "king"])).toBe(
      exitCodes.usage,
    );
  });
});

describe("placefirst scorecard", () => {
  test("main(['scorecard', '--data', ...]) scores a tidy file and names a bad weight set", async () => {
    const rows = ["place,indicator,period,value"];
    const values: Record<string, [number, number]> = { A: [30, 5], B: [20, 6], C: [10, 7] };
    for (const [place, [pay, co2]] of Object.entries(values)) {
      rows.push(`${place},pay,2023,${pay}`, `${place},co2,2023,${co2}`);
    }
    const data = file("scorecard.csv", rows.join("\n"));
    const framework = file(
      "framework.json",
      JSON.stringify({
        name: "Tiny",
        goals: [
          { id: "economy", indicators: [{ id: "pay", polarity: 1 }] },
          { id: "planet", indicators: [{ id: "co2", polarity: -1 }] },
        ],
      }),
    );
    expect(
      await main(["scorecard", "--data", data, "--framework", framework, "--format", "json"]),
    ).toBe(exitCodes.ok);
    const report = JSON.parse(output.stdout) as {
      places: { place: string; score: number; rank: number }[];
    };
    // A is best on both (pay 30, CO2 5): min-max gives 100 and 100; C is worst on both.
    expect(report.places.map((place) => [place.place, place.score, place.rank])).toEqual([
      ["A", 100, 1],
      ["B", 50, 2],
      ["C", 0, 3],
    ]);
    const weights = file("weights.json", '{ "economy": 2, "society": 1 }');
    expect(
      await main(["scorecard", "--data", data, "--framework", framework, "--weights", weights]),
    ).toBe(exitCodes.badInput);
    expect(output.stderr).toMatch(/"society"/);
  });
});
