/**
 * The base of every error Placefirst throws on purpose. Its `name` is set explicitly so that it
 * survives minification and serialisation, and callers map it to an exit code or HTTP status.
 */
export class PlacefirstError extends Error {
  override name = "PlacefirstError";
}

/** Where in an input a problem was found: the file, its 1-based line, and the column or field. */
export interface InputLocation {
  /** The file name as the user gave it, or "(stdin)" or "(request body)". */
  file?: string;
  /** The 1-based line number in the file, counting the header as line 1. */
  line?: number;
  /** The column name or field path. */
  field?: string;
  /** The offending value, as read. */
  value?: string;
}

/**
 * Bad input from a person: a file, a request body or a command-line argument. The message says
 * what was expected; the location says where to look.
 */
export class InputError extends PlacefirstError {
  override name = "InputError";
  readonly location: InputLocation;
  /** What was expected, without the location: the message as it was given. */
  readonly reason: string;

  constructor(message: string, location: InputLocation = {}) {
    super(formatInputMessage(message, location));
    this.location = location;
    this.reason = message;
  }
}

/** Something asked for by id or code that does not exist. */
export class NotFoundError extends PlacefirstError {
  override name = "NotFoundError";
}

/** The user is signed in (or anonymous) but their role does not allow the action. */
export class ForbiddenError extends PlacefirstError {
  override name = "ForbiddenError";
}

/** The action needs a signed-in user. */
export class UnauthorisedError extends PlacefirstError {
  override name = "UnauthorisedError";
}

/** The resource is busy or the action conflicts with the current state (a lock, a duplicate). */
export class ConflictError extends PlacefirstError {
  override name = "ConflictError";
}

function formatInputMessage(message: string, location: InputLocation): string {
  const where: string[] = [];
  if (location.file !== undefined) where.push(location.file);
  if (location.line !== undefined) where.push(`line ${location.line}`);
  // A field of a CSV row is a column; elsewhere (JSON, a flag) it is a field.
  if (location.field !== undefined) {
    where.push(`${location.line !== undefined ? "column" : "field"} "${location.field}"`);
  }
  const prefix = where.length > 0 ? `${where.join(", ")}: ` : "";
  const shown =
    location.value !== undefined ? ` (found ${JSON.stringify(truncate(location.value, 60))})` : "";
  return `${prefix}${message}${shown}`;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
