import { describe, expect, test } from "vitest";
import { InputError } from "./errors.js";

describe("InputError", () => {
  test("new InputError names the file, line, column and value of a CSV problem", () => {
    const error = new InputError("expected a number", {
      file: "obs.csv",
      line: 5000,
      field: "value",
      value: "twelve",
    });
    expect(error.message).toBe(
      'obs.csv, line 5000, column "value": expected a number (found "twelve")',
    );
    expect(error.name).toBe("InputError");
  });

  test("new InputError calls a place in a JSON file a field, and shortens a long value", () => {
    const error = new InputError("expected a number", {
      file: "map.hexjson",
      field: "hexes.A.q",
      value: "x".repeat(100),
    });
    expect(error.message).toBe(
      `map.hexjson, field "hexes.A.q": expected a number (found "${"x".repeat(59)}…")`,
    );
  });

  test("new InputError without a location is the message alone", () => {
    expect(new InputError("no places").message).toBe("no places");
  });
});
