const entities: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for use in XML or HTML, both as element content and inside a quoted attribute:
 * `&`, `<`, `>`, `"` and `'` become character references. Every piece of text a chart puts into
 * its SVG (names, labels, periods, units) goes through this, so a place called `A & B <C>`
 * renders as written and can never inject markup.
 *
 * @param text The text to escape; numbers are converted with `String`.
 * @returns The escaped text.
 */
export function escapeXml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (character) => entities[character] ?? character);
}
