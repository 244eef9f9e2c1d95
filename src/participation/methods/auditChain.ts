/**
 * The pure part of a consultation's audit log: an append-only list of entries, each holding the
 * SHA-256 hash of the one before it, so that altering, removing, reordering or inserting an entry
 * breaks the chain from that entry on. The store appends and reads; this module writes entries
 * and checks a list of them. See docs/methods/integrity-and-representation.md.
 *
 * The chain alone cannot show that entries were cut off its end: a log truncated after entry k
 * is a valid chain of k entries. The head (the hash of the last entry) is therefore published
 * with a consultation's results, and `verifyChain(entries, { expectedHead })` checks a log
 * against it.
 */
// Hashing is computation, not I/O; node:crypto is the one SHA-256 every Node has, and a digest
// written by hand here would be one more thing to audit.
import { createHash } from "node:crypto";
import { InputError } from "../../core/errors.js";

/** One entry of the audit log. Plain JSON: it round-trips through the store unchanged. */
export interface AuditEntry {
  /** The entry's 1-based position in the log; consecutive. */
  sequence: number;
  /** When the action happened: an ISO 8601 date-time with a time zone, as the service wrote it. */
  at: string;
  /**
   * Who acted: a user id or a role label ("system", "returning officer"), or null. For ballot
   * events never the voter's identity, so the log cannot link a voter to a ballot.
   */
  actor: string | null;
  /** What happened, as a short verb phrase or code ("consultation.opened", "ballot.cast"). */
  action: string;
  /** What the action was about: plain JSON (ids, counts, the options), no undefined or NaN. */
  subject: Record<string, unknown>;
  /** The hash of the previous entry; {@link zeroHash} for the first. Lowercase hex SHA-256. */
  previousHash: string;
  /** The SHA-256 of the canonical JSON of the other six fields ({@link entryHash}). */
  hash: string;
}

/** An entry before its hash is computed. */
export type UnhashedAuditEntry = Omit<AuditEntry, "hash">;

/** What a caller records; {@link nextEntry} adds the sequence and the hashes. */
export interface AuditEvent {
  /** When it happened: an ISO 8601 date-time with a time zone ("2025-03-01T09:30:00Z"). */
  at: string;
  /** A user id or role label, or null; never a voter's identity for ballot events. */
  actor: string | null;
  /** What happened; not empty. */
  action: string;
  /** What it was about: a plain JSON object. */
  subject: Record<string, unknown>;
}

/** Options for {@link verifyChain}. */
export interface VerifyChainOptions {
  /**
   * The head published with the results: the hash the last entry must have. Lowercase or
   * uppercase hex. Without it a log cut off at its end still verifies. Default: none.
   */
  expectedHead?: string;
}

/**
 * The outcome of {@link verifyChain}: either the number of entries and the head, or the first
 * entry found wrong and what is wrong with it, in words.
 */
export type ChainVerification =
  | { ok: true; entries: number; head: string }
  | {
      ok: false;
      /**
       * The 1-based position of the first entry found wrong, which is the sequence a valid entry
       * there would carry. For a log that does not end at the published head, the position of
       * the first entry missing (one past the last).
       */
      sequence: number;
      problem: string;
    };

/** The previous hash of the first entry: 64 zeros. */
export const zeroHash = "0".repeat(64);

const hexHash = /^[0-9a-f]{64}$/;

// An ISO 8601 date-time with seconds and an explicit zone, as Date.prototype.toISOString writes
// it (or with an offset); a bare date or a local time would hash differently on each machine.
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A value as canonical JSON, in the manner of RFC 8785 (the JSON Canonicalization Scheme): object
 * keys sorted by UTF-16 code units at every depth, no whitespace, numbers and strings written as
 * ECMAScript's `JSON.stringify` writes them (so -0 is written 0). Equal values give equal strings
 * whatever the order their keys were set in, which is what makes a hash of them stable.
 *
 * @param value null, a boolean, a finite number, a string, an array or a plain object of these.
 * @returns The canonical JSON text.
 * @throws InputError naming the path (`$.subject.count`) of a non-finite number, an undefined
 *   (including an array hole), a function, symbol or bigint, an object that is not plain (a Date,
 *   a Map, a class instance) or a cycle.
 */
