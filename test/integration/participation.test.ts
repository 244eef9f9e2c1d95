import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Readable } from "node:stream";
import { ConflictError, ForbiddenError, InputError } from "../../src/core/errors.js";
import { loadDemo } from "../../src/data/loadDemo.js";
import { generateDemo } from "../../src/demo/index.js";
import { verifyAudit, readAudit } from "../../src/participation/audit.js";
import { readBallotFile } from "../../src/participation/ballotFile.js";
import { createBoard, seatMember, type Board } from "../../src/participation/boards.js";
import {
  castBallot,
  checkReceipt,
  createConsultation,
  getConsultation,
  listBallots,
} from "../../src/participation/consultations.js";
import {
  addComment,
  hideComment,
  listComments,
  moderateProposal,
  proposeOption,
} from "../../src/participation/discussion.js";
import { runTally } from "../../src/participation/methods/tally.js";
import {
  createInvitations,
  redeemInvitation,
  registerParticipant,
  verifyParticipant,
} from "../../src/participation/participants.js";
import {
  ballotsCsv,
  closeConsultation,
  getWeightSet,
  recordDecision,
} from "../../src/participation/results.js";
import type { Database } from "../../src/store/database.js";
import { backendName, testDatabase } from "../helpers/testDatabase.js";

const officer = { id: 0, role: "officer" };

// Users are made straight in the table with a placeholder hash: these tests are about ballots,
// and hashing a thousand passwords with scrypt would only make them slow.
async function makeUsers(database: Database, prefix: string, count: number): Promise<number[]> {
  const rows = await database.query<{ id: number }>(
    `insert into users (email, password_hash, role)
     select $1 || '-' || n || '@test.invalid', 'scrypt$placeholder', 'participant'
     from generate_series(1, $2::int) n returning id`,
    [prefix, count],
  );
  return rows.map((row) => row.id);
}

async function verifiedParticipants(
  database: Database,
  board: Board,
  constituency: string,
  userIds: number[],
): Promise<void> {
  for (const userId of userIds) {
    const participant = await registerParticipant(database, {
      userId,
      boardId: board.id,
      constituency,
    });
    await verifyParticipant(database, participant.id, officer.id);
  }
}

const hourAgo = (): Date => new Date(Date.now() - 3_600_000);
const inAnHour = (): Date => new Date(Date.now() + 3_600_000);

