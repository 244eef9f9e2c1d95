import { execFileSync } from "node:child_process";
import { Agent, request } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { buildApp } from "../src/api/app.js";
import { startSession, type Session } from "../src/api/auth/users.js";
import { loadDemo } from "../src/data/loadDemo.js";
import { generateDemo } from "../src/demo/index.js";
import { Random } from "../src/demo/random.js";
import { readAudit, verifyAudit } from "../src/participation/audit.js";
import { createBoard } from "../src/participation/boards.js";
import { createConsultation } from "../src/participation/consultations.js";
import type { Role } from "../src/core/vocabulary.js";
import { testDatabase } from "../test/helpers/testDatabase.js";

/** One correctness check of the load test. */
export interface LoadCheck {
  /** What must hold, in words. */
  name: string;
  ok: boolean;
  /** What was found. */
  found: string;
}

/** What the load test measured on one backend. */
export interface BallotLoadResult {
  backend: "embedded" | "server";
  /** Verified participants, each sending one valid ballot. */
  participants: number;
  /** Second ballots sent by participants who also sent a first, at the same time. */
  duplicates: number;
  /** The client's connections: at most this many requests in flight at once. */
  connections: number;
  /** TCP connections the app's server accepted during the test. */
  connectionsAccepted: number;
  /** The most requests the app was handling at one moment: evidence they really overlapped. */
  peakInFlight: number;
  /** Seconds to load the demo and set up the board, users, sessions and consultation. */
  setupSeconds: number;
  /** Seconds from the first request sent to the last response read. */
  wallSeconds: number;
  requestsPerSecond: number;
  /** Latency as the client saw it (queueing for a connection included), in milliseconds. */
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Responses by HTTP status; requests that got none are counted under "no response". */
  statusCounts: Record<string, number>;
  checks: LoadCheck[];
  /** The peak resident memory of the process holding the app and (embedded) the database, MB. */
  peakMemoryMb: number;
}

const participantCount = 1_000;
const duplicateCount = 200;
const connections = 256;
const optionKeys = ["A", "B", "C", "D", "E"];

interface PlannedBallot {
  /** The participant's index in the users made. */
  participant: number;
  ranking: string[][];
}

// The nearest-rank percentile of sorted values (Hyndman and Fan 1996, definition 1).
function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

function post(
  agent: Agent,
  port: number,
  path: string,
  session: Session,
  body: string,
): Promise<{ status: number | "no response"; ms: number; body: string }> {
  const started = process.hrtime.bigint();
  const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e6;
  return new Promise((resolve) => {
    const outgoing = request(
      {
        agent,
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          cookie: `pf_session=${session.token}`,
          "x-csrf-token": session.csrfToken,
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode!, ms: elapsed(), body: text }),
        );
        response.on("error", (error) =>
          resolve({ status: "no response", ms: elapsed(), body: error.message }),
        );
      },
    );
    outgoing.on("error", (error) =>
      resolve({ status: "no response", ms: elapsed(), body: error.message }),
    );
    outgoing.end(body);
  });
}

/**
 * The load test itself, in a child process on the backend DATABASE_URL names (a fresh database
 * on that server, dropped afterwards) or an in-memory embedded database.
 */
