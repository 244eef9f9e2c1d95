import { describe, expect, test } from "vitest";
import { Random } from "../../demo/index.js";
import {
  DemoPostcodes,
  demoPostcodeArea,
  districtOutcode,
  elsewherePostcodeLetter,
} from "./demoPostcodes.js";

// The postcode areas of the UK, the Isle of Man and the Channel Islands, as Royal Mail allocates
// them (Wikipedia, "List of postcode areas in the United Kingdom", 124 areas), and the
// non-geographic ones: BF (British Forces), BX (non-geographic addresses), XX (online returns).
// prettier-ignore
const realAreas = [
  "AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH",
  "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E",
  "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR", "HS",
  "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE", "LL",
  "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX",
  "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL", "SM",
  "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW",
  "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE", "BF", "BX", "XX",
];

describe("demo postcodes", () => {
  test("the demo area BV and the outside letter Q are not real postcode areas", () => {
    expect(realAreas).toHaveLength(127);
    expect(realAreas).not.toContain(demoPostcodeArea);
    expect(realAreas.some((area) => area.startsWith(elsewherePostcodeLetter))).toBe(false);
  });

  test("districtOutcode(index) numbers districts from BV1", () => {
    expect(districtOutcode(0)).toBe("BV1");
    expect(districtOutcode(13)).toBe("BV14");
  });

  test("DemoPostcodes draws well-formed postcodes, never the same twice across drawers", () => {
    const used = new Set<string>();
    const first = new DemoPostcodes(new Random(1), used);
    const second = new DemoPostcodes(new Random(1), used);
    const drawn = [
      ...Array.from({ length: 300 }, () => first.inDistrict("BV3")),
      ...Array.from({ length: 300 }, () => second.inDistrict("BV3")),
      ...Array.from({ length: 100 }, () => first.elsewhere()),
    ];
    expect(new Set(drawn).size).toBe(drawn.length);
    expect(used.size).toBe(drawn.length);
    // The inward code's letters leave out C, I, K, M, O and V, as Royal Mail's do.
    for (const postcode of drawn.slice(0, 600))
      expect(postcode).toMatch(/^BV3 \d[ABD-HJLNP-UW-Z]{2}$/);
    for (const postcode of drawn.slice(600))
      expect(postcode).toMatch(/^Q[A-HK-Y]\d{1,2} \d[A-Z]{2}$/);
  });
});
