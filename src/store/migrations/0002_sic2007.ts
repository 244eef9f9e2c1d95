import {
  foundationalDivisions,
  foundationalSections,
  sic2007Divisions,
  sic2007Sections,
} from "../../core/sic2007.js";

/** Seeds the industries table with the SIC 2007 sections and divisions. */
export function sic2007Seed(): string {
  const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;
  const sections = sic2007Sections.map(
    ([code, name]) =>
      `(${quote(code)}, ${quote(name)}, null, 'section', ${foundationalSections.has(code)})`,
  );
  const divisions = sic2007Divisions.map(
    ([code, section, name]) =>
      `(${quote(code)}, ${quote(name)}, ${quote(section)}, 'division', ${foundationalDivisions.has(code)})`,
  );
  return `insert into industries (code, name, parent_code, level, foundational) values
${[...sections, ...divisions].join(",\n")}
on conflict (code) do nothing;`;
}
