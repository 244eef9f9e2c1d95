import type { SkillsGapInput } from "../../src/skills/methods/index.js";

/**
 * The skills gap's worked example, computed by hand in src/skills/methods/skillsGap.test.ts and
 * docs/methods/skills-gap.md: two industries, three occupations, three of the five levels, five
 * years. Demand by level (entry, 1-2, 3, 4-5, 6+): 0, 294, 186, 0, 90; gap: 0, 147, 62, 0, −30.
 */
export const skillsWorkedExample: SkillsGapInput = {
  plan: [
    { industry: "C", baseline: 1000, target: 1200 },
    { industry: "Q", baseline: 2000, target: 1900 },
  ],
  industryOccupation: [
    { industry: "C", occupation: "2", share: 0.2 },
    { industry: "C", occupation: "5", share: 0.5 },
    { industry: "C", occupation: "9", share: 0.3 },
    { industry: "Q", occupation: "2", share: 0.6 },
    { industry: "Q", occupation: "5", share: 0.1 },
    { industry: "Q", occupation: "9", share: 0.3 },
  ],
  occupationLevel: [
    { occupation: "2", level: "3", share: 0.25 },
    { occupation: "2", level: "6+", share: 0.75 },
    { occupation: "5", level: "1-2", share: 0.2 },
    { occupation: "5", level: "3", share: 0.8 },
    { occupation: "9", level: "1-2", share: 1 },
  ],
  replacement: [
    { occupation: "2", rate: 0.02 },
    { occupation: "5", rate: 0.03 },
    { occupation: "9", rate: 0.05 },
  ],
  supply: [
    { level: "entry", supply: 0 },
    { level: "1-2", supply: 147 },
    { level: "3", supply: 124 },
    { level: "4-5", supply: 0 },
    { level: "6+", supply: 120 },
  ],
};
