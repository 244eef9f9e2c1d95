import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import {
  TieGroups,
  alphabeticalTieBreak,
  linearExtension,
  rankByRelation,
  rankByScore,
  tieBreakPlaces,
} from "./tieBreak.js";

describe("alphabeticalTieBreak", () => {
  test("alphabeticalTieBreak(options) sorts by code unit, whatever the locale", () => {
    // Code-unit order puts upper case before lower case and "B" before "a".
    expect(alphabeticalTieBreak(["b", "a", "B", "A", "a2"])).toEqual(["A", "B", "a", "a2", "b"]);
  });

  test("alphabeticalTieBreak(options) leaves the options array alone", () => {
    const options = ["c", "a", "b"];
    alphabeticalTieBreak(options);
    expect(options).toEqual(["c", "a", "b"]);
  });
});

describe("tieBreakPlaces", () => {
  test("tieBreakPlaces(options, order) gives each option its place in the order", () => {
    expect(Array.from(tieBreakPlaces(["a", "b", "c"], ["c", "a", "b"]))).toEqual([1, 2, 0]);
  });

  test("tieBreakPlaces(options) defaults to the alphabetical order", () => {
    expect(Array.from(tieBreakPlaces(["c", "a", "b"]))).toEqual([2, 0, 1]);
  });

  test("tieBreakPlaces(options, order) throws an InputError unless the order is a permutation", () => {
    expect(() => tieBreakPlaces(["a", "b"], ["a"])).toThrow(InputError);
    expect(() => tieBreakPlaces(["a", "b"], ["a"])).toThrow(/leaves out b/);
    expect(() => tieBreakPlaces(["a", "b"], ["a", "b", "z"])).toThrow(
      /"z", which is not an option/,
    );
    expect(() => tieBreakPlaces(["a", "b"], ["a", "a", "b"])).toThrow(/"a" twice/);
  });

  test("tieBreakPlaces(options) throws an InputError when an option is listed twice", () => {
    expect(() => tieBreakPlaces(["a", "b", "a"])).toThrow(/option "a" is listed twice/);
  });
});

describe("rankByScore", () => {
  test("rankByScore(options, scores, places) ranks higher scores first and breaks ties by the order", () => {
    const options = ["a", "b", "c", "d"];
    // b and d tie on 5; in the order d, c, b, a, d comes first.
    const places = tieBreakPlaces(options, ["d", "c", "b", "a"]);
    expect(rankByScore(options, [1, 5, 7, 5], places)).toEqual({
      ranking: ["c", "d", "b", "a"],
      ties: [["d", "b"]],
    });
  });

  test("rankByScore(options, scores, places) reports no ties when every score differs", () => {
    const options = ["a", "b", "c"];
    expect(rankByScore(options, [3, 1, 2], tieBreakPlaces(options))).toEqual({
      ranking: ["a", "c", "b"],
      ties: [],
    });
  });

  test("rankByScore(options, scores, places) puts all equal scores in one tie", () => {
    const options = ["b", "a", "c"];
    expect(rankByScore(options, [0, 0, 0], tieBreakPlaces(options))).toEqual({
      ranking: ["a", "b", "c"],
      ties: [["a", "b", "c"]],
    });
  });

  test("rankByScore(no options) is empty", () => {
    expect(rankByScore([], [], tieBreakPlaces([]))).toEqual({ ranking: [], ties: [] });
  });
});

describe("rankByRelation", () => {
  test("rankByRelation(options, beats, places) follows a partial order and groups what it leaves open", () => {
    // a beats b; c is separated from neither. c is incomparable to both, so a, b and c form one
    // group; with c first in the tie-break order, c is placed first, then a, then b.
    const options = ["a", "b", "c"];
    const beats = (i: number, j: number) => i === 0 && j === 1;
    expect(rankByRelation(options, beats, tieBreakPlaces(options, ["c", "b", "a"]))).toEqual({
      ranking: ["c", "a", "b"],
      ties: [["c", "a", "b"]],
    });
    // With b first in the order, b still cannot come before a, which beats it.
    expect(rankByRelation(options, beats, tieBreakPlaces(options, ["b", "c", "a"]))).toEqual({
      ranking: ["c", "a", "b"],
      ties: [["c", "a", "b"]],
    });
    expect(rankByRelation(options, beats, tieBreakPlaces(options, ["a", "b", "c"]))).toEqual({
      ranking: ["a", "b", "c"],
      ties: [["a", "b", "c"]],
    });
  });

  test("rankByRelation(options, beats, places) lists separate ties in ranking order", () => {
    // d > {a, c} > b, with a and c unseparated: one tie.
    const options = ["a", "b", "c", "d"];
    const level = [1, 2, 1, 0];
    const beats = (i: number, j: number) => level[i]! < level[j]!;
    expect(rankByRelation(options, beats, tieBreakPlaces(options, ["c", "b", "a", "d"]))).toEqual({
      ranking: ["d", "c", "a", "b"],
      ties: [["c", "a"]],
    });
  });
});

describe("linearExtension", () => {
  test("linearExtension(count, beats, places) throws on a cycle", () => {
    const beats = (i: number, j: number) => (i + 1) % 3 === j;
    expect(() => linearExtension(3, beats, Int32Array.from([0, 1, 2]))).toThrow(/cycle/);
  });
});

describe("TieGroups", () => {
  test("TieGroups.join merges groups that share an option", () => {
    const groups = new TieGroups(5);
    groups.join(0, 1);
    groups.join(3, 4);
    groups.join(1, 4);
    expect(groups.list(["a", "b", "c", "d", "e"], [2, 4, 3, 1, 0])).toEqual([["e", "d", "b", "a"]]);
  });
});
