import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { InputError } from "../../core/errors.js";
import type { AuditEntry, AuditEvent } from "./auditChain.js";
import { canonicalJson, entryHash, nextEntry, verifyChain, zeroHash } from "./auditChain.js";

// A consultation's life in five events. Ballot events carry no actor: the log must never link a
// voter to a ballot.
const events: AuditEvent[] = [
  {
    at: "2025-03-01T09:00:00Z",
    actor: "officer-1",
    action: "consultation.opened",
    subject: { consultationId: "c1", options: ["A", "B", "C"] },
  },
  {
    at: "2025-03-01T10:15:00Z",
    actor: null,
    action: "ballot.cast",
    subject: { consultationId: "c1", ballotId: "b1" },
  },
  {
    at: "2025-03-02T11:00:00Z",
    actor: null,
    action: "ballot.cast",
    subject: { consultationId: "c1", ballotId: "b2" },
  },
  {
    at: "2025-03-03T12:30:00.250Z",
    actor: null,
    action: "ballot.cast",
    subject: { consultationId: "c1", ballotId: "b3" },
  },
  {
    at: "2025-03-08T17:00:00+01:00",
    actor: "officer-2",
    action: "consultation.closed",
    subject: { consultationId: "c1", ballots: 3, tieBreak: ["B", "A", "C"] },
  },
];

function buildChain(): AuditEntry[] {
  const chain: AuditEntry[] = [];
  for (const event of events) chain.push(nextEntry(chain.at(-1) ?? null, event));
  return chain;
}

// An entry altered and its hash recomputed, as a forger who knows the scheme would.
function rehashed(entry: AuditEntry): AuditEntry {
  return { ...entry, hash: entryHash(entry) };
}

describe("canonicalJson", () => {
  test("canonicalJson(value) sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  test("canonicalJson(value) does not depend on the order keys were set in", () => {
    const first = { consultationId: "c1", counts: { A: 3, B: 5 }, note: "ok" };
    const second = { note: "ok", counts: { B: 5, A: 3 }, consultationId: "c1" };
    expect(canonicalJson(first)).toBe(canonicalJson(second));
  });

  test("canonicalJson(value) sorts keys by UTF-16 code units, as RFC 8785 does", () => {
    // Upper case (U+0041...) sorts before lower case (U+0061...), and "10" before "9".
    expect(canonicalJson({ b: 0, B: 0, a: 0, "9": 0, "10": 0 })).toBe(
      '{"10":0,"9":0,"B":0,"a":0,"b":0}',
    );
  });

  test("canonicalJson(value) writes numbers and strings as JSON.stringify does", () => {
    expect(canonicalJson([1, 1.5, -0, 1e21, 0.1, 'é\n"', true])).toBe(
      '[1,1.5,0,1e+21,0.1,"é\\n\\"",true]',
    );
  });

  test("canonicalJson(value) throws an InputError naming the path of a value JSON cannot hold", () => {
    expect(() => canonicalJson({ a: { b: Number.NaN } })).toThrow(InputError);
    expect(() => canonicalJson({ a: { b: Number.NaN } })).toThrow(/\$\.a\.b is NaN/);
    expect(() => canonicalJson({ a: [1, Infinity] })).toThrow(/\$\.a\[1\] is Infinity/);
    expect(() => canonicalJson({ a: undefined })).toThrow(/\$\.a is undefined/);
    // An array hole is undefined too.
    const holed = [1, 2, 3];
    delete holed[1];
    expect(() => canonicalJson(holed)).toThrow(/\$\[1\] is undefined/);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/\$\.when is a Date/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow(/refers back/);
  });
});

describe("entryHash", () => {
  const entry = {
    sequence: 1,
    at: "2025-03-01T09:30:00Z",
    actor: "officer-1",
    action: "consultation.opened",
    subject: { options: ["A", "B"], consultationId: "c1" },
    previousHash: zeroHash,
  };
  // The canonical JSON of the entry, written out by hand: keys in code-unit order.
  const expectedText =
    `{"action":"consultation.opened","actor":"officer-1","at":"2025-03-01T09:30:00Z",` +
    `"previousHash":"${"0".repeat(64)}","sequence":1,` +
    `"subject":{"consultationId":"c1","options":["A","B"]}}`;

  test("entryHash(entry) is the SHA-256 of the entry's canonical JSON, computed independently", () => {
    expect(canonicalJson(entry)).toBe(expectedText);
    const direct = createHash("sha256").update(expectedText, "utf8").digest("hex");
    expect(entryHash(entry)).toBe(direct);
    // The same digest from the coreutils command line, so the value does not rest on Node alone:
    // printf '%s' "$text" | sha256sum
    expect(entryHash(entry)).toBe(
      "0c87dc601f8234a5151c318331b9403d615d881816c6645026d51790414d39cd",
    );
  });

  test("entryHash(entry) ignores the entry's own hash and any other property", () => {
    const stored = { ...entry, hash: "f".repeat(64), note: "not hashed" };
    expect(entryHash(stored)).toBe(entryHash(entry));
  });
});

