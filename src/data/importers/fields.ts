import { InputError } from "../../core/errors.js";

/** Where a field sits, for messages. */
export interface FieldAt {
  file: string;
  line: number;
  field: string;
}

const codePattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/**
 * Reads a code (place, indicator or industry): letters, digits and `_ . : -`, at most 64
 * characters. Codes stay strings, so "01" keeps its leading zero.
 */
export function readCode(text: string, at: FieldAt): string {
  const trimmed = text.trim();
  if (!codePattern.test(trimmed)) {
    throw new InputError(
      trimmed === ""
        ? "expected a code, found an empty field"
        : "expected a code of letters, digits, '_', '.', ':' or '-' (at most 64 characters)",
      trimmed === "" ? at : { ...at, value: text },
    );
  }
  return trimmed;
}

/** Reads a required text field (trimmed, not empty, at most `maxLength` characters). */
export function readText(text: string, at: FieldAt, maxLength = 300): string {
  const trimmed = text.trim();
  if (trimmed === "") throw new InputError("expected a value, found an empty field", at);
  if (trimmed.length > maxLength) {
    throw new InputError(`expected at most ${maxLength} characters`, { ...at, value: trimmed });
  }
  return trimmed;
}

/** Reads an optional text field: empty gives null. */
export function readOptionalText(
  text: string | undefined,
  at: FieldAt,
  maxLength = 300,
): string | null {
  if (text === undefined || text.trim() === "") return null;
  return readText(text, at, maxLength);
}

/** Reads one of a fixed set of words, case-insensitively. */
export function readChoice<T extends string>(text: string, choices: readonly T[], at: FieldAt): T {
  const lower = text.trim().toLowerCase();
  const found = choices.find((choice) => choice === lower);
  if (found === undefined) {
    throw new InputError(`expected one of ${choices.join(", ")}`, { ...at, value: text });
  }
  return found;
}
