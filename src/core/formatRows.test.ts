import { describe, expect, test } from "vitest";
import { formatRows, toCsv, toTable } from "./formatRows.js";

const rows = [
  { code: "01", name: 'Crop, "animal"', value: 1234.5678, empty: null },
  { code: "C", name: "Manufacturing", value: 7, empty: null },
];
const columns = [
  { key: "code" },
  { key: "name" },
  { key: "value", heading: "jobs" },
  { key: "empty" },
] as const;

describe("formatRows", () => {
  test("toCsv(rows) quotes what needs quoting, keeps leading zeros and leaves missing values empty", () => {
    expect(toCsv(rows, columns)).toBe(
      'code,name,jobs,empty\n01,"Crop, ""animal""",1234.5678,\nC,Manufacturing,7,\n',
    );
  });

  test("toTable(rows) right-aligns numeric columns and rounds to two decimals", () => {
    expect(toTable(rows, columns)).toBe(
      [
        "code  name               jobs  empty",
        "----  --------------  -------  -----",
        '01    Crop, "animal"  1234.57',
        "C     Manufacturing         7",
        "",
      ].join("\n"),
    );
  });

  test("formatRows(rows, columns, 'json') keeps every field", () => {
    expect(JSON.parse(formatRows(rows, [{ key: "code" }], "json"))).toEqual(rows);
  });
});
