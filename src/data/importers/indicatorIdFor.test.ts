import { describe, expect, test } from "vitest";
import { indicatorIdFor } from "./indicatorIdFor.js";

describe("indicatorIdFor", () => {
  test("indicatorIdFor(id) keeps an id as it is", () => {
    expect(indicatorIdFor("gva_per_head")).toBe("gva_per_head");
    expect(indicatorIdFor(" CO2.per-head ")).toBe("CO2.per-head");
  });

  test("indicatorIdFor(name) makes an id from words, signs and accents", () => {
    expect(indicatorIdFor("Gross median weekly pay")).toBe("gross_median_weekly_pay");
    expect(indicatorIdFor("Aged 16 to 64 years employment rate (Great Britain)")).toBe(
      "aged_16_to_64_years_employment_rate_great_britain",
    );
    expect(indicatorIdFor("Pay (£) – Côte")).toBe("pay_gbp_cote");
    expect(indicatorIdFor("% in work")).toBe("percent_in_work");
    expect(indicatorIdFor("!!!")).toBe("indicator");
  });

  test("indicatorIdFor(long name) fits 64 characters and tells apart names that start alike", () => {
    const stem = "Children at expected level for communication and language by end of early years ";
    const first = indicatorIdFor(`${stem}foundation stage`);
    const second = indicatorIdFor(`${stem}reception`);
    expect(first.length).toBeLessThanOrEqual(64);
    expect(second.length).toBeLessThanOrEqual(64);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^children_at_expected_level_for_communication_and_lang\w*_[0-9a-f]{8}$/);
    expect(indicatorIdFor(`${stem}foundation stage`)).toBe(first);
  });
});