export function canonicalJson(value: unknown): string {
  return writeCanonical(value, "$", new Set());
}

function writeCanonical(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) {
        throw new InputError(`canonicalJson: ${path} is ${value}; numbers must be finite`, {
          field: path,
        });
      }
      return JSON.stringify(value);
    case "string":
      return JSON.stringify(value);
    case "object":
      break;
    default:
      throw new InputError(
        `canonicalJson: ${path} is ${typeof value}; only null, booleans, finite numbers, strings, arrays and plain objects are JSON`,
        { field: path },
      );
  }
  if (ancestors.has(value)) {
    throw new InputError(`canonicalJson: ${path} refers back to an object that contains it`, {
      field: path,
    });
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      // A for loop, not map, so that holes are read as undefined and rejected.
      for (let index = 0; index < value.length; index += 1) {
        items.push(writeCanonical(value[index], `${path}[${index}]`, ancestors));
      }
      return `[${items.join(",")}]`;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
      throw new InputError(`canonicalJson: ${path} is a ${kind}; only plain objects are JSON`, {
        field: path,
      });
    }
    const record = value as Record<string, unknown>;
    // The default sort compares UTF-16 code units, as RFC 8785 section 3.2.3 requires.
    const keys = Object.keys(record).sort();
    const members = keys.map(
      (key) => `${JSON.stringify(key)}:${writeCanonical(record[key], `${path}.${key}`, ancestors)}`,
    );
    return `{${members.join(",")}}`;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * The hash of an entry: the lowercase hex SHA-256 of the UTF-8 canonical JSON of its sequence,
 * time, actor, action, subject and previous hash. Any other property (the entry's own `hash`,
 * for one) is ignored, so a stored entry can be passed as it is.
 *
 * @param entry The entry's fields.
 * @returns 64 lowercase hex digits.
 * @throws InputError when a field cannot be written as canonical JSON (see {@link canonicalJson}).
 */
