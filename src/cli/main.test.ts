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

describe("placefirst complexity, lq and shift-share", () => {
  const matrix = [
    "place,industry,employment",
    "A,x,10",
    "A,y,10",
    "A,z,0",
    "B,x,5",
    "B,y,0",
    "B,z,15",
    "C,x,0",
    "C,y,20",
    "C,z,20",
  ].join("\n");

  test("main(['complexity', FILE, '--density']) prints places, industries and pairs as JSON", async () => {
    expect(await main(["complexity", file("m.csv", matrix), "--density", "--format", "json"])).toBe(
      exitCodes.ok,
    );
    const result = JSON.parse(output.stdout) as {
      places: { place: string; diversity: number }[];
      industries: { industry: string; ubiquity: number }[];
      density: { place: string; industry: string; rca: number; density: number }[];
    };
    expect(result.places.map((place) => place.place)).toEqual(["A", "B", "C"]);
    expect(result.industries.map((industry) => industry.industry)).toEqual(["x", "y", "z"]);
    expect(result.density).toHaveLength(9);
    // RCA of A in x: (10/20) / (15/80) = 2.6667.
    expect(
      result.density.find((pair) => pair.place === "A" && pair.industry === "x")!.rca,
    ).toBeCloseTo(2.6667, 4);
  });

  test("main(['opportunities', FILE, '--place', ...]) ranks what the place does not specialise in", async () => {
    const attributes = file(
      "attributes.csv",
      "industry,median_pay,emissions_intensity\nx,500,10\ny,600,300\nz,700,20\n",
    );
    expect(
      await main([
        "opportunities",
        file("m.csv", matrix),
        "--place",
        "B",
        "--attributes",
        attributes,
        "--format",
        "json",
      ]),
    ).toBe(exitCodes.ok);
    const result = JSON.parse(output.stdout) as {
      opportunities: { code: string; rank: number | null; classification: string }[];
    };
    // B specialises in z (RCA above 1) and x; only y is left to grow into.
    const ranked = result.opportunities.filter((item) => item.rank !== null);
    expect(ranked.map((item) => item.code)).toEqual(["y"]);
    expect(await main(["opportunities", file("m.csv", matrix), "--place", "Q"])).toBe(
      exitCodes.badInput,
    );
    expect(output.stderr).toMatch(/the place Q is not in the file/);
  });

  test("main(['lq', FILE]) gives every place and industry's location quotient", async () => {
    expect(await main(["lq", file("m.csv", matrix), "--format", "csv"])).toBe(exitCodes.ok);
    const lines = output.stdout.trim().split("\n");
    expect(lines[0]).toBe("place,industry,employment,location_quotient");
    expect(lines).toContain("A,x,10,2.6667");
  });

  test("main(['shift-share', ...]) splits each change into parts that add up to it", async () => {
    const later = matrix.replace("A,x,10", "A,x,16").replace("C,z,20", "C,z,26");
    expect(
      await main([
        "shift-share",
        "--from",
        file("from.csv", matrix),
        "--to",
        file("to.csv", later),
        "--place",
        "A",
        "--format",
        "json",
      ]),
    ).toBe(exitCodes.ok);
    const rows = JSON.parse(output.stdout) as {
      start: number;
      end: number;
      national_share: number;
      industry_mix: number;
      local_share: number;
    }[];
    for (const row of rows) {
      if (row.start === 0) continue;
      expect(row.national_share + row.industry_mix + row.local_share).toBeCloseTo(
        row.end - row.start,
        1,
      );
    }
    expect(
      await main([
        "shift-share",
        "--from",
        file("from.csv", matrix),
        "--to",
        file("to.csv", later),
        "--place",
        "Q",
      ]),
    ).toBe(exitCodes.badInput);
  });
});

