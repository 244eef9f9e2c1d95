import { InputError } from "../../core/errors.js";

/**
 * The 45 divisions of the CPV 2008 main vocabulary (Commission Regulation (EC) No 213/2008,
 * Annex I), as their two leading digits. A code whose first two digits are not one of these is
 * not a CPV 2008 code.
 */
// prettier-ignore
export const cpvDivisions: readonly string[] = [
  "03", "09", "14", "15", "16", "18", "19", "22", "24", "30", "31", "32", "33", "34", "35",
  "37", "38", "39", "41", "42", "43", "44", "45", "48", "50", "51", "55", "60", "63", "64",
  "65", "66", "70", "71", "72", "73", "75", "76", "77", "79", "80", "85", "90", "92", "98",
];

const divisionSet = new Set(cpvDivisions);

/** A CPV code as read: its eight digits and, when one was given, its check digit. */
export interface ParsedCpv {
  /** The eight digits, e.g. "45210000"; the form every other CPV method compares. */
  code: string;
  /** The ninth digit after the hyphen ("45210000-2" gives 2), or undefined when none was given. */
  checkDigit: number | undefined;
}

/**
 * The level of a CPV code in the hierarchy of Regulation (EC) No 213/2008: the first two digits
 * name a division (XX000000), three a group (XXX00000), four a class (XXXX0000), five a category
 * (XXXXX000); each of the last three digits "gives a greater degree of precision within each
 * category", and a code that uses them is called a subcategory here.
 */
export type CpvLevel = "division" | "group" | "class" | "category" | "subcategory";

/**
 * The similarity of two CPV codes that share a level but neither of which contains the other,
 * by the deepest level they share; `exact` is for the same code. A code contained in another
 * (an ancestor) scores half-way between the shared level of the broader code and 1: see
 * {@link cpvSimilarity}.
 */
export const cpvSimilarityScale = {
  /** The same eight digits. */
  exact: 1,
  /** The same first five digits or more (category or a finer level), e.g. 45214620 and 45214631. */
  category: 0.85,
  /** The same first four digits (class), e.g. 45213000 and 45214000. */
  class: 0.75,
  /** The same first three digits (group), e.g. 45210000 and 45220000. */
  group: 0.5,
  /** The same first two digits (division) only, e.g. 45100000 and 45200000. */
  division: 0.25,
  /** Different divisions. */
  none: 0,
} as const;

const codePattern = /^(\d{7,8})(?:\s*-\s*(\d))?$/;

/**
 * Parses a CPV 2008 code as it is found in notices and spreadsheets: "45210000-2", "45210000",
 * the number 45210000, or a code whose leading zero a spreadsheet dropped ("3000000-1" or the
 * number 3000000 for 03000000). Spaces around the code and the hyphen are ignored.
 *
 * The check digit is kept but not verified. The published rule does not reproduce the official
 * list: the 2008 revision introduced errors that the Publications Office has acknowledged and
 * will not correct (OP-TED/ePO discussion #589, 2024), and a weighted sum with weights 3, 7, 1
 * repeating, modulo 10, gives the listed digit for only 8,922 of the 9,454 codes (94.4%; most
 * of the others are whole branches of divisions 03, 09, 42 and 72). To check that a code
 * exists, look it up in the list instead.
 *
 * @param input the code, as a string or a number.
 * @returns the eight digits and the check digit, if one was given.
 * @throws InputError when the input is not eight digits (with an optional check digit), when the
 *   first two digits are not a CPV 2008 division, or when a level below the division is 0 while
 *   a finer one is not (45010000), which the hierarchy does not allow.
 */
export function parseCpv(input: string | number): ParsedCpv {
  let digits: string;
  let checkDigit: number | undefined;
  if (typeof input === "number") {
    if (!Number.isInteger(input) || input < 0 || input > 99_999_999) {
      throw new InputError("not a CPV code: expected eight digits", { value: String(input) });
    }
    digits = String(input).padStart(8, "0");
  } else {
    const match = codePattern.exec(input.trim());
    if (match === null) {
      throw new InputError(
        'not a CPV code: expected eight digits and a check digit, "45210000-2"',
        {
          value: input,
        },
      );
    }
    digits = match[1]!.padStart(8, "0");
    checkDigit = match[2] === undefined ? undefined : Number(match[2]);
  }
  if (!divisionSet.has(digits.slice(0, 2))) {
    throw new InputError(`not a CPV code: ${digits.slice(0, 2)} is not a CPV 2008 division`, {
      value: String(input),
    });
  }
  // Below the division a level is either used or 0 with every finer level 0 too, so a zero
  // followed by a non-zero digit (450 1 0000) names no node of the tree.
  if (/0[1-9]/.test(digits.slice(2))) {
    throw new InputError("not a CPV code: a level is 0 but a finer level is not", {
      value: String(input),
    });
  }
  return { code: digits, checkDigit };
}

/**
 * The eight digits of a CPV code, the form that the matching methods compare: "45210000-2",
 * "45210000" and 45210000 all give "45210000". See {@link parseCpv} for what is accepted.
 *
 * @throws InputError when the input is not a CPV 2008 code.
 */
