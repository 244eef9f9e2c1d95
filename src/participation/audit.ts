import { NotFoundError } from "../core/errors.js";
import type { Queryable } from "../store/database.js";
import {
  nextEntry,
  verifyChain,
  type AuditEntry,
  type ChainVerification,
} from "./methods/auditChain.js";

/**
 * Appends one entry to a consultation's audit log, chained to the last. Call it inside the
 * transaction that does the action, after locking the consultation row (`for update`), so that
 * concurrent actions take consecutive sequence numbers and the entry is written only if the
 * action is.
 */
export async function appendAudit(
  transaction: Queryable,
  consultationId: number,
  event: { actor: string | null; action: string; subject: Record<string, unknown> },
): Promise<AuditEntry> {
  const [last] = await transaction.query<AuditEntry>(
    `${selectEntries} where consultation_id = $1 order by sequence desc limit 1`,
    [consultationId],
  );
  const entry = nextEntry(last ?? null, { ...event, at: new Date().toISOString() });
  await transaction.query(
    `insert into audit_log
       (consultation_id, sequence, at, actor, action, subject, previous_hash, hash)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
    [
      consultationId,
      entry.sequence,
      entry.at,
      entry.actor,
      entry.action,
      JSON.stringify(entry.subject),
      entry.previousHash,
      entry.hash,
    ],
  );
  return entry;
}

/** A consultation's audit log, in order. */
export async function readAudit(
  database: Queryable,
  consultationId: number,
): Promise<AuditEntry[]> {
  return database.query<AuditEntry>(
    `${selectEntries} where consultation_id = $1 order by sequence`,
    [consultationId],
  );
}

/**
 * Verifies a consultation's audit log: every entry's hash matches its contents and links to the
 * one before, and, once results are published, the entry at the published sequence has the
 * head published with them (so a log cut short, or rewritten from there on, is found out).
 * Entries after it (a board decision) are allowed.
 */
export async function verifyAudit(
  database: Queryable,
  consultationId: number,
): Promise<ChainVerification> {
  const [published] = await database.query<{ head: string | null; sequence: number | null }>(
    `select result ->> 'auditHead' as head, (result ->> 'auditSequence')::int as sequence
     from consultations where id = $1`,
    [consultationId],
  );
  if (published === undefined)
    throw new NotFoundError(`There is no consultation ${consultationId}.`);
  const entries = await readAudit(database, consultationId);
  const verification = verifyChain(entries);
  if (!verification.ok || published?.head == null || published.sequence == null) {
    return verification;
  }
  const atHead = entries[published.sequence - 1];
  if (atHead?.hash !== published.head) {
    return {
      ok: false,
      sequence: published.sequence,
      problem:
        atHead === undefined
          ? `the log ends before entry ${published.sequence}, whose hash was published with the results`
          : `entry ${published.sequence} does not have the hash published with the results ` +
            `(${published.head}): the log was rewritten from there on`,
    };
  }
  return verification;
}

const selectEntries = `select sequence, at, actor, action, subject,
  previous_hash as "previousHash", hash from audit_log`;