export function entryHash(entry: UnhashedAuditEntry): string {
  const { sequence, at, actor, action, subject, previousHash } = entry;
  const text = canonicalJson({ sequence, at, actor, action, subject, previousHash });
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * The entry that follows `previous` in the log: the next sequence number, `previous.hash` as its
 * previous hash (the zero hash for the first entry), and its own hash. The subject is copied
 * through its canonical JSON, so the entry holds exactly what was hashed and later changes to
 * the caller's object do not reach it.
 *
 * @param previous The last entry of the log, or null when the log is empty.
 * @param event What to record.
 * @returns The new entry, ready to append.
 * @throws InputError when `previous` has no valid sequence or hash, `at` is not an ISO 8601
 *   date-time with a zone, the actor is an empty string, the action is empty, or the subject is
 *   not a plain JSON object.
 */
export function nextEntry(previous: AuditEntry | null, event: AuditEvent): AuditEntry {
  if (previous !== null) {
    if (!Number.isInteger(previous.sequence) || previous.sequence < 1) {
      throw new InputError(
        `nextEntry: the previous entry's sequence is ${previous.sequence}; expected an integer >= 1`,
        { field: "sequence" },
      );
    }
    if (typeof previous.hash !== "string" || !hexHash.test(previous.hash)) {
      throw new InputError("nextEntry: the previous entry's hash is not 64 lowercase hex digits", {
        field: "hash",
        value: String(previous.hash),
      });
    }
  }
  const { at, actor, action, subject } = event;
  if (typeof at !== "string" || !isoDateTime.test(at) || !Number.isFinite(Date.parse(at))) {
    throw new InputError(
      "nextEntry: at must be an ISO 8601 date-time with a time zone, such as 2025-03-01T09:30:00Z",
      { field: "at", value: String(at) },
    );
  }
  if (actor !== null && (typeof actor !== "string" || actor === "")) {
    throw new InputError("nextEntry: actor must be a non-empty string, or null for no actor", {
      field: "actor",
      value: String(actor),
    });
  }
  if (typeof action !== "string" || action === "") {
    throw new InputError("nextEntry: action must be a non-empty string", { field: "action" });
  }
  if (typeof subject !== "object" || subject === null || Array.isArray(subject)) {
    throw new InputError("nextEntry: subject must be a plain object", { field: "subject" });
  }
  const unhashed: UnhashedAuditEntry = {
    sequence: previous === null ? 1 : previous.sequence + 1,
    at,
    actor,
    action,
    subject: JSON.parse(canonicalJson(subject)) as Record<string, unknown>,
    previousHash: previous === null ? zeroHash : previous.hash,
  };
  return { ...unhashed, hash: entryHash(unhashed) };
}

/**
 * Checks an audit log from its first entry: that each entry's hash matches its contents, that
 * each links to the hash of the one before (the first to the zero hash), that sequence numbers
 * run 1, 2, 3, … and, when given, that the log ends at the published head. Stops at the first
 * problem, since everything after a break is unanchored.
 *
 * What it detects: an entry altered in any field (its hash no longer matches, or, if the hash
 * was recomputed, the next entry's link breaks); an entry removed, two swapped, or one inserted
 * (a link breaks); a log that starts mid-way. What it cannot detect alone: entries cut off the
 * end, or the last entry altered with its hash recomputed; comparing the head with the one
 * published (`expectedHead`) detects both. Nor does it check that times increase: clocks step
 * back, and the order that matters is the chain's.
 *
 * @param entries The log, in sequence order.
 * @param options The published head, if any.
 * @returns `{ ok: true, entries, head }` (head is the zero hash for an empty log), or
 *   `{ ok: false, sequence, problem }` for the first problem found.
 * @throws InputError when `expectedHead` is not 64 hex digits.
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  options: VerifyChainOptions = {},
): ChainVerification {
  const expectedHead = options.expectedHead?.toLowerCase();
  if (expectedHead !== undefined && !hexHash.test(expectedHead)) {
    throw new InputError("verifyChain: expectedHead must be 64 hex digits", {
      field: "expectedHead",
      value: options.expectedHead,
    });
  }
  let previousHash = zeroHash;
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index]!;
    const position = index + 1;
    const recorded = entry.sequence === position ? "" : ` (recorded as sequence ${entry.sequence})`;
    let computed: string;
    try {
      computed = entryHash(entry);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail(position, `entry ${position}${recorded} cannot be hashed: ${reason}`);
    }
    // Contents first: a mismatch here pins the change on this entry. A link break with a
    // matching hash means the entry is intact but its neighbours are not the ones it was
    // written after.
    if (computed !== entry.hash) {
      return fail(
        position,
        `entry ${position}${recorded}: its hash does not match its contents, so the entry was altered after it was written`,
      );
    }
    if (entry.previousHash !== previousHash) {
      return fail(
        position,
        position === 1
          ? `entry 1${recorded}: it is not linked to the zero hash, so it is not the first entry of the log; entries before it were removed`
          : `entry ${position}${recorded}: its previous hash does not match the hash of entry ${position - 1}, so an entry was removed, reordered or inserted before it`,
      );
    }
    if (entry.sequence !== position) {
      return fail(
        position,
        `entry ${position} is recorded as sequence ${entry.sequence}; sequence numbers must run 1, 2, 3, … without gaps`,
      );
    }
    previousHash = entry.hash;
  }
  if (expectedHead !== undefined && previousHash !== expectedHead) {
    const publishedAt = entries.findIndex((entry) => entry.hash === expectedHead);
    const last = entries.length;
    if (publishedAt >= 0) {
      return fail(
        publishedAt + 2,
        `the log continues past the published head (entry ${publishedAt + 1}) to entry ${last}; verify entries 1 to ${publishedAt + 1} against it`,
      );
    }
    return fail(
      last + 1,
      last === 0
        ? `the log is empty but the published head is ${expectedHead}; its entries were removed`
        : `the log ends at entry ${last} with head ${previousHash}, not the published head ${expectedHead}: entries after ${last} were removed or the last entry was altered, or the head belongs to another log`,
    );
  }
  return { ok: true, entries: entries.length, head: previousHash };
}

function fail(sequence: number, problem: string): ChainVerification {
  return { ok: false, sequence, problem };
}