async function measureLoad(): Promise<BallotLoadResult> {
  const setupStarted = process.hrtime.bigint();
  const database = await testDatabase();
  try {
    process.stderr.write(`  setting up on the ${database.kind} database…\n`);
    await loadDemo(database, generateDemo(20261128), 20261128);
    const [officer] = await database.query<{ id: number }>(
      `insert into users (email, password_hash, role)
       values ('officer@bench.invalid', 'scrypt$placeholder', 'officer') returning id`,
    );
    const board = await createBoard(database, {
      placeCode: "X08000002",
      name: "Load test board",
      combination: "per-head",
    });
    // Users straight into the table with a placeholder hash, and verified participants in one
    // insert, spread over the board's constituencies: the test is about ballots, not sign-up.
    const users = await database.query<{ id: number; email: string; role: Role }>(
      `insert into users (email, password_hash, role)
       select 'voter-' || n || '@bench.invalid', 'scrypt$placeholder', 'participant'
       from generate_series(1, $1::int) n order by n returning id, email, role`,
      [participantCount],
    );
    await database.query(
      `insert into participants (user_id, board_id, constituency_id, verified_at, verified_by)
       select t.user_id, $3, t.constituency_id, now(), $4
       from unnest($1::int[], $2::int[]) as t(user_id, constituency_id)`,
      [
        users.map((user) => user.id),
        users.map((_, index) => board.constituencies[index % board.constituencies.length]!.id),
        board.id,
        officer!.id,
      ],
    );
    const sessions: Session[] = [];
    for (const user of users) sessions.push(await startSession(database, user));
    const consultation = await database.transaction((transaction) =>
      createConsultation(
        transaction,
        {
          boardId: board.id,
          title: "Load test",
          question: "Rank the options",
          kind: "ranked",
          method: "schulze",
          opensAt: new Date(Date.now() - 3_600_000),
          closesAt: new Date(Date.now() + 3_600_000),
          options: optionKeys.map((key) => ({ key, label: `Option ${key}` })),
        },
        { id: officer!.id, role: "officer" },
      ),
    );

    // Every participant's ballot, and second ballots from 200 of them, each a random ranking of
    // some of the options, all in one shuffled list so that a participant's two requests race
    // each other: whichever commits first is counted and the other must be refused.
    const random = new Random(20261128);
    const ranking = (): string[][] =>
      random
        .shuffle(optionKeys)
        .slice(0, random.integer(1, optionKeys.length))
        .map((key) => [key]);
    const planned: PlannedBallot[] = users.map((_, participant) => ({
      participant,
      ranking: ranking(),
    }));
    for (const participant of random
      .shuffle(users.map((_, index) => index))
      .slice(0, duplicateCount)) {
      planned.push({ participant, ranking: ranking() });
    }
    const shuffled = random.shuffle(planned);

    const app = await buildApp({ database, secureCookies: false });
    const agent = new Agent({ keepAlive: true, maxSockets: connections });
    try {
      await app.listen({ port: 0, host: "127.0.0.1" });
      const { port } = app.server.address() as AddressInfo;
      let connectionsAccepted = 0;
      let inFlight = 0;
      let peakInFlight = 0;
      app.server.on("connection", () => (connectionsAccepted += 1));
      app.server.on("request", (_request, response) => {
        inFlight += 1;
        peakInFlight = Math.max(peakInFlight, inFlight);
        response.on("close", () => (inFlight -= 1));
      });
      const path = `/api/v1/consultations/${consultation.id}/ballots`;
      const setupSeconds = Number(process.hrtime.bigint() - setupStarted) / 1e9;
      process.stderr.write(
        `  sending ${shuffled.length.toLocaleString("en-GB")} ballots at once over ${connections} connections…\n`,
      );
      const started = process.hrtime.bigint();
      const responses = await Promise.all(
        shuffled.map((ballot) =>
          post(
            agent,
            port,
            path,
            sessions[ballot.participant]!,
            JSON.stringify({ ballot: { ranking: ballot.ranking } }),
          ),
        ),
      );
      const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;

      const statusCounts: Record<string, number> = {};
      for (const response of responses) {
        const key = String(response.status);
        statusCounts[key] = (statusCounts[key] ?? 0) + 1;
      }
      const count = (status: string): number => statusCounts[status] ?? 0;
      const serverErrors = responses.filter(
        (response) => response.status === "no response" || response.status >= 500,
      );
      const accepted = shuffled.filter((_, index) => responses[index]!.status === 201);
      const acceptedBy = new Map<number, number>();
      for (const ballot of accepted) {
        acceptedBy.set(ballot.participant, (acceptedBy.get(ballot.participant) ?? 0) + 1);
      }
      const refusedAsDuplicate = responses.filter(
        (response) => response.status === 409 && /already voted/.test(response.body),
      ).length;
      const receipts = new Set(
        responses
          .filter((response) => response.status === 201)
          .map((response) => (JSON.parse(response.body) as { receipt: string }).receipt),
      );
      const [stored] = await database.query<{ ballots: number; votes: number }>(
        `select (select count(*)::int from ballots where consultation_id = $1) as ballots,
                (select count(*)::int from votes_cast where consultation_id = $1) as votes`,
        [consultation.id],
      );
      // The ballots stored must be exactly the ballots whose requests were accepted, each once.
      const tally = (rankings: readonly string[][][]): string =>
        JSON.stringify(
          [
            ...rankings
              .map((entry) => JSON.stringify(entry))
              .reduce((counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map())
              .entries(),
          ].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        );
      const storedContents = await database.query<{ content: { ranking: string[][] } }>(
        "select content from ballots where consultation_id = $1",
        [consultation.id],
      );
      const audit = await verifyAudit(database, consultation.id);
      const auditEntries = (await readAudit(database, consultation.id)).length;

      const checks: LoadCheck[] = [
        {
          name: `exactly ${participantCount} ballots accepted (201)`,
          ok: count("201") === participantCount,
          found: `${count("201")}`,
        },
        {
          name: "each participant's ballot accepted exactly once",
          ok:
            acceptedBy.size === participantCount &&
            [...acceptedBy.values()].every((times) => times === 1),
          found: `${acceptedBy.size} participants with a ballot accepted, ${
            [...acceptedBy.values()].filter((times) => times > 1).length
          } more than once`,
        },
        {
          name: `exactly ${duplicateCount} duplicates refused (409, already voted)`,
          ok: count("409") === duplicateCount && refusedAsDuplicate === duplicateCount,
          found: `${count("409")} refused with 409, ${refusedAsDuplicate} saying already voted`,
        },
        {
          name: "no 5xx and no request without a response",
          ok: serverErrors.length === 0,
          found:
            serverErrors.length === 0
              ? "none"
              : `${serverErrors.length}, the first: ${serverErrors[0]!.status} ${serverErrors[0]!.body.slice(0, 200)}`,
        },
        {
          name: `no other status than 201 and 409`,
          ok: count("201") + count("409") === responses.length,
          found: JSON.stringify(statusCounts),
        },
        {
          name: `${participantCount} distinct receipts`,
          ok: receipts.size === participantCount,
          found: `${receipts.size}`,
        },
        {
          name: `${participantCount} ballots stored for the consultation`,
          ok: stored?.ballots === participantCount,
          found: `${stored?.ballots}`,
        },
        {
          name: `${participantCount} participants marked as having voted (votes_cast)`,
          ok: stored?.votes === participantCount,
          found: `${stored?.votes}`,
        },
        {
          name: "the ballots stored are exactly the ballots accepted",
          ok:
            tally(storedContents.map((row) => row.content.ranking)) ===
            tally(accepted.map((ballot) => ballot.ranking)),
          found: `${storedContents.length} stored, ${accepted.length} accepted`,
        },
        {
          name: `the audit log verifies with ${participantCount + 1} entries`,
          ok: audit.ok && auditEntries === participantCount + 1,
          found: audit.ok
            ? `verifies, ${auditEntries} entries`
            : `fails at entry ${audit.sequence}: ${audit.problem}`,
        },
      ];
      const latencies = responses.map((response) => response.ms).sort((a, b) => a - b);
      return {
        backend: database.kind,
        participants: participantCount,
        duplicates: duplicateCount,
        connections,
        connectionsAccepted,
        peakInFlight,
        setupSeconds,
        wallSeconds,
        requestsPerSecond: responses.length / wallSeconds,
        latencyMs: {
          p50: percentile(latencies, 0.5),
          p95: percentile(latencies, 0.95),
          p99: percentile(latencies, 0.99),
          max: latencies.at(-1) ?? Number.NaN,
        },
        statusCounts,
        checks,
        peakMemoryMb: process.resourceUsage().maxRSS / 1024,
      };
    } finally {
      agent.destroy();
      await app.close();
    }
  } finally {
    await database.close();
  }
}

/**
 * A load test on loopback, through the real app and its HTTP server: 1,000 verified participants
 * each send a ranked ballot and 200 of them a second one, all 1,200 requests at once over 256
 * connections. Every valid ballot must be counted exactly once, every duplicate refused (409),
 * and no request may end in a 5xx. Runs on an in-memory embedded database and, when DATABASE_URL
 * is set, on a fresh database on that server; each in a process of its own. A run that fails is
 * returned as a failed check, not thrown.
 */
export function ballotLoadBench(): BallotLoadResult[] {
  const child = fileURLToPath(import.meta.url);
  const serverUrl = process.env.DATABASE_URL ?? "";
  const backends: { backend: "embedded" | "server"; url: string }[] = [
    { backend: "embedded", url: "" },
  ];
  if (serverUrl !== "") backends.push({ backend: "server", url: serverUrl });
  return backends.map(({ backend, url }) => {
    process.stderr.write(`Load test of ballot submission on the ${backend} database…\n`);
    try {
      const output = execFileSync(process.execPath, [child, "run"], {
        env: { ...process.env, DATABASE_URL: url },
        encoding: "utf8",
        maxBuffer: 16 * 1024 * 1024,
      });
      return JSON.parse(output.trim().split("\n").at(-1)!) as BallotLoadResult;
    } catch (error) {
      const message = (error as { stderr?: string; message?: string }).stderr ?? String(error);
      return {
        backend,
        participants: participantCount,
        duplicates: duplicateCount,
        connections,
        connectionsAccepted: Number.NaN,
        peakInFlight: Number.NaN,
        setupSeconds: Number.NaN,
        wallSeconds: Number.NaN,
        requestsPerSecond: Number.NaN,
        latencyMs: { p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN },
        statusCounts: {},
        checks: [{ name: "the load test ran to the end", ok: false, found: message.trim() }],
        peakMemoryMb: Number.NaN,
      };
    }
  });
}

// Run as a child of ballotLoadBench: `node ballotLoadBench.js run`.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === "run") {
  process.stdout.write(`${JSON.stringify(await measureLoad())}\n`);
}
