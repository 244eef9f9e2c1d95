import { describe, expect, test } from "vitest";
import { escapeXml } from "./escapeXml.js";

describe("escapeXml", () => {
  test('escapeXml("A & B <C>") escapes the ampersand and angle brackets', () => {
    expect(escapeXml("A & B <C>")).toBe("A &amp; B &lt;C&gt;");
  });

  test("escapeXml(text) escapes both kinds of quote for use in attributes", () => {
    expect(escapeXml(`say "hi" it's`)).toBe("say &quot;hi&quot; it&#39;s");
  });

  test("escapeXml(text) escapes an existing character reference again rather than trusting it", () => {
    expect(escapeXml("&amp;")).toBe("&amp;amp;");
  });

  test("escapeXml(number) converts the number to text", () => {
    expect(escapeXml(12.5)).toBe("12.5");
  });

  test("escapeXml(text) leaves plain text and non-ASCII characters alone", () => {
    expect(escapeXml("Ynys Môn £21,300 – 2022-23")).toBe("Ynys Môn £21,300 – 2022-23");
  });
});