export function normaliseCpv(input: string | number): string {
  return parseCpv(input).code;
}

/**
 * The number of digits of a CPV code that carry meaning: 2 for a division ("45000000"), 3 for a
 * group ("45200000"), up to 8 for the most specific codes. Trailing zeros beyond the division
 * only pad the code to eight digits.
 *
 * @throws InputError when the input is not a CPV 2008 code.
 */
export function cpvSignificantDigits(input: string | number): number {
  return significantDigits(normaliseCpv(input));
}

/**
 * The level of a CPV code: "45000000" is a division, "45200000" a group, "45210000" a class,
 * "45214000" a category, and "45214600" (or any code using the sixth to eighth digits) a
 * subcategory.
 *
 * @throws InputError when the input is not a CPV 2008 code.
 */
export function cpvLevel(input: string | number): CpvLevel {
  const digits = cpvSignificantDigits(input);
  if (digits === 2) return "division";
  if (digits === 3) return "group";
  if (digits === 4) return "class";
  if (digits === 5) return "category";
  return "subcategory";
}

/**
 * The codes above a CPV code in the hierarchy, broadest first: "45214631" gives "45000000",
 * "45200000", "45210000", "45214000", "45214600" and "45214630". They are derived from the digits
 * and are not all in the published list: 45 of its codes have a derived ancestor that is not
 * listed (30192121's parent 30192120, for one). A division has no ancestors.
 *
 * @returns eight-digit codes, not including the code itself.
 * @throws InputError when the input is not a CPV 2008 code.
 */
export function cpvAncestors(input: string | number): string[] {
  const code = normaliseCpv(input);
  const ancestors: string[] = [];
  for (let digits = 2; digits < significantDigits(code); digits += 1) {
    ancestors.push(code.slice(0, digits).padEnd(8, "0"));
  }
  return ancestors;
}

/**
 * Whether the first CPV code is an ancestor of the second, so that its branch contains it:
 * "45000000" contains "45210000". A code is not its own ancestor.
 *
 * @throws InputError when either input is not a CPV 2008 code.
 */
export function cpvIsAncestor(ancestor: string | number, descendant: string | number): boolean {
  return isAncestorOf(normaliseCpv(ancestor), normaliseCpv(descendant));
}

/**
 * How close two CPV codes are in the hierarchy, from 0 (different divisions) to 1 (the same
 * code); symmetric. Two codes where neither contains the other score by the deepest level they
 * share ({@link cpvSimilarityScale}): 0.85 for the same category or finer, 0.75 the same class,
 * 0.5 the same group, 0.25 the same division only.
 *
 * When one code is an ancestor of the other (a supplier offering "45000000 Construction work"
 * against a tender for "45210000 Building construction work"), the broader code claims, or asks
 * for, its whole branch, which is more than a sibling at the same level offers but says less
 * than the exact code. Such a pair scores half-way between the broader code's level and 1:
 *
 *     similarity = (scale[level of the broader code] + 1) / 2
 *
 * so 0.625 for a division, 0.75 a group, 0.875 a class and 0.925 a category or finer. A supplier
 * registered for a whole division thus ranks below one in the same class but above one only in
 * the same group.
 *
 * @throws InputError when either input is not a CPV 2008 code.
 */
export function cpvSimilarity(a: string | number, b: string | number): number {
  return normalisedCpvSimilarity(normaliseCpv(a), normaliseCpv(b));
}

/**
 * {@link cpvSimilarity} of two codes already normalised to eight digits, for the matching loops;
 * not re-exported from the capability's index.
 */
export function normalisedCpvSimilarity(a: string, b: string): number {
  if (a === b) return cpvSimilarityScale.exact;
  const aDigits = significantDigits(a);
  const bDigits = significantDigits(b);
  if (aDigits < bDigits && b.startsWith(a.slice(0, aDigits))) {
    return (levelScore(aDigits) + 1) / 2;
  }
  if (bDigits < aDigits && a.startsWith(b.slice(0, bDigits))) {
    return (levelScore(bDigits) + 1) / 2;
  }
  let shared = 0;
  while (shared < 8 && a[shared] === b[shared]) shared += 1;
  return levelScore(shared);
}

/** The scale's score for two codes sharing their first `digits` digits. */
function levelScore(digits: number): number {
  if (digits >= 5) return cpvSimilarityScale.category;
  if (digits === 4) return cpvSimilarityScale.class;
  if (digits === 3) return cpvSimilarityScale.group;
  if (digits === 2) return cpvSimilarityScale.division;
  return cpvSimilarityScale.none;
}

/** The meaningful digits of an eight-digit code: its length without trailing zeros, at least 2. */
function significantDigits(code: string): number {
  let digits = 8;
  while (digits > 2 && code[digits - 1] === "0") digits -= 1;
  return digits;
}

function isAncestorOf(ancestor: string, descendant: string): boolean {
  const digits = significantDigits(ancestor);
  return digits < significantDigits(descendant) && descendant.startsWith(ancestor.slice(0, digits));
}