describe("nextEntry", () => {
  test("nextEntry(null, event) starts the log at sequence 1, linked to the zero hash", () => {
    const first = nextEntry(null, events[0]!);
    expect(first.sequence).toBe(1);
    expect(first.previousHash).toBe(zeroHash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.hash).toBe(entryHash(first));
  });

  test("nextEntry(previous, event) numbers entries consecutively and links each to the last", () => {
    const chain = buildChain();
    chain.forEach((entry, index) => {
      expect(entry.sequence).toBe(index + 1);
      expect(entry.previousHash).toBe(index === 0 ? zeroHash : chain[index - 1]!.hash);
    });
  });

  test("nextEntry(previous, event) copies the subject, so later changes to it do not reach the entry", () => {
    const subject = { consultationId: "c1", options: ["A"] };
    const entry = nextEntry(null, { ...events[0]!, subject });
    subject.options.push("B");
    expect(entry.subject).toEqual({ consultationId: "c1", options: ["A"] });
    expect(verifyChain([entry]).ok).toBe(true);
  });

  test("nextEntry(previous, event) throws an InputError for a bad time, actor, action, subject or previous entry", () => {
    const event = events[0]!;
    expect(() => nextEntry(null, { ...event, at: "2025-03-01" })).toThrow(InputError);
    expect(() => nextEntry(null, { ...event, at: "2025-03-01T09:00:00" })).toThrow(/time zone/);
    expect(() => nextEntry(null, { ...event, at: "2025-13-45T09:00:00Z" })).toThrow(/ISO 8601/);
    expect(() => nextEntry(null, { ...event, actor: "" })).toThrow(/actor/);
    expect(() => nextEntry(null, { ...event, action: "" })).toThrow(/action/);
    expect(() => nextEntry(null, { ...event, subject: { count: Number.NaN } })).toThrow(
      /\$\.count is NaN/,
    );
    expect(() => nextEntry(null, { ...event, subject: { note: undefined } })).toThrow(
      /\$\.note is undefined/,
    );
    const first = nextEntry(null, event);
    expect(() => nextEntry({ ...first, hash: "abc" }, event)).toThrow(/hash/);
    expect(() => nextEntry({ ...first, sequence: 0 }, event)).toThrow(/sequence/);
  });
});

