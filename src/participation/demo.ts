import { randomBytes } from "node:crypto";
import { apportion } from "../demo/apportion.js";
import { Random } from "../demo/random.js";
import type { Database } from "../store/database.js";
import { createBoard, seatMember } from "./boards.js";
import { castBallot, createConsultation } from "./consultations.js";
import { addComment, proposeOption } from "./discussion.js";
import { closeConsultation, recordDecision } from "./results.js";

/** The demo district whose board, consultations and weight set the demo shows. */
export const demoBoardPlace = "X08000002";

// How the demo's constituencies lean when they share 100 points among the opportunity
// criteria: fictional, but in the directions such groups tend to argue for.
const leanings: Record<string, Record<string, number>> = {
  residents: {
    pay: 3,
    skillsAccess: 3,
    deprivedAccess: 3,
    emissions: 2,
    foundational: 2,
    growth: 1,
  },
  "young-people": { pay: 3, growth: 3, emissions: 3, skillsAccess: 2, complexityGain: 1 },
  councillors: { growth: 3, pay: 2, deprivedAccess: 2, foundational: 2, complexityGain: 2 },
  employers: { growth: 4, complexityGain: 3, skillsAccess: 2, pay: 1 },
  "trade-unions": { pay: 4, skillsAccess: 3, foundational: 2, emissions: 1 },
  "third-sector": { deprivedAccess: 4, foundational: 3, skillsAccess: 2, emissions: 2 },
};

// Voters per constituency and each one's population, for representation.
const turnout: Record<string, [voters: number, population: number]> = {
  residents: [120, 88_000],
  "young-people": [30, 12_500],
  councillors: [12, 40],
  employers: [20, 3_100],
  "trade-unions": [24, 9_000],
  "third-sector": [14, 420],
};

/**
 * Sets up the demo's participation, once: a local strategy board for one district with its six
 * constituencies; 220 fictional participants across its neighbourhoods and age bands (fewer from
 * the most deprived, as is common, so the results page can warn of it); a closed priority budget
 * whose result is the weight set `opportunity-priorities`, with the board's decision; closed
 * priority budgets for the scorecard's goals (`scorecard-goals`) and for which skills gaps to
 * close first (`skills-priorities`); a closed
 * participatory budget counted by the Method of Equal Shares; and an open ranked ballot on the
 * sectors to back, in which `participantUserId` (the demo participant account) may vote.
 * Ballots go through the same path as real ones, so the audit logs verify.
 */
