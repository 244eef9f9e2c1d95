import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readBallotFile, readCostsFile } from "./ballotFile.js";

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "placefirst-ballots-")), name);
  writeFileSync(path, text);
  return path;
}

describe("readBallotFile", () => {
  test("readBallotFile(ranked) adds up the same preferences however they are written", async () => {
    const path = file("ranked.csv", "count,ranking\n5,A>C>B=D\n2, A > D=B > C \n1,B\n3,A>C>B=D\n");
    const { ballots, options, rows } = await readBallotFile(path, "ranked");
    expect(rows).toBe(4);
    expect(options).toEqual(["A", "B", "C", "D"]);
    expect(ballots).toEqual({
      kind: "ranked",
      ballots: [
        { count: 8, ranking: [["A"], ["C"], ["B", "D"]] },
        { count: 2, ranking: [["A"], ["B", "D"], ["C"]] },
        { count: 1, ranking: [["B"]] },
      ],
    });
  });

  test("readBallotFile(approval, points, grades) reads each format", async () => {
    const approval = await readBallotFile(
      file("a.csv", "count,approved\n3,A;C\n1,C;A\n2,\n"),
      "approval",
    );
    expect(approval.ballots.ballots).toEqual([
      { count: 4, approved: ["A", "C"] },
      { count: 2, approved: [] },
    ]);
    const points = await readBallotFile(
      file("p.csv", "count,pay,green\n2,60,40\n1,,100\n"),
      "points",
    );
    expect(points.options).toEqual(["pay", "green"]);
    expect(points.ballots.ballots).toEqual([
      { count: 2, points: { pay: 60, green: 40 } },
      { count: 1, points: { pay: 0, green: 100 } },
    ]);
    const grades = await readBallotFile(file("g.csv", "count,X,Y\n1,Good,poor\n1,3,1\n"), "grades");
    // "Good" is grade 3 and "poor" grade 1 on the default scale, so both rows are one ballot.
    expect(grades.ballots.ballots).toEqual([{ count: 2, grades: { X: 3, Y: 1 } }]);
  });

  test("readBallotFile names the file, line and column of a bad row", async () => {
    await expect(
      readBallotFile(file("bad.csv", "count,ranking\n1,A>B\n0,B\n"), "ranked"),
    ).rejects.toThrow(/bad\.csv, line 3, column "count": expected a positive number of ballots/);
    await expect(
      readBallotFile(file("twice.csv", "count,ranking\n1,A>B>A\n"), "ranked"),
    ).rejects.toThrow(/line 2.*option "A" is ranked twice/);
    await expect(
      readBallotFile(file("gap.csv", "count,ranking\n1,A>>B\n"), "ranked"),
    ).rejects.toThrow(/line 2.*expected options between each >/);
    await expect(
      readBallotFile(file("grade.csv", "count,X\n1,Superb\n"), "grades"),
    ).rejects.toThrow(/line 2, column "X": expected a grade/);
    await expect(readBallotFile(file("points.csv", "count,X\n1,-5\n"), "points")).rejects.toThrow(
      /line 2, column "X": expected points/,
    );
    await expect(readBallotFile(file("nocount.csv", "n,ranking\n1,A\n"), "ranked")).rejects.toThrow(
      /no column "count"/,
    );
  });
});

describe("readCostsFile", () => {
  test("readCostsFile reads project,cost and refuses a bad cost or a repeated project", async () => {
    expect(await readCostsFile(file("c.csv", "project,cost\nA,100\nB,250.5\n"))).toEqual({
      A: 100,
      B: 250.5,
    });
    await expect(readCostsFile(file("c.csv", "project,cost\nA,free\n"))).rejects.toThrow(
      /line 2, column "cost": expected a positive cost/,
    );
    await expect(readCostsFile(file("c.csv", "project,cost\nA,1\nA,2\n"))).rejects.toThrow(
      /line 3/,
    );
  });
});
