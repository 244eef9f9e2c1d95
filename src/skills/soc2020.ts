/**
 * The major and sub-major groups of the UK Standard Occupational Classification 2020 (SOC 2020,
 * Volume 1), as published by the Office for National Statistics (Open Government Licence v3.0).
 * Codes are strings: a major group is one digit, a sub-major group two, the first digit being its
 * major group.
 */

/** SOC 2020 major groups: one-digit code and name. */
export const soc2020MajorGroups: readonly (readonly [code: string, name: string])[] = [
  ["1", "Managers, directors and senior officials"],
  ["2", "Professional occupations"],
  ["3", "Associate professional occupations"],
  ["4", "Administrative and secretarial occupations"],
  ["5", "Skilled trades occupations"],
  ["6", "Caring, leisure and other service occupations"],
  ["7", "Sales and customer service occupations"],
  ["8", "Process, plant and machine operatives"],
  ["9", "Elementary occupations"],
];

/** SOC 2020 sub-major groups: two-digit code and name. Group 63 is new in SOC 2020. */
export const soc2020SubMajorGroups: readonly (readonly [code: string, name: string])[] = [
  ["11", "Corporate managers and directors"],
  ["12", "Other managers and proprietors"],
  ["21", "Science, research, engineering and technology professionals"],
  ["22", "Health professionals"],
  ["23", "Teaching and other educational professionals"],
  ["24", "Business, media and public service professionals"],
  ["31", "Science, engineering and technology associate professionals"],
  ["32", "Health and social care associate professionals"],
  ["33", "Protective service occupations"],
  ["34", "Culture, media and sports occupations"],
  ["35", "Business and public service associate professionals"],
  ["41", "Administrative occupations"],
  ["42", "Secretarial and related occupations"],
  ["51", "Skilled agricultural and related trades"],
  ["52", "Skilled metal, electrical and electronic trades"],
  ["53", "Skilled construction and building trades"],
  ["54", "Textiles, printing and other skilled trades"],
  ["61", "Caring personal service occupations"],
  ["62", "Leisure, travel and related personal service occupations"],
  ["63", "Community and civil enforcement occupations"],
  ["71", "Sales occupations"],
  ["72", "Customer service occupations"],
  ["81", "Process, plant and machine operatives"],
  ["82", "Transport and mobile machine drivers and operatives"],
  ["91", "Elementary trades and related occupations"],
  ["92", "Elementary administration and service occupations"],
];

const groupNames = new Map([...soc2020MajorGroups, ...soc2020SubMajorGroups]);

/** The name of a SOC 2020 major or sub-major group, or undefined for any other code. */
export function soc2020GroupName(code: string): string | undefined {
  return groupNames.get(code);
}
