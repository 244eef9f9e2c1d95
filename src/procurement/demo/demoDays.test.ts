import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import { dateTimeOfDay, dayOfIsoDate, endOfMonths, firstDayOfYear, yearOfDay } from "./demoDays.js";

describe("demo days", () => {
  test("dayOfIsoDate(date) counts days from 1970-01-01 and reads back through dateTimeOfDay", () => {
    expect(dayOfIsoDate("1970-01-02")).toBe(1);
    const day = dayOfIsoDate("2026-11-28");
    expect(dateTimeOfDay(day)).toBe("2026-11-28T12:00:00Z");
    expect(dateTimeOfDay(day, 23, 59)).toBe("2026-11-28T23:59:00Z");
    expect(yearOfDay(day)).toBe(2026);
    expect(dateTimeOfDay(firstDayOfYear(2021), 0)).toBe("2021-01-01T00:00:00Z");
  });

  test("dayOfIsoDate(not a real date) throws an InputError", () => {
    expect(() => dayOfIsoDate("2026-02-29")).toThrow(InputError);
    expect(() => dayOfIsoDate("2026-13-01")).toThrow(InputError);
    expect(() => dayOfIsoDate("2026-11-28T00:00:00Z")).toThrow(InputError);
    expect(() => dayOfIsoDate("")).toThrow(/asOf/);
    expect(dayOfIsoDate("2024-02-29")).toBe(dayOfIsoDate("2024-03-01") - 1);
  });

  test("endOfMonths(day, months) ends the day before the same date months later", () => {
    expect(dateTimeOfDay(endOfMonths(dayOfIsoDate("2025-04-01"), 12), 0)).toBe(
      "2026-03-31T00:00:00Z",
    );
    expect(dateTimeOfDay(endOfMonths(dayOfIsoDate("2025-01-15"), 1), 0)).toBe(
      "2025-02-14T00:00:00Z",
    );
  });
});