describe("placefirst tally, weights and audit", () => {
  test("main(['tally', ...]) counts the Schulze 45-voter example and prints the JSON the issue gives", async () => {
    const ballots = file(
      "schulze.csv",
      "count,ranking\n5,A>C>B>E>D\n5,A>D>E>C>B\n8,B>E>D>A>C\n3,C>A>B>E>D\n7,C>A>E>B>D\n2,C>B>A>D>E\n7,D>C>E>B>A\n8,E>B>A>D>C\n",
    );
    expect(await main(["tally", ballots, "--method", "schulze", "--format", "json"])).toBe(
      exitCodes.ok,
    );
    const result = JSON.parse(output.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      method: "schulze",
      winner: "E",
      ranking: ["E", "A", "C", "B", "D"],
      ties: [],
    });
    expect(Object.keys(result.details as object)).toEqual(
      expect.arrayContaining(["pairwise", "strongestPaths"]),
    );
  });

  test("main(['tally', ...]) runs equal shares with costs, and exits 1 or 2 on bad input", async () => {
    const approvals = file("approvals.csv", "count,approved\n60,big\n40,small\n");
    const costs = file("costs.csv", "project,cost\nbig,80\nsmall,40\n");
    expect(
      await main([
        "tally",
        approvals,
        "--method",
        "equal-shares",
        "--budget",
        "100",
        "--costs",
        costs,
      ]),
    ).toBe(exitCodes.ok);
    const result = JSON.parse(output.stdout) as { details: { spent: number } };
    expect(result.details.spent).toBeLessThanOrEqual(100);
    expect(await main(["tally", approvals, "--method", "equal-shares"])).toBe(exitCodes.badInput);
    expect(output.stderr).toMatch(/budget/);
    expect(await main(["tally", approvals, "--method", "plurality"])).toBe(exitCodes.usage);
  });

  test("main(['audit', '--file', ...]) verifies a downloaded log and exits 1 for a tampered one", async () => {
    const { nextEntry } = await import("../participation/methods/auditChain.js");
    const first = nextEntry(null, {
      at: "2026-11-28T09:00:00.000Z",
      actor: "user 1 (officer)",
      action: "consultation.created",
      subject: { title: "A" },
    });
    const second = nextEntry(first, {
      at: "2026-11-28T09:01:00.000Z",
      actor: null,
      action: "ballot.cast",
      subject: { check: "0123456789abcdef" },
    });
    const good = file("good.json", JSON.stringify({ entries: [first, second] }));
    expect(await main(["audit", "--file", good, "--head", second.hash])).toBe(exitCodes.ok);
    expect(output.stdout).toMatch(/verifies: 2 entries/);
    const tampered = file(
      "bad.json",
      JSON.stringify([first, { ...second, subject: { check: "ffffffffffffffff" } }]),
    );
    expect(await main(["audit", "--file", tampered])).toBe(exitCodes.badInput);
    expect(output.stderr).toMatch(/does NOT verify, at entry 2/);
  });
});

describe("placefirst appraise and loans", () => {
  test("main(['appraise', FILE]) ranks projects with their parts, and names a bad weight", async () => {
    const projects = file(
      "projects.csv",
      "id,place,sector,amount,jobs,jobs_no_degree,co2_change,local_spend_share,risk,left_behind\n" +
        "P1,X1,28,1000000,40,30,-500,0.6,0.05,1\nP2,X2,62,1000000,10,2,0,0.2,0.2,0\n",
    );
    expect(await main(["appraise", projects, "--format", "json"])).toBe(exitCodes.ok);
    const result = JSON.parse(output.stdout) as { projects: { id: string; rank: number }[] };
    // P1 has more jobs per pound, more jobs without a degree, cuts CO2, spends more locally
    // and is less risky: it comes first on every criterion.
    expect(result.projects.map((project) => [project.id, project.rank])).toEqual([
      ["P1", 1],
      ["P2", 2],
    ]);
    const weights = file("weights.json", '{ "prestige": 1 }');
    expect(await main(["appraise", projects, "--weights", weights])).toBe(exitCodes.badInput);
    expect(output.stderr).toMatch(/"prestige" is not a criterion/);
  });

  test("main(['loans', 'schedule', ...]) prints the standard amortisation table to the penny", async () => {
    expect(
      await main([
        "loans",
        "schedule",
        "--principal",
        "100000",
        "--rate-bps",
        "450",
        "--months",
        "60",
        "--start",
        "2026-01-15",
        "--format",
        "csv",
      ]),
    ).toBe(exitCodes.ok);
    const lines = output.stdout.trim().split("\n");
    expect(lines[0]).toBe("number,date,opening,interest,principal,payment,closing");
    // 100,000 x 0.00375 / (1 - 1.00375^-60) = 1,864.30; the first month's interest is 375.00.
    expect(lines[1]).toBe("1,2026-02-15,100000.00,375.00,1489.30,1864.30,98510.70");
    expect(lines).toHaveLength(61);
    expect(lines[60]).toMatch(/,0\.00$/);
    expect(
      await main(["loans", "schedule", "--principal", "lots", "--rate-bps", "1", "--months", "1"]),
    ).toBe(exitCodes.badInput);
  });
});

