import { describe, expect, test } from "vitest";
import { checkBallot } from "./ballotContent.js";

const options = ["jobs", "skills", "green"];

describe("checkBallot", () => {
  test("checkBallot(points) needs every point given and fills the options left out with 0", () => {
    const rules = { kind: "points" as const, options, budget: 100, grades: null };
    expect(checkBallot(rules, { points: { green: 70, jobs: 30 } })).toEqual({
      points: { jobs: 30, skills: 0, green: 70 },
    });
    expect(() => checkBallot(rules, { points: { jobs: 60, green: 30 } })).toThrow(
      /must add up to 100; these add up to 90/,
    );
    expect(() => checkBallot(rules, { points: { jobs: 50.5, green: 49.5 } })).toThrow(
      /whole number/,
    );
    expect(() => checkBallot(rules, { points: { prestige: 100 } })).toThrow(/not an option/);
  });

  test("checkBallot(ranked) keeps ranks in order, refuses an option twice or an empty ranking", () => {
    const rules = { kind: "ranked" as const, options, budget: null, grades: null };
    expect(checkBallot(rules, { ranking: [["green", "jobs"], [], ["skills"]] })).toEqual({
      ranking: [["jobs", "green"], ["skills"]],
    });
    expect(() => checkBallot(rules, { ranking: [["jobs"], ["jobs"]] })).toThrow(/one rank/);
    expect(() => checkBallot(rules, { ranking: [] })).toThrow(/at least one/);
    expect(() => checkBallot(rules, { approved: ["jobs"] })).toThrow(/ranking/);
  });

  test("checkBallot(approval) and checkBallot(scores) normalise and check grades", () => {
    expect(
      checkBallot(
        { kind: "approval", options, budget: null, grades: null },
        {
          approved: ["green", "jobs", "green"],
        },
      ),
    ).toEqual({ approved: ["jobs", "green"] });
    const scores = { kind: "scores" as const, options, budget: null, grades: ["Bad", "Good"] };
    expect(checkBallot(scores, { grades: { jobs: 1 } })).toEqual({
      grades: { jobs: 1, skills: 0, green: 0 },
    });
    expect(() => checkBallot(scores, { grades: { jobs: 2 } })).toThrow(/from Bad to Good/);
  });
});
