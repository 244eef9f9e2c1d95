/**
 * The qualification levels of the skills gap: bands of the Regulated Qualifications Framework
 * (RQF) of England and Northern Ireland, lowest first. `entry` holds no qualification and entry
 * level; `1-2` is GCSE-level (level 2 is five good GCSEs or an intermediate apprenticeship); `3`
 * is A-level or an advanced apprenticeship; `4-5` higher technical qualifications, HNCs, HNDs and
 * foundation degrees; `6+` bachelor's degrees and above.
 */
export const qualificationLevels = ["entry", "1-2", "3", "4-5", "6+"] as const;

/** One band of {@link qualificationLevels}. */
export type QualificationLevel = (typeof qualificationLevels)[number];

/** The levels whose openings count as open to people without a level 3 qualification. */
export const levelTwoOrBelow: readonly QualificationLevel[] = ["entry", "1-2"];

/**
 * The level as a phrase for sentences: "entry level", "levels 1-2", "level 3", "levels 4-5",
 * "level 6 and above".
 */
export function levelPhrase(level: QualificationLevel): string {
  switch (level) {
    case "entry":
      return "entry level";
    case "1-2":
      return "levels 1-2";
    case "3":
      return "level 3";
    case "4-5":
      return "levels 4-5";
    case "6+":
      return "level 6 and above";
  }
}