describe("verifyChain", () => {
  test("verifyChain(entries) accepts a log of several entries and returns its head", () => {
    const chain = buildChain();
    expect(verifyChain(chain)).toEqual({ ok: true, entries: 5, head: chain[4]!.hash });
  });

  test("verifyChain(entries) accepts an empty log, whose head is the zero hash", () => {
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, head: zeroHash });
    expect(verifyChain([], { expectedHead: zeroHash }).ok).toBe(true);
  });

  test("verifyChain(entries) accepts a log that went through JSON, as the store keeps it", () => {
    const chain = JSON.parse(JSON.stringify(buildChain())) as AuditEntry[];
    expect(verifyChain(chain).ok).toBe(true);
  });

  test("verifyChain(entries) finds any field of any entry altered", () => {
    const alterations: Array<[string, (entry: AuditEntry) => AuditEntry]> = [
      [
        "subject value",
        (entry) => ({ ...entry, subject: { ...entry.subject, consultationId: "c2" } }),
      ],
      ["subject key added", (entry) => ({ ...entry, subject: { ...entry.subject, extra: 1 } })],
      ["actor", (entry) => ({ ...entry, actor: entry.actor === null ? "officer-9" : null })],
      ["at", (entry) => ({ ...entry, at: "2025-03-04T00:00:00Z" })],
      ["action", (entry) => ({ ...entry, action: "ballot.spoiled" })],
      ["sequence", (entry) => ({ ...entry, sequence: entry.sequence + 10 })],
      ["previousHash", (entry) => ({ ...entry, previousHash: "1".repeat(64) })],
      ["hash", (entry) => ({ ...entry, hash: "2".repeat(64) })],
    ];
    for (const [field, alter] of alterations) {
      for (let index = 0; index < events.length; index += 1) {
        const chain = buildChain();
        chain[index] = alter(chain[index]!);
        const result = verifyChain(chain);
        expect(result, `${field} of entry ${index + 1}`).toMatchObject({
          ok: false,
          sequence: index + 1,
        });
        if (!result.ok) expect(result.problem).toMatch(/does not match its contents.*altered/);
      }
    }
  });

  test("verifyChain(entries) finds an altered entry whose hash was recomputed, at the next entry", () => {
    const chain = buildChain();
    chain[1] = rehashed({ ...chain[1]!, subject: { consultationId: "c1", ballotId: "forged" } });
    const result = verifyChain(chain);
    expect(result).toMatchObject({ ok: false, sequence: 3 });
    if (!result.ok) expect(result.problem).toMatch(/does not match the hash of entry 2/);
  });

  test("verifyChain(entries) finds an entry removed", () => {
    // Remove entry 3: entry 4, now third, still links to entry 3's hash, not entry 2's.
    const chain = buildChain();
    chain.splice(2, 1);
    const result = verifyChain(chain);
    expect(result).toMatchObject({ ok: false, sequence: 3 });
    if (!result.ok) {
      expect(result.problem).toMatch(/recorded as sequence 4/);
      expect(result.problem).toMatch(/removed, reordered or inserted/);
    }
  });

  test("verifyChain(entries) finds the first entry removed", () => {
    const chain = buildChain().slice(1);
    const result = verifyChain(chain);
    expect(result).toMatchObject({ ok: false, sequence: 1 });
    if (!result.ok) expect(result.problem).toMatch(/not linked to the zero hash/);
  });

  test("verifyChain(entries) finds two entries swapped", () => {
    const chain = buildChain();
    [chain[1], chain[2]] = [chain[2]!, chain[1]!];
    const result = verifyChain(chain);
    expect(result).toMatchObject({ ok: false, sequence: 2 });
    if (!result.ok) expect(result.problem).toMatch(/removed, reordered or inserted/);
  });

  test("verifyChain(entries) finds an entry inserted, even one well formed and linked to the entry before", () => {
    // The forger writes a valid entry after entry 2 with nextEntry itself; it verifies, but the
    // original entry 3, now fourth, does not link to it.
    const chain = buildChain();
    const forged = nextEntry(chain[1]!, {
      at: "2025-03-02T10:00:00Z",
      actor: null,
      action: "ballot.cast",
      subject: { consultationId: "c1", ballotId: "forged" },
    });
    chain.splice(2, 0, forged);
    const result = verifyChain(chain);
    expect(result).toMatchObject({ ok: false, sequence: 4 });
    if (!result.ok) expect(result.problem).toMatch(/does not match the hash of entry 3/);
  });

  test("verifyChain(entries) finds sequence numbers that are not consecutive in an otherwise sound chain", () => {
    // A writer that skipped a number: every hash and link is sound, only the numbering is wrong.
    const first = nextEntry(null, events[0]!);
    const second = rehashed({ ...nextEntry(first, events[1]!), sequence: 3 });
    const result = verifyChain([first, second]);
    expect(result).toMatchObject({ ok: false, sequence: 2 });
    if (!result.ok) expect(result.problem).toMatch(/recorded as sequence 3.*without gaps/);
  });

  test("verifyChain(entries) cannot see entries cut off the end without the published head", () => {
    const chain = buildChain();
    const head = chain[4]!.hash;
    const truncated = chain.slice(0, 3);
    // The chain alone is sound: three entries.
    expect(verifyChain(truncated)).toEqual({ ok: true, entries: 3, head: chain[2]!.hash });
    // Against the head published with the results, the missing entries show.
    const result = verifyChain(truncated, { expectedHead: head });
    expect(result).toMatchObject({ ok: false, sequence: 4 });
    if (!result.ok) expect(result.problem).toMatch(/not the published head.*removed/);
    expect(verifyChain(chain, { expectedHead: head })).toEqual({ ok: true, entries: 5, head });
    // Heads copied from a printed notice may be in upper case.
    expect(verifyChain(chain, { expectedHead: head.toUpperCase() }).ok).toBe(true);
  });

  test("verifyChain(entries, { expectedHead }) finds the last entry altered with its hash recomputed", () => {
    const chain = buildChain();
    const head = chain[4]!.hash;
    chain[4] = rehashed({ ...chain[4]!, subject: { consultationId: "c1", ballots: 2 } });
    expect(verifyChain(chain).ok).toBe(true);
    expect(verifyChain(chain, { expectedHead: head })).toMatchObject({ ok: false, sequence: 6 });
  });

  test("verifyChain(entries, { expectedHead }) says when the log continues past the published head", () => {
    const chain = buildChain();
    const result = verifyChain(chain, { expectedHead: chain[2]!.hash });
    expect(result).toMatchObject({ ok: false, sequence: 4 });
    if (!result.ok) expect(result.problem).toMatch(/verify entries 1 to 3/);
    expect(verifyChain(chain.slice(0, 3), { expectedHead: chain[2]!.hash }).ok).toBe(true);
  });

  test("verifyChain(entries) reports an entry that cannot be hashed instead of throwing", () => {
    const chain = buildChain();
    chain[1] = { ...chain[1]!, subject: { count: Number.NaN } };
    const result = verifyChain(chain);
    expect(result).toMatchObject({ ok: false, sequence: 2 });
    if (!result.ok) expect(result.problem).toMatch(/cannot be hashed.*NaN/);
  });

  test("verifyChain(entries, { expectedHead }) throws an InputError for a head that is not a hash", () => {
    expect(() => verifyChain([], { expectedHead: "abc" })).toThrow(InputError);
  });
});