describe(`participation on ${backendName}`, () => {
  let database: Database;
  let board: Board;
  beforeAll(async () => {
    database = await testDatabase();
    await loadDemo(database, generateDemo(20261128), 20261128);
    const [admin] = await database.query<{ id: number }>(
      `insert into users (email, password_hash, role)
       values ('officer@test.invalid', 'scrypt$placeholder', 'officer') returning id`,
    );
    officer.id = admin!.id;
    board = await createBoard(database, {
      placeCode: "X08000002",
      name: "Local strategy board",
      combination: "per-head",
    });
  });
  afterAll(async () => {
    await database.close();
  });

  test("a ranked consultation: one secret ballot each, replaced only with its receipt, counted as published", async () => {
    const residents = await makeUsers(database, "ranked-resident", 6);
    const employers = await makeUsers(database, "ranked-employer", 2);
    await verifiedParticipants(database, board, "residents", residents);
    await verifiedParticipants(database, board, "employers", employers);
    const [stranger] = await makeUsers(database, "ranked-stranger", 1);
    const [unverified] = await makeUsers(database, "ranked-unverified", 1);
    await registerParticipant(database, {
      userId: unverified!,
      boardId: board.id,
      constituency: "residents",
    });
    const consultation = await createConsultation(
      database,
      {
        boardId: board.id,
        title: "Which goal first?",
        question: "Rank the goals",
        kind: "ranked",
        method: "schulze",
        eligible: ["residents"],
        opensAt: hourAgo(),
        closesAt: inAnHour(),
        options: [
          { key: "jobs", label: "Good jobs" },
          { key: "skills", label: "Skills" },
          { key: "green", label: "Net zero" },
        ],
      },
      officer,
    );
    expect([...consultation.tieBreak].sort()).toEqual(["green", "jobs", "skills"]);
    const vote = (userId: number, ranking: string[][], receipt?: string) =>
      castBallot(database, {
        consultationId: consultation.id,
        userId,
        ballot: { ranking },
        ...(receipt === undefined ? {} : { receipt }),
      });
    const receipts = [];
    for (const [index, userId] of residents.entries()) {
      receipts.push(
        await vote(userId, index < 4 ? [["green"], ["jobs"], ["skills"]] : [["jobs"], ["skills"]]),
      );
    }
    // A second ballot is refused; with the receipt it replaces the first.
    await expect(vote(residents[0]!, [["jobs"]])).rejects.toThrow(ConflictError);
    const replaced = await vote(residents[0]!, [["jobs"], ["green"]], receipts[0]!.receipt);
    expect(replaced).toMatchObject({ replaced: true, check: receipts[0]!.check });
    // A receipt that does not exist, or someone else's receipt from one who has not voted.
    await expect(vote(residents[1]!, [["jobs"]], "no-such-receipt")).rejects.toThrow(InputError);
    // Wrong constituency, unregistered, unverified.
    await expect(vote(employers[0]!, [["jobs"]])).rejects.toThrow(ForbiddenError);
    await expect(vote(stranger!, [["jobs"]])).rejects.toThrow(ForbiddenError);
    await expect(vote(unverified!, [["jobs"]])).rejects.toThrow(/not been verified/);
    // An option that is not on the ballot paper.
    await expect(vote(residents[5]!, [["prestige"]])).rejects.toThrow(/not an option/);
    // The stored ballot carries no participant: the table has no column that could say whose.
    const columns = await database.query<{ column_name: string }>(
      "select column_name from information_schema.columns where table_name = 'ballots'",
    );
    expect(columns.map((c) => c.column_name).sort()).toEqual(
      ["consultation_id", "constituency_id", "content", "id", "receipt_hash"].sort(),
    );
    expect((await getConsultation(database, consultation.id)).ballots).toBe(6);
    await expect(checkReceipt(database, consultation.id, "nothing-like-it")).rejects.toThrow(
      /No ballot/,
    );

    const result = await closeConsultation(database, consultation.id, officer, { early: true });
    // The ballots counted: 3 green>jobs>skills, 1 jobs>green (skills unranked, so last), 2
    // jobs>skills (green last). Green against jobs is 3 to 3; jobs beats skills 6 to 0 and
    // green beats skills 4 to 2. No path separates jobs from green, so the tie-break order
    // published with the consultation places them, and the result says so.
    expect(result.ballots).toBe(6);
    expect(result.tally.ranking.at(-1)).toBe("skills");
    expect(result.tally.ties).toEqual([
      consultation.tieBreak.filter((option) => option !== "skills"),
    ]);
    await expect(vote(residents[5]!, [["jobs"]], receipts[5]!.receipt)).rejects.toThrow(/closed/);
    // The receipt finds the ballot in the published list, as counted.
    const checked = await checkReceipt(database, consultation.id, receipts[0]!.receipt);
    expect(checked.content).toEqual({ ranking: [["jobs"], ["green"]] });
    const published = await listBallots(database, consultation.id);
    expect(published.map((ballot) => ballot.check)).toContain(receipts[0]!.check);
    // Counting the published CSV again gives the published result.
    const csv = await ballotsCsv(database, await getConsultation(database, consultation.id));
    const file = await readBallotFile("ballots.csv", "ranked", {
      source: Readable.from([csv]),
    });
    const recount = runTally("schulze", file.ballots, ["jobs", "skills", "green"], {
      tieBreak: consultation.tieBreak,
    });
    expect(recount.ranking).toEqual(result.tally.ranking);
    expect(recount.details).toEqual(result.tally.details);
    // Representation: only residents were eligible, all six of them voted.
    expect(result.representation.constituency.groups).toEqual([
      expect.objectContaining({ group: "residents", voters: 6 }),
    ]);
    // The audit log verifies, and the board's decision goes on it.
    expect(await verifyAudit(database, consultation.id)).toMatchObject({ ok: true });
    await recordDecision(
      database,
      consultation.id,
      {
        adopted: "Good jobs and net zero share first place",
        votesFor: 10,
        votesAgainst: 2,
        abstentions: 1,
        reasons: "The residents could not separate them.",
      },
      officer,
    );
    await expect(
      recordDecision(
        database,
        consultation.id,
        { adopted: "x", votesFor: null, votesAgainst: null, abstentions: null, reasons: "y" },
        officer,
      ),
    ).rejects.toThrow(ConflictError);
    const log = await readAudit(database, consultation.id);
    expect(log.map((entry) => entry.action)).toEqual([
      "consultation.created",
      ...Array(6).fill("ballot.cast"),
      "ballot.replaced",
      "consultation.closed",
      "decision.recorded",
    ]);
    expect(log.every((entry) => entry.actor === null || !entry.actor.includes("participant"))).toBe(
      true,
    );
    expect(await verifyAudit(database, consultation.id)).toMatchObject({ ok: true, entries: 10 });
  });

  test("the audit log refuses changes, and a log tampered with behind its back fails to verify", async () => {
    const [consultation] = await database.query<{ id: number }>(
      "select id from consultations where result is not null order by id limit 1",
    );
    const id = consultation!.id;
    await expect(
      database.query("update audit_log set actor = 'someone' where consultation_id = $1", [id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      database.query("delete from audit_log where consultation_id = $1 and sequence = 2", [id]),
    ).rejects.toThrow(/append-only/);
    // Someone with the power to switch the guard off rewrites a ballot event.
    await database.exec("alter table audit_log disable trigger audit_log_append_only");
    try {
      await database.query(
        `update audit_log set subject = '{"check": "0000000000000000"}'
         where consultation_id = $1 and sequence = 3`,
        [id],
      );
      const tampered = await verifyAudit(database, id);
      expect(tampered).toMatchObject({ ok: false, sequence: 3 });
      if (!tampered.ok) expect(tampered.problem).toMatch(/altered|does not match/);
    } finally {
      await database.exec("alter table audit_log enable trigger audit_log_append_only");
    }
  });

  test("an equal-voice priority budget weights each constituency alike and becomes a weight set", async () => {
    const residents = await makeUsers(database, "points-resident", 4);
    const unions = await makeUsers(database, "points-union", 1);
    await verifiedParticipants(database, board, "residents", residents);
    await verifiedParticipants(database, board, "trade-unions", unions);
    const equalBoard = await createBoard(database, {
      placeCode: "X08000002",
      name: "Equal voice board",
      combination: "equal-voice",
      constituencies: [
        { key: "residents", name: "Residents", population: 80 },
        { key: "trade-unions", name: "Trade unions", population: 20 },
      ],
    });
    await verifiedParticipants(database, equalBoard, "residents", residents);
    await verifiedParticipants(database, equalBoard, "trade-unions", unions);
    const consultation = await createConsultation(
      database,
      {
        boardId: equalBoard.id,
        title: "Priorities for opportunities",
        question: "Split 100 points",
        kind: "points",
        opensAt: hourAgo(),
        closesAt: inAnHour(),
        options: [
          { key: "pay", label: "Pay" },
          { key: "emissions", label: "Low emissions" },
        ],
      },
      officer,
    );
    for (const userId of residents) {
      await castBallot(database, {
        consultationId: consultation.id,
        userId,
        ballot: { points: { pay: 100 } },
      });
    }
    await expect(
      castBallot(database, {
        consultationId: consultation.id,
        userId: unions[0]!,
        ballot: { points: { pay: 50, emissions: 40 } },
      }),
    ).rejects.toThrow(/add up to 100/);
    await castBallot(database, {
      consultationId: consultation.id,
      userId: unions[0]!,
      ballot: { points: { emissions: 100 } },
    });
    const result = await closeConsultation(database, consultation.id, officer, { early: true });
    // Equal voice: four residents and one trade unionist each carry half the weight. Per head
    // pay would take 80%; here each side's 100 points count alike, so 50% each.
    const shares = (result.tally.details as { shares: Record<string, number> }).shares;
    expect(shares.pay).toBeCloseTo(0.5, 12);
    expect(shares.emissions).toBeCloseTo(0.5, 12);
    expect(result.weights.rule).toBe("equal-voice");
    const weightSet = await getWeightSet(database, "priorities-for-opportunities");
    expect(weightSet.version).toBe(1);
    expect(weightSet.weights.pay).toBeCloseTo(0.5, 12);
    expect(weightSet.provenance).toMatchObject({
      consultation: consultation.id,
      combination: "equal-voice",
      ballots: 5,
    });
    // Post-stratified instead: two residents and the trade unionist vote. Voter shares 2/3 and
    // 1/3 against population shares 0.8 and 0.2 give weights 1.2 and 0.6, so pay gets
    // 2 x 1.2 x 100 = 240 points and emissions 0.6 x 100 = 60: shares 0.8 and 0.2. Kish:
    // (sum w)^2 / sum w^2 = 9 / 3.24 = 2.78 effective ballots, a design effect of 1.08.
    const stratified = await createConsultation(
      database,
      {
        boardId: equalBoard.id,
        title: "Priorities again",
        question: "Split 100 points",
        kind: "points",
        weighting: "post-stratified",
        opensAt: hourAgo(),
        closesAt: inAnHour(),
        options: [
          { key: "pay", label: "Pay" },
          { key: "emissions", label: "Low emissions" },
        ],
      },
      officer,
    );
    for (const userId of residents.slice(0, 2)) {
      await castBallot(database, {
        consultationId: stratified.id,
        userId,
        ballot: { points: { pay: 100 } },
      });
    }
    await castBallot(database, {
      consultationId: stratified.id,
      userId: unions[0]!,
      ballot: { points: { emissions: 100 } },
    });
    const weighted = await closeConsultation(database, stratified.id, officer, { early: true });
    const weightedShares = (weighted.tally.details as { shares: Record<string, number> }).shares;
    expect(weightedShares.pay).toBeCloseTo(0.8, 12);
    expect(weighted.weights.rule).toBe("post-stratified");
    expect(weighted.weights.effectiveSampleSize).toBeCloseTo(9 / 3.24, 12);
    expect(weighted.weights.designEffect).toBeCloseTo(3 / (9 / 3.24), 12);
    // A board without populations cannot post-stratify.
    await expect(
      createConsultation(
        database,
        {
          boardId: board.id,
          title: "No populations",
          question: "?",
          kind: "approval",
          weighting: "post-stratified",
          opensAt: hourAgo(),
          closesAt: inAnHour(),
          options: [
            { key: "A", label: "A" },
            { key: "B", label: "B" },
          ],
        },
        officer,
      ),
    ).rejects.toThrow(/needs the population of every constituency/);
    // Representation against the constituencies' populations: 4 of 5 voters are residents,
    // as 80% of the population are; the union's 20% matches too.
    const union = result.representation.constituency.groups.find(
      (group) => group.group === "trade-unions",
    )!;
    expect(union.ratio).toBeCloseTo(1, 12);
  });

  test("invitation codes verify on use, once; concurrent ballots are each counted once", async () => {
    const codes = await createInvitations(database, {
      boardId: board.id,
      constituency: "young-people",
      neighbourhoodCode: null,
      label: "Test school",
      count: 40,
      createdBy: officer.id,
    });
    const youth = await makeUsers(database, "youth", 40);
    for (const [index, userId] of youth.entries()) {
      const participant = await redeemInvitation(database, {
        userId,
        code: codes[index]!.toLowerCase(),
      });
      expect(participant).toMatchObject({ verified: true, constituency: "young-people" });
    }
    const [late] = await makeUsers(database, "youth-late", 1);
    await expect(redeemInvitation(database, { userId: late!, code: codes[0]! })).rejects.toThrow(
      /already been used/,
    );
    await expect(
      redeemInvitation(database, { userId: late!, code: "AAAA-BBBB-CCCC-DDDD" }),
    ).rejects.toThrow(/does not exist/);
    const consultation = await createConsultation(
      database,
      {
        boardId: board.id,
        title: "Which projects?",
        question: "Approve the projects you support",
        kind: "approval",
        opensAt: hourAgo(),
        closesAt: inAnHour(),
        options: [
          { key: "A", label: "A" },
          { key: "B", label: "B" },
        ],
      },
      officer,
    );
    // Each of 40 voters submits twice at once: one of each pair lands, the other is refused.
    const attempts = youth.flatMap((userId) =>
      [0, 1].map(() =>
        castBallot(database, {
          consultationId: consultation.id,
          userId,
          ballot: { approved: ["A"] },
        }),
      ),
    );
    const outcomes = await Promise.allSettled(attempts);
    const landed = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const refused = outcomes.filter(
      (outcome) => outcome.status === "rejected" && outcome.reason instanceof ConflictError,
    );
    expect(landed).toHaveLength(40);
    expect(refused).toHaveLength(40);
    const result = await closeConsultation(database, consultation.id, officer, { early: true });
    expect((result.tally.details as { approvals: Record<string, number> }).approvals.A).toBe(40);
    expect(await verifyAudit(database, consultation.id)).toMatchObject({ ok: true, entries: 42 });
  });

  test("participants propose options and comment; officers add a proposal before voting starts and hide a comment, on the record", async () => {
    const [proposer, commenter] = await makeUsers(database, "discussion", 2);
    await verifiedParticipants(database, board, "residents", [proposer!, commenter!]);
    const [outsider] = await makeUsers(database, "discussion-outsider", 1);
    const consultation = await createConsultation(
      database,
      {
        boardId: board.id,
        title: "Which first?",
        question: "Rank them",
        kind: "ranked",
        opensAt: hourAgo(),
        closesAt: inAnHour(),
        options: [
          { key: "A", label: "A" },
          { key: "B", label: "B" },
        ],
      },
      officer,
    );
    const first = await proposeOption(database, {
      consultationId: consultation.id,
      userId: proposer!,
      label: "A community energy company",
      description: "Owned by the town",
    });
    expect(first).toMatchObject({ status: "pending", constituency: "Residents" });
    await expect(
      proposeOption(database, { consultationId: consultation.id, userId: outsider!, label: "X" }),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      moderateProposal(database, first.id, { accept: true, reason: "" }, officer),
    ).rejects.toThrow(/say why/);
    const accepted = await moderateProposal(
      database,
      first.id,
      { accept: true, reason: "Within the board's remit" },
      officer,
    );
    expect(accepted).toMatchObject({ status: "accepted", optionKey: `proposal-${first.id}` });
    const withOption = await getConsultation(database, consultation.id);
    expect(withOption.options.map((option) => option.key)).toEqual([
      "A",
      "B",
      `proposal-${first.id}`,
    ]);
    expect([...withOption.tieBreak].sort()).toEqual(["A", "B", `proposal-${first.id}`].sort());
    // Once a ballot is cast, the options are fixed.
    await castBallot(database, {
      consultationId: consultation.id,
      userId: proposer!,
      ballot: { ranking: [[`proposal-${first.id}`], ["A"]] },
    });
    const late = await proposeOption(database, {
      consultationId: consultation.id,
      userId: commenter!,
      label: "A late idea",
    });
    await expect(
      moderateProposal(database, late.id, { accept: true, reason: "Good idea" }, officer),
    ).rejects.toThrow(/options are fixed/);
    await moderateProposal(
      database,
      late.id,
      { accept: false, reason: "For the next round" },
      officer,
    );

    const comment = await addComment(database, {
      consultationId: consultation.id,
      userId: commenter!,
      body: "Energy would keep money in the town.",
      optionKey: `proposal-${first.id}`,
    });
    const rude = await addComment(database, {
      consultationId: consultation.id,
      userId: commenter!,
      body: "Something rude",
    });
    await expect(
      addComment(database, { consultationId: consultation.id, userId: commenter!, body: " " }),
    ).rejects.toThrow(InputError);
    await hideComment(database, rude.id, "Breaks the rules on respect", officer);
    const shown = await listComments(database, consultation.id);
    expect(shown.map((c) => [c.id, c.hidden, c.body])).toEqual([
      [comment.id, false, "Energy would keep money in the town."],
      [rude.id, true, ""],
    ]);
    expect(shown[1]!.reason).toBe("Breaks the rules on respect");
    expect((await listComments(database, consultation.id, { withHidden: true }))[1]!.body).toBe(
      "Something rude",
    );
    const actions = (await readAudit(database, consultation.id)).map((entry) => entry.action);
    expect(actions).toEqual([
      "consultation.created",
      "proposal.made",
      "option.added",
      "proposal.accepted",
      "ballot.cast",
      "proposal.made",
      "proposal.rejected",
      "comment.hidden",
    ]);
    expect(await verifyAudit(database, consultation.id)).toMatchObject({ ok: true, entries: 8 });
  });

  test("members are seated for a constituency, within its seats, under one chair", async () => {
    const small = await createBoard(database, {
      placeCode: "X08000002",
      name: "Small board",
      combination: "per-head",
      constituencies: [
        { key: "residents", name: "Residents", seats: 1 },
        { key: "employers", name: "Employers", seats: 2 },
      ],
    });
    await makeUsers(database, "member", 3);
    const email = (n: number): string => `member-${n}@test.invalid`;
    const seated = await seatMember(database, {
      boardId: small.id,
      email: email(1),
      constituency: "residents",
      role: "chair",
    });
    expect(seated.members).toEqual([
      expect.objectContaining({ email: email(1), constituency: "residents", role: "chair" }),
    ]);
    await expect(
      seatMember(database, {
        boardId: small.id,
        email: email(2),
        constituency: "residents",
        role: "member",
      }),
    ).rejects.toThrow(/1 seats and all are taken/);
    await expect(
      seatMember(database, {
        boardId: small.id,
        email: email(2),
        constituency: "employers",
        role: "chair",
      }),
    ).rejects.toThrow(/a chair already/);
    await expect(
      seatMember(database, {
        boardId: small.id,
        email: "nobody@test.invalid",
        constituency: "employers",
        role: "member",
      }),
    ).rejects.toThrow(/no user has this email/);
    // Moving the chair to another constituency frees the residents' seat.
    await seatMember(database, {
      boardId: small.id,
      email: email(1),
      constituency: "employers",
      role: "chair",
    });
    const moved = await seatMember(database, {
      boardId: small.id,
      email: email(2),
      constituency: "residents",
      role: "member",
    });
    expect(moved.members.map((m) => [m.email, m.constituency, m.role])).toEqual([
      [email(1), "employers", "chair"],
      [email(2), "residents", "member"],
    ]);
  });
});