describe("placefirst portfolio", () => {
  test("main(['portfolio', FILE, ...]) prints the issue's JSON, and names conflicting constraints", async () => {
    // Four projects with scores given: A (6 money, score 10), B (4, left behind, 6), C (4, 5),
    // D (6, left behind, 4), two places P1 (A, C) and P2 (B, D), and a budget of 10.
    const projects = file(
      "portfolio.csv",
      "id,place,sector,amount,jobs,left_behind,score\n" +
        "A,P1,S1,6,10,0,10\nB,P2,S1,4,5,1,6\nC,P1,S2,4,5,0,5\nD,P2,S2,6,8,1,4\n",
    );
    expect(await main(["portfolio", projects, "--budget", "10", "--format", "json"])).toBe(
      exitCodes.ok,
    );
    const free = JSON.parse(output.stdout) as { selected: string[]; objective: number };
    // Without a floor: A + B = 16 for 10 money beats A + C = 15.
    expect([...free.selected].sort()).toEqual(["A", "B"]);
    expect(free.objective).toBe(16);
    output.stdout = "";
    expect(
      await main([
        "portfolio",
        projects,
        "--budget",
        "10",
        "--min-share-left-behind",
        "0.5",
        "--format",
        "json",
      ]),
    ).toBe(exitCodes.ok);
    const fair = JSON.parse(output.stdout) as {
      selected: string[];
      objective: number;
      shareLeftBehind: number;
      costOfFairness: number;
      binding: string[];
      greedy: { objective: number };
    };
    // With half the money in left-behind places: A + B has 4 of 10 (0.4), so it fails; B + C
    // has 4 of 8 (0.5) for 11, B + D 10 of 10 for 10: B + C wins, and fairness costs 16 - 11 = 5.
    expect([...fair.selected].sort()).toEqual(["B", "C"]);
    expect(fair.objective).toBe(11);
    expect(fair.shareLeftBehind).toBeCloseTo(0.5, 12);
    expect(fair.costOfFairness).toBeCloseTo(5, 9);
    expect(fair.binding).toContain("min-share-left-behind");
    expect(typeof fair.greedy.objective).toBe("number");
    expect(await main(["portfolio", projects, "--budget", "10", "--max-share-place", "0.4"])).toBe(
      exitCodes.badInput,
    );
    expect(output.stderr).toMatch(/no portfolio meets these constraints together/);
  });
});

describe("placefirst pipeline", () => {
  test("main(['pipeline', 'import', FILE]) refuses projects in places not stored, and stores nothing", async () => {
    const projects = file(
      "pipeline.csv",
      "id,place,sector,amount,jobs\nP1,E08000001,28,1000000,10\n",
    );
    expect(await main(["pipeline", "import", projects])).toBe(exitCodes.badInput);
    expect(output.stderr).toMatch(/line 2, column "place": no stored place has this code/);
    expect(await main(["pipeline", "list", "--format", "json"])).toBe(exitCodes.ok);
    expect(JSON.parse(output.stdout)).toEqual([]);
  });
});
