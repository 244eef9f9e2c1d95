import { InputError } from "../core/errors.js";
import type { TallyMethod } from "./methods/ballots.js";

/** The kinds of consultation, each with the ballot it takes. */
export const consultationKinds = ["points", "ranked", "approval", "scores", "budgeting"] as const;

/** One of {@link consultationKinds}. */
export type ConsultationKind = (typeof consultationKinds)[number];

/** The tally methods each kind of consultation may use; the first is the default. */
export const methodsOfKind: Readonly<Record<ConsultationKind, readonly TallyMethod[]>> = {
  points: ["points"],
  ranked: ["schulze", "ranked-pairs", "irv", "borda"],
  approval: ["approval"],
  scores: ["majority-judgement"],
  budgeting: ["equal-shares"],
};

/** The grades of a score ballot unless a consultation sets its own, worst first. */
export const defaultGrades = ["Reject", "Poor", "Acceptable", "Good", "Very good", "Excellent"];

/** What a ballot holds, by kind: the shape stored (as JSON) and published. */
export type BallotContent =
  | { points: Record<string, number> }
  | { ranking: string[][] }
  | { approved: string[] }
  | { grades: Record<string, number> };

/** What {@link checkBallot} needs to know of the consultation. */
export interface BallotRules {
  kind: ConsultationKind;
  options: readonly string[];
  /** Points to split on a points ballot (every point must be given). */
  budget: number | null;
  /** The grade scale of a score ballot, worst first. */
  grades: readonly string[] | null;
}

/**
 * Checks a ballot against its consultation and returns it in its stored form (rankings without
 * empty groups, options in the consultation's order within a group, approvals in that order, and
 * points and grades for every option, 0 or the worst grade where the voter gave none).
 *
 * @throws InputError saying what is wrong, in words a voter can act on.
 */
export function checkBallot(rules: BallotRules, content: unknown): BallotContent {
  const known = new Set(rules.options);
  const order = new Map(rules.options.map((option, index) => [option, index]));
  const unknownOption = (option: unknown, field: string): never => {
    throw new InputError(`"${String(option)}" is not an option of this consultation`, {
      field,
      value: String(option),
    });
  };
  if (typeof content !== "object" || content === null) {
    throw new InputError("expected a ballot", { field: "ballot" });
  }
  const ballot = content as Record<string, unknown>;
  switch (rules.kind) {
    case "points": {
      const points = ballot.points;
      if (typeof points !== "object" || points === null) {
        throw new InputError("expected points for the options", { field: "points" });
      }
      const given: Record<string, number> = {};
      let total = 0;
      for (const [option, value] of Object.entries(points)) {
        if (!known.has(option)) unknownOption(option, "points");
        if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
          throw new InputError("give each option a whole number of points, 0 or more", {
            field: `points.${option}`,
            value: String(value),
          });
        }
        given[option] = value;
        total += value;
      }
      const budget = rules.budget ?? 100;
      if (total !== budget) {
        throw new InputError(`the points must add up to ${budget}; these add up to ${total}`, {
          field: "points",
          value: String(total),
        });
      }
      return { points: Object.fromEntries(rules.options.map((o) => [o, given[o] ?? 0])) };
    }
    case "ranked": {
      const ranking = ballot.ranking;
      if (!Array.isArray(ranking)) {
        throw new InputError("expected a ranking of the options", { field: "ranking" });
      }
      const seen = new Set<string>();
      const groups: string[][] = [];
      for (const group of ranking) {
        if (!Array.isArray(group)) {
          throw new InputError("expected groups of equally ranked options", { field: "ranking" });
        }
        for (const option of group) {
          if (typeof option !== "string" || !known.has(option)) unknownOption(option, "ranking");
          if (seen.has(option as string)) {
            throw new InputError("give each option one rank at most", {
              field: "ranking",
              value: String(option),
            });
          }
          seen.add(option as string);
        }
        if (group.length > 0) {
          groups.push([...(group as string[])].sort((a, b) => order.get(a)! - order.get(b)!));
        }
      }
      if (groups.length === 0) {
        throw new InputError("rank at least one option", { field: "ranking" });
      }
      return { ranking: groups };
    }
    case "approval":
    case "budgeting": {
      const approved = ballot.approved;
      if (!Array.isArray(approved)) {
        throw new InputError("expected the options you approve of", { field: "approved" });
      }
      const chosen = new Set<string>();
      for (const option of approved) {
        if (typeof option !== "string" || !known.has(option)) unknownOption(option, "approved");
        chosen.add(option as string);
      }
      return { approved: rules.options.filter((option) => chosen.has(option)) };
    }
    case "scores": {
      const grades = ballot.grades;
      const scale = rules.grades ?? defaultGrades;
      if (typeof grades !== "object" || grades === null) {
        throw new InputError("expected a grade for the options", { field: "grades" });
      }
      const given: Record<string, number> = {};
      for (const [option, value] of Object.entries(grades)) {
        if (!known.has(option)) unknownOption(option, "grades");
        if (
          typeof value !== "number" ||
          !Number.isInteger(value) ||
          value < 0 ||
          value >= scale.length
        ) {
          throw new InputError(`expected a grade from ${scale[0]} to ${scale.at(-1)}`, {
            field: `grades.${option}`,
            value: String(value),
          });
        }
        given[option] = value;
      }
      return { grades: Object.fromEntries(rules.options.map((o) => [o, given[o] ?? 0])) };
    }
  }
}
