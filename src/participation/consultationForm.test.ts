import { describe, expect, test } from "vitest";
import { consultationFromForm, londonTime } from "./consultationForm.js";

describe("londonTime", () => {
  test("londonTime reads UK wall-clock time in GMT in winter and BST in summer", () => {
    expect(londonTime("2026-12-01T09:00")?.toISOString()).toBe("2026-12-01T09:00:00.000Z");
    expect(londonTime("2026-07-01T09:00")?.toISOString()).toBe("2026-07-01T08:00:00.000Z");
    // The clocks go forward at 01:00 GMT on 29 March 2026: 02:30 BST is 01:30 GMT.
    expect(londonTime("2026-03-29T02:30")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(londonTime("1 December")).toBeUndefined();
    expect(londonTime("")).toBeUndefined();
  });
});

describe("consultationFromForm", () => {
  const form = {
    board: "3",
    title: "Projects",
    question: "Which?",
    kind: "budgeting",
    budget: "£1,000,000",
    eligible: ["3:residents", "4:employers"],
    weighting: "board",
    opensAt: "2026-12-01T09:00",
    closesAt: "2026-12-15T17:00",
    options: "Skills hub | 450,000 | /profile/X08000002\n\nSkills hub | 90000\nCare co-op | 180000",
  };

  test("consultationFromForm reads options, costs, links, the board's constituencies and times", () => {
    const { input, problems } = consultationFromForm(form);
    expect(problems).toEqual([]);
    expect(input).toMatchObject({
      boardId: 3,
      kind: "budgeting",
      budget: 1_000_000,
      eligible: ["residents"],
      weighting: "board",
      options: [
        {
          key: "skills-hub",
          label: "Skills hub",
          cost: 450_000,
          evidenceUrl: "/profile/X08000002",
        },
        { key: "skills-hub-2", label: "Skills hub", cost: 90_000, evidenceUrl: null },
        { key: "care-co-op", label: "Care co-op", cost: 180_000, evidenceUrl: null },
      ],
    });
    expect(input!.closesAt.toISOString()).toBe("2026-12-15T17:00:00.000Z");
  });

  test("consultationFromForm names every problem and the field to fix", () => {
    const { input, problems } = consultationFromForm({
      ...form,
      title: "",
      budget: "lots",
      opensAt: "",
      options: "Only one | -5 | ftp://x",
    });
    expect(input).toBeUndefined();
    expect(problems.map((problem) => problem.href)).toEqual([
      "#title",
      "#budget",
      "#opensAt",
      "#options",
      "#options",
      "#options",
    ]);
  });
});