export async function seedDemoParticipation(
  database: Database,
  options: { participantUserId?: number; officerUserId?: number } = {},
): Promise<boolean> {
  const [existing] = await database.query("select 1 from boards where place_code = $1", [
    demoBoardPlace,
  ]);
  if (existing !== undefined) return false;
  const random = new Random(20261128);
  const [district] = await database.query<{ name: string }>(
    "select name from places where code = $1",
    [demoBoardPlace],
  );
  if (district === undefined) return false;
  const board = await database.transaction((tx) =>
    createBoard(tx, {
      placeCode: demoBoardPlace,
      name: `${district.name} local strategy board`,
      combination: "equal-voice",
      constituencies: [
        { key: "residents", name: "Residents", seats: 4, population: turnout.residents![1] },
        {
          key: "young-people",
          name: "Young people",
          seats: 2,
          population: turnout["young-people"]![1],
        },
        { key: "councillors", name: "Councillors", seats: 3, population: turnout.councillors![1] },
        { key: "employers", name: "Employers", seats: 2, population: turnout.employers![1] },
        {
          key: "trade-unions",
          name: "Trade unions",
          seats: 2,
          population: turnout["trade-unions"]![1],
        },
        {
          key: "third-sector",
          name: "Third sector",
          seats: 2,
          population: turnout["third-sector"]![1],
        },
      ],
    }),
  );
  const neighbourhoods = await database.query<{ code: string; score: number | null }>(
    `select p.code, (select o.value from observations o where o.place_code = p.code
       and o.indicator_id = 'imd_score' order by o.period desc limit 1) as score
     from places p where p.parent_code = $1 order by p.code`,
    [demoBoardPlace],
  );
  // Fewer voters where deprivation is higher: a weight falling with the score.
  const scores = neighbourhoods.map((n) => n.score ?? 20);
  const weights = scores.map((score) => Math.exp(-score / 25));
  const ageBands = ["16-24", "25-34", "35-44", "45-54", "55-64", "65+"];
  const ageWeights = [0.6, 0.9, 1, 1.2, 1.4, 1.6];
  const officer = options.officerUserId ?? (await demoOfficer(database));
  const actor = { id: officer, role: "officer" };

  const voters: { userId: number; constituency: string }[] = [];
  for (const [constituency, [count]] of Object.entries(turnout)) {
    const users = await database.query<{ id: number }>(
      `insert into users (email, password_hash, role)
       select $1 || '-' || n || '@demo.placefirst.invalid', $2, 'participant'
       from generate_series(1, $3::int) n returning id`,
      [`voter-${constituency}`, unusableHash(), count],
    );
    const constituencyId = board.constituencies.find((c) => c.key === constituency)!.id;
    for (const { id } of users) {
      const neighbourhood =
        constituency === "residents" || constituency === "young-people"
          ? neighbourhoods[pick(random, weights)]!.code
          : null;
      const ageBand =
        constituency === "young-people" ? "16-24" : ageBands[pick(random, ageWeights)]!;
      await database.query(
        `insert into participants (user_id, board_id, constituency_id, neighbourhood_code, age_band,
           verified_at, verified_by) values ($1, $2, $3, $4, $5, now(), $6)`,
        [id, board.id, constituencyId, neighbourhood, ageBand, officer],
      );
      voters.push({ userId: id, constituency });
    }
  }
  if (options.participantUserId !== undefined) {
    await database.query(
      `insert into participants (user_id, board_id, constituency_id, neighbourhood_code, age_band,
         verified_at, verified_by) values ($1, $2, $3, $4, '35-44', now(), $5)`,
      [
        options.participantUserId,
        board.id,
        board.constituencies.find((c) => c.key === "residents")!.id,
        neighbourhoods[0]?.code ?? null,
        officer,
      ],
    );
  }
  const [member] = await database.query<{ email: string }>(
    "select email from users where role = 'board_member' order by id limit 1",
  );
  if (member !== undefined) {
    await database.transaction((tx) =>
      seatMember(tx, {
        boardId: board.id,
        email: member.email,
        constituency: "councillors",
        role: "chair",
      }),
    );
  }
  const day = 86_400_000;
  const now = Date.now();

  // 1. The priority budget that weights the opportunity ranking.
  const criteria = [
    ["pay", "Good pay", "Industries whose median pay is highest"],
    [
      "skillsAccess",
      "Jobs without a degree",
      "Industries with the most jobs open to people without a degree",
    ],
    [
      "deprivedAccess",
      "Jobs near the most deprived neighbourhoods",
      "Industries whose jobs sit within reach of the neighbourhoods that most need them",
    ],
    ["emissions", "Low emissions", "Industries that emit least for what they produce"],
    ["growth", "Growing industries", "Industries growing fastest nationally"],
    [
      "foundational",
      "The foundational economy",
      "Care, health, education, food, utilities, housing and transport",
    ],
    [
      "complexityGain",
      "New capabilities",
      "Industries that would most widen what the place can do",
    ],
  ] as const;
  const priorities = await database.transaction((tx) =>
    createConsultation(
      tx,
      {
        boardId: board.id,
        title: "What should the sectors we grow bring?",
        question: `Share 100 points among what matters most when ${district.name} chooses the sectors to grow.`,
        kind: "points",
        opensAt: new Date(now - 40 * day),
        closesAt: new Date(now + day),
        options: criteria.map(([key, label, description]) => ({
          key,
          label,
          description,
          evidenceUrl: `/profile/${demoBoardPlace}/opportunities`,
        })),
      },
      actor,
    ),
  );
  for (const voter of voters) {
    const lean = leanings[voter.constituency]!;
    const raw = criteria.map(([key]) => (lean[key] ?? 0.3) * Math.exp(random.normal(0, 0.5)));
    const points = apportion(100, raw);
    await castBallot(database, {
      consultationId: priorities.id,
      userId: voter.userId,
      ballot: { points: Object.fromEntries(criteria.map(([key], i) => [key, points[i]!])) },
    });
  }
  await closeConsultation(database, priorities.id, actor, {
    early: true,
    weightSetName: "opportunity-priorities",
  });
  await recordDecision(
    database,
    priorities.id,
    {
      adopted: "The weight set opportunity-priorities, version 1, for ranking the sectors to grow.",
      votesFor: 13,
      votesAgainst: 1,
      abstentions: 1,
      reasons:
        "Each constituency had an equal voice. Turnout in the most deprived neighbourhoods was low, so the board will hold a second round there with invitation codes before the strategy is adopted.",
    },
    actor,
  );

  // 1b. How much each goal of the scorecard should count.
  const goals = [
    ["prosperity", "Prosperity"],
    ["jobs", "Good jobs"],
    ["equality", "Equality"],
    ["sustainability", "Sustainability"],
    ["wellbeing", "Wellbeing"],
    ["skills", "Skills"],
  ] as const;
  const goalLean: Record<string, number[]> = {
    residents: [1, 2, 2, 1.5, 2, 1],
    "young-people": [1, 2, 1.5, 2.5, 1.5, 2],
    councillors: [2, 2, 1.5, 1, 1, 1.5],
    employers: [3, 1.5, 0.5, 1, 0.5, 2],
    "trade-unions": [1, 3, 2, 1, 1, 1.5],
    "third-sector": [0.5, 1.5, 3, 1.5, 2, 1],
  };
  const goalBudget = await database.transaction((tx) =>
    createConsultation(
      tx,
      {
        boardId: board.id,
        title: "How much should each goal count?",
        question: `Share 100 points among the goals the scorecard measures ${district.name} by.`,
        kind: "points",
        opensAt: new Date(now - 35 * day),
        closesAt: new Date(now + day),
        options: goals.map(([key, label]) => ({
          key,
          label,
          evidenceUrl: `/scorecard/${demoBoardPlace}`,
        })),
      },
      actor,
    ),
  );
  for (const voter of voters) {
    const lean = goalLean[voter.constituency]!;
    const points = apportion(
      100,
      lean.map((value) => value * Math.exp(random.normal(0, 0.4))),
    );
    await castBallot(database, {
      consultationId: goalBudget.id,
      userId: voter.userId,
      ballot: { points: Object.fromEntries(goals.map(([key], i) => [key, points[i]!])) },
    });
  }
  await closeConsultation(database, goalBudget.id, actor, {
    early: true,
    weightSetName: "scorecard-goals",
  });

  // 1c. Which skills gaps to close first: the weight set of the skills investment list. Its own
  // stream of draws, so that what follows is drawn as before.
  const skillsRandom = new Random(20261129);
  const skillsCriteria = [
    ["size", "The biggest shortfalls", "Close the gaps with the most people missing first"],
    ["pay", "Well-paid jobs", "Train first for the occupations that pay best"],
    [
      "access",
      "Jobs without a degree",
      "Train first for jobs at level 3 or below, open to people without a degree",
    ],
  ] as const;
  const skillsLean: Record<string, number[]> = {
    residents: [1.5, 1.5, 2.5],
    "young-people": [1, 2.5, 2],
    councillors: [2, 1.5, 1.5],
    employers: [3, 0.5, 1.5],
    "trade-unions": [1, 3, 2],
    "third-sector": [1, 1, 3],
  };
  const skillsBudget = await database.transaction((tx) =>
    createConsultation(
      tx,
      {
        boardId: board.id,
        title: "Which skills gaps should we close first?",
        question: `Share 100 points among what should decide which skills ${district.name} invests in first.`,
        kind: "points",
        opensAt: new Date(now - 32 * day),
        closesAt: new Date(now + day),
        options: skillsCriteria.map(([key, label, description]) => ({
          key,
          label,
          description,
          evidenceUrl: `/skills/${demoBoardPlace}`,
        })),
      },
      actor,
    ),
  );
  for (const voter of voters) {
    const lean = skillsLean[voter.constituency]!;
    const points = apportion(
      100,
      lean.map((value) => value * Math.exp(skillsRandom.normal(0, 0.4))),
    );
    await castBallot(database, {
      consultationId: skillsBudget.id,
      userId: voter.userId,
      ballot: { points: Object.fromEntries(skillsCriteria.map(([key], i) => [key, points[i]!])) },
    });
  }
  await closeConsultation(database, skillsBudget.id, actor, {
    early: true,
    weightSetName: "skills-priorities",
  });

  // 2. A participatory budget for neighbourhood projects, counted by equal shares.
  const projects = [
    ["skills-hub", "Skills hub in the town centre", 450_000],
    ["care-coop", "Care workers' co-operative", 180_000],
    ["retrofit", "Street-by-street home retrofit", 520_000],
    ["food-market", "Covered food market", 260_000],
    ["bus-link", "Evening bus to the industrial estate", 140_000],
    ["youth-makers", "Young makers' workshop", 90_000],
    ["digital-help", "Digital help in libraries", 60_000],
  ] as const;
  const budget = await database.transaction((tx) =>
    createConsultation(
      tx,
      {
        boardId: board.id,
        title: "Neighbourhood projects for £1 million",
        question: "Which projects do you support?",
        kind: "budgeting",
        budget: 1_000_000,
        opensAt: new Date(now - 30 * day),
        closesAt: new Date(now + day),
        eligible: ["residents", "young-people"],
        options: projects.map(([key, label, cost]) => ({ key, label, cost })),
      },
      actor,
    ),
  );
  const tastes: Record<string, number[]> = {
    residents: [0.45, 0.5, 0.55, 0.45, 0.35, 0.15, 0.3],
    "young-people": [0.6, 0.15, 0.4, 0.3, 0.45, 0.85, 0.35],
  };
  for (const voter of voters) {
    const taste = tastes[voter.constituency];
    if (taste === undefined) continue;
    const approved = projects.filter((_, i) => random.next() < taste[i]!).map(([key]) => key);
    await castBallot(database, {
      consultationId: budget.id,
      userId: voter.userId,
      ballot: { approved: approved.length > 0 ? approved : ["skills-hub"] },
    });
  }
  await closeConsultation(database, budget.id, actor, { early: true });

  // 3. An open ranked ballot on the sectors to back first, with the evidence one click away.
  const sectors = [
    ["28", "Machinery and equipment"],
    ["36", "Water supply"],
    ["86", "Health care"],
    ["62", "Software and IT services"],
    ["42", "Civil engineering"],
  ] as const;
  const ranked = await database.transaction((tx) =>
    createConsultation(
      tx,
      {
        boardId: board.id,
        title: "Which sector should the strategy back first?",
        question: "Rank the sectors from the one you would back first.",
        kind: "ranked",
        method: "schulze",
        opensAt: new Date(now - 2 * day),
        closesAt: new Date(now + 28 * day),
        options: sectors.map(([code, label]) => ({
          key: `sic-${code}`,
          label,
          evidenceUrl: `/profile/${demoBoardPlace}/opportunities#industry-${code}`,
        })),
      },
      actor,
    ),
  );
  for (const voter of voters.slice(0, 90)) {
    const order = sectors
      .map(([code]) => ({ key: `sic-${code}`, value: random.next() }))
      .sort((a, b) => a.value - b.value)
      .slice(0, 3)
      .map((entry) => [entry.key]);
    await castBallot(database, {
      consultationId: ranked.id,
      userId: voter.userId,
      ballot: { ranking: order },
    });
  }
  const comments: [number, string, string | null][] = [
    [0, "Care and health jobs are the ones my neighbours can get to without a car.", "sic-86"],
    [3, "Software pays well but would it hire anyone from our estate?", "sic-62"],
    [
      125,
      "Machinery makers are already here; backing them keeps the apprenticeships going.",
      "sic-28",
    ],
  ];
  for (const [voter, body, optionKey] of comments) {
    await addComment(database, {
      consultationId: ranked.id,
      userId: voters[voter]!.userId,
      body,
      optionKey,
    });
  }
  await proposeOption(database, {
    consultationId: ranked.id,
    userId: voters[40]!.userId,
    label: "Food processing",
    description: "Three food firms have opened on the ring road since 2020.",
  });
  return true;
}

async function demoOfficer(database: Database): Promise<number> {
  const [officer] = await database.query<{ id: number }>(
    "select id from users where role in ('officer', 'admin') order by role = 'officer' desc, id limit 1",
  );
  if (officer !== undefined) return officer.id;
  const [created] = await database.query<{ id: number }>(
    `insert into users (email, password_hash, role) values ('demo-officer@demo.placefirst.invalid', $1, 'officer')
     returning id`,
    [unusableHash()],
  );
  return created!.id;
}

// A hash in the stored format whose password nobody knows: the fictional voters cannot sign in.
function unusableHash(): string {
  return [
    "scrypt",
    2 ** 15,
    8,
    1,
    randomBytes(16).toString("base64"),
    randomBytes(32).toString("base64"),
  ].join("$");
}

function pick(random: Random, weights: readonly number[]): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let target = random.next() * total;
  for (const [index, weight] of weights.entries()) {
    target -= weight;
    if (target < 0) return index;
  }
  return weights.length - 1;
}
