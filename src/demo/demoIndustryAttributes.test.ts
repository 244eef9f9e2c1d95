import { describe, expect, test } from "vitest";
import { generateDemo } from "./generateDemo.js";

describe("demoIndustryAttributes", () => {
  test("generateDemo() gives every SIC division plausible pay, qualification mix, growth and emissions", () => {
    const attributes = generateDemo().industryAttributes;
    expect(attributes).toHaveLength(88);
    for (const industry of attributes) {
      expect(industry.medianPay).toBeGreaterThan(150);
      expect(industry.medianPay).toBeLessThan(1500);
      expect(industry.nonGraduateShare).toBeGreaterThanOrEqual(0.1);
      expect(industry.nonGraduateShare).toBeLessThanOrEqual(0.97);
      expect(Math.abs(industry.growth)).toBeLessThan(0.3);
      expect(industry.emissionsIntensity).toBeGreaterThan(0);
    }
    const byCode = new Map(attributes.map((industry) => [industry.industryCode, industry]));
    // Electricity (35) emits far more per £ of output than programming (62).
    expect(byCode.get("35")!.emissionsIntensity).toBeGreaterThan(
      10 * byCode.get("62")!.emissionsIntensity,
    );
  });
});
