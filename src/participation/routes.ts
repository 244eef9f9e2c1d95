import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { dataEditors } from "../api/access.js";
import type { Role } from "../core/vocabulary.js";
import { readAudit, verifyAudit } from "./audit.js";
import { consultationKinds } from "./ballotContent.js";
import {
  addComment,
  hideComment,
  listComments,
  listProposals,
  moderateProposal,
  proposeOption,
} from "./discussion.js";
import { createBoard, getBoard, listBoards, seatMember } from "./boards.js";
import {
  castBallot,
  checkReceipt,
  consultationWeightings,
  createConsultation,
  getConsultation,
  listBallots,
  listConsultations,
} from "./consultations.js";
import { tallyMethods } from "./methods/ballots.js";
import { constituencyWeightRules } from "./methods/representation.js";
import {
  ageBands,
  createInvitations,
  listParticipants,
  redeemInvitation,
  registerParticipant,
  verifyParticipant,
} from "./participants.js";
import {
  ballotsCsv,
  closeConsultation,
  consultationResult,
  costsCsv,
  getDecision,
  getWeightSet,
  listWeightSets,
  recordDecision,
} from "./results.js";

/** Who records a board's decision: its members, and officers on their behalf. */
export const decisionMakers: readonly Role[] = ["admin", "officer", "board_member"];

const problem = z.object({ error: z.string(), message: z.string() });
const numericId = z.coerce.number().int().positive();
const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected lower-case letters, digits and -");
const constituency = z.object({
  id: z.number(),
  key: z.string(),
  name: z.string(),
  seats: z.number(),
  population: z.number().nullable(),
});
const board = z.object({
  id: z.number(),
  placeCode: z.string(),
  placeName: z.string(),
  name: z.string(),
  combination: z.enum(constituencyWeightRules),
  constituencies: z.array(constituency),
  members: z.array(
    z.object({
      userId: z.number(),
      email: z.string(),
      constituency: z.string(),
      role: z.enum(["chair", "member"]),
    }),
  ),
});
const participant = z.object({
  id: z.number(),
  boardId: z.number(),
  constituency: z.string(),
  neighbourhoodCode: z.string().nullable(),
  ageBand: z.string().nullable(),
  verified: z.boolean(),
});
const option = z.object({
  key: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/),
  label: z.string().min(1),
  description: z.string().default(""),
  evidenceUrl: z.string().nullable().default(null),
  cost: z.number().positive().nullable().default(null),
});
const consultation = z.object({
  id: z.number(),
  boardId: z.number(),
  boardName: z.string(),
  placeCode: z.string(),
  placeName: z.string(),
  title: z.string(),
  question: z.string(),
  kind: z.enum(consultationKinds),
  method: z.enum(tallyMethods),
  budget: z.number().nullable(),
  grades: z.array(z.string()).nullable(),
  eligible: z.array(z.string()).nullable(),
  weighting: z.enum(consultationWeightings),
  opensAt: z.date(),
  closesAt: z.date(),
  closedAt: z.date().nullable(),
  status: z.enum(["scheduled", "open", "awaiting count", "closed"]),
  tieBreak: z.array(z.string()),
  options: z.array(option),
  ballots: z.number(),
  fictional: z.boolean(),
});
const ballot = z.union([
  z.object({ points: z.record(z.string(), z.number()) }),
  z.object({ ranking: z.array(z.array(z.string())) }),
  z.object({ approved: z.array(z.string()) }),
  z.object({ grades: z.record(z.string(), z.number()) }),
]);
const weightSet = z.object({
  id: z.number(),
  name: z.string(),
  version: z.number(),
  weights: z.record(z.string(), z.number()),
  provenance: z.record(z.string(), z.unknown()),
  consultationId: z.number().nullable(),
  createdAt: z.date(),
});
const decision = z.object({
  consultationId: z.number(),
  adopted: z.string(),
  votesFor: z.number().nullable(),
  votesAgainst: z.number().nullable(),
  abstentions: z.number().nullable(),
  reasons: z.string(),
  recordedAt: z.date(),
});
/** The signed-in user as the services record an actor: id and role. */
export const actorOf = (request: {
  session?: { user: { id: number; role: string } } | undefined;
}): { id: number; role: string } => ({
  id: request.session!.user.id,
  role: request.session!.user.role,
});

/** The participation part of the JSON API, mounted under /api/v1. */
export async function participationRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const database = app.database;
  const tags = ["participation"];
  const security = [{ session: [] }];

  app.get(
    "/boards",
    { schema: { summary: "Local strategy boards", tags, response: { 200: z.array(board) } } },
    async () => listBoards(database),
  );

  app.post(
    "/boards",
    {
      schema: {
        summary: "Set up a local strategy board for a place (admin, officer)",
        description:
          "Constituencies default to residents, young people, councillors, employers, trade unions and the third sector. `combination` says how constituencies are combined in results: equal-voice (each constituency the same total weight) or per-head.",
        tags,
        security,
        body: z.object({
          placeCode: z.string().min(1),
          name: z.string().min(1),
          combination: z.enum(constituencyWeightRules),
          constituencies: z
            .array(
              z.object({
                key,
                name: z.string().min(1),
                seats: z.number().int().nonnegative().default(0),
                population: z.number().nonnegative().nullable().default(null),
              }),
            )
            .optional(),
        }),
        response: { 201: board, 400: problem, 404: problem },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request, reply) => {
      const created = await database.transaction((tx) => createBoard(tx, request.body));
      return reply.code(201).send(created);
    },
  );

  app.post(
    "/boards/:id/members",
    {
      schema: {
        summary: "Seat a user on a board for a constituency, as chair or member (admin, officer)",
        description:
          "Seats per constituency are not exceeded and a board has one chair. Give the user the board_member role so they can record the board's decisions.",
        tags,
        security,
        params: z.object({ id: numericId }),
        body: z.object({
          email: z.string().min(3),
          constituency: key,
          role: z.enum(["chair", "member"]).default("member"),
        }),
        response: { 200: board, 400: problem, 404: problem, 409: problem },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request) =>
      database.transaction((tx) => seatMember(tx, { boardId: request.params.id, ...request.body })),
  );

  app.post(
    "/boards/:id/participants",
    {
      schema: {
        summary: "Register yourself as a participant of a board (any signed-in user)",
        description:
          "The registration waits for an officer to verify it. Only the constituency, and where given a neighbourhood and an age band, are kept.",
        tags,
        security,
        params: z.object({ id: numericId }),
        body: z.object({
          constituency: key,
          neighbourhoodCode: z.string().nullable().default(null),
          ageBand: z.enum(ageBands).nullable().default(null),
        }),
        response: { 201: participant, 400: problem, 409: problem },
      },
      config: { access: "signed-in" },
    },
    async (request, reply) => {
      const registered = await database.transaction((tx) =>
        registerParticipant(tx, {
          userId: request.session!.user.id,
          boardId: request.params.id,
          ...request.body,
        }),
      );
      return reply.code(201).send(registered);
    },
  );

  app.get(
    "/boards/:id/participants",
    {
      schema: {
        summary: "A board's participants, unverified first (admin, officer)",
        tags,
        security,
        params: z.object({ id: numericId }),
        response: { 200: z.array(participant.extend({ email: z.string() })) },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request) => listParticipants(database, request.params.id),
  );

  app.post(
    "/participants/:id/verify",
    {
      schema: {
        summary: "Verify a participant (admin, officer)",
        tags,
        security,
        params: z.object({ id: numericId }),
        response: { 200: participant, 404: problem },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request) =>
      database.transaction((tx) =>
        verifyParticipant(tx, request.params.id, request.session!.user.id),
      ),
  );

  app.post(
    "/boards/:id/invitations",
    {
      schema: {
        summary: "Issue single-use invitation codes for a constituency (admin, officer)",
        description:
          "For a school, a union branch or a neighbourhood. The codes are returned once; only their hashes are kept.",
        tags,
        security,
        params: z.object({ id: numericId }),
        body: z.object({
          constituency: key,
          neighbourhoodCode: z.string().nullable().default(null),
          label: z.string().min(1),
          count: z.number().int().min(1).max(10_000),
        }),
        response: { 201: z.object({ codes: z.array(z.string()) }), 400: problem },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request, reply) => {
      const codes = await database.transaction((tx) =>
        createInvitations(tx, {
          boardId: request.params.id,
          ...request.body,
          createdBy: request.session!.user.id,
        }),
      );
      return reply.code(201).send({ codes });
    },
  );

  app.post(
    "/invitations/redeem",
    {
      schema: {
        summary: "Redeem an invitation code: become a verified participant (any signed-in user)",
        tags,
        security,
        body: z.object({
          code: z.string().min(1),
          ageBand: z.enum(ageBands).nullable().default(null),
        }),
        response: { 200: participant, 400: problem, 409: problem },
      },
      config: { access: "signed-in" },
    },
    async (request) =>
      database.transaction((tx) =>
        redeemInvitation(tx, { userId: request.session!.user.id, ...request.body }),
      ),
  );

  app.get(
    "/consultations",
    {
      schema: {
        summary: "Consultations, the latest closing first",
        tags,
        querystring: z.object({ board: numericId.optional() }),
        response: { 200: z.array(consultation) },
      },
    },
    async (request) =>
      listConsultations(
        database,
        request.query.board === undefined ? {} : { boardId: request.query.board },
      ),
  );

  app.get(
    "/consultations/:id",
    {
      schema: {
        summary: "One consultation, with its options, status and tie-break order",
        tags,
        params: z.object({ id: numericId }),
        response: { 200: consultation, 404: problem },
      },
    },
    async (request) => getConsultation(database, request.params.id),
  );

  app.post(
    "/consultations",
    {
      schema: {
        summary: "Open a consultation (admin, officer)",
        description:
          "Kinds: points (a priority budget: split `budget`, default 100, points; the main source of weight sets), ranked (schulze, ranked-pairs, irv or borda), approval, scores (majority judgement over `grades`), budgeting (approval ballots and project costs, counted by the Method of Equal Shares within `budget`). `eligible` lists the constituencies that may take part (all when absent). `weighting` is `board` (the board's rule for combining constituencies, the default) or `post-stratified` (each constituency's voters weighted to its share of the population; needs every population; disclosed with the result). A tie-break order is drawn and published.",
        tags,
        security,
        body: z.object({
          boardId: z.number().int().positive(),
          title: z.string().min(1),
          question: z.string().min(1),
          kind: z.enum(consultationKinds),
          method: z.enum(tallyMethods).optional(),
          budget: z.number().positive().nullable().optional(),
          grades: z.array(z.string().min(1)).min(2).nullable().optional(),
          eligible: z.array(key).nullable().optional(),
          weighting: z.enum(consultationWeightings).optional(),
          opensAt: z.coerce.date(),
          closesAt: z.coerce.date(),
          options: z.array(option).min(2),
        }),
        response: { 201: consultation, 400: problem, 404: problem },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request, reply) => {
      const created = await database.transaction((tx) =>
        createConsultation(tx, request.body, actorOf(request)),
      );
      return reply.code(201).send(created);
    },
  );

  app.post(
    "/consultations/:id/ballots",
    {
      schema: {
        summary: "Cast a ballot, or replace yours by giving its receipt (a verified participant)",
        description:
          "One ballot per participant, enforced by the database. The ballot is stored without any link to you; keep the receipt code to change it before closing or to find it in the published list.",
        tags,
        security,
        params: z.object({ id: numericId }),
        body: z.object({ ballot, receipt: z.string().nullable().optional() }),
        response: {
          201: z.object({ receipt: z.string(), check: z.string(), replaced: z.boolean() }),
          400: problem,
          403: problem,
          409: problem,
        },
      },
      config: { access: "signed-in" },
    },
    async (request, reply) => {
      const receipt = await castBallot(database, {
        consultationId: request.params.id,
        userId: request.session!.user.id,
        ballot: request.body.ballot,
        receipt: request.body.receipt ?? null,
      });
      return reply.code(201).send(receipt);
    },
  );

  app.post(
    "/consultations/:id/receipt",
    {
      schema: {
        summary: "Check a receipt: is the ballot recorded, and (once published) as what?",
        description: "POST so that the receipt code stays out of addresses and logs.",
        tags,
        params: z.object({ id: numericId }),
        body: z.object({ receipt: z.string().min(1) }),
        response: {
          200: z.object({ check: z.string(), content: ballot.nullable() }),
          404: problem,
        },
      },
      config: { access: "public" },
    },
    async (request) => checkReceipt(database, request.params.id, request.body.receipt),
  );

  app.post(
    "/consultations/:id/close",
    {
      schema: {
        summary: "Close a consultation and publish its result (admin, officer)",
        description:
          "Counts the ballots by the consultation's method, each constituency weighted by the board's rule; measures representation; records the closing, with the result's hash, in the audit log. `early` closes an open consultation now. A priority budget also stores its weight set (named `weightSet`, else after the title).",
        tags,
        security,
        params: z.object({ id: numericId }),
        body: z
          .object({
            early: z.boolean().default(false),
            weightSet: key.optional(),
          })
          .default({ early: false }),
        response: { 200: z.record(z.string(), z.unknown()), 404: problem, 409: problem },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request) =>
      closeConsultation(database, request.params.id, actorOf(request), {
        early: request.body.early,
        ...(request.body.weightSet === undefined ? {} : { weightSetName: request.body.weightSet }),
      }) as unknown as Promise<Record<string, unknown>>,
  );

  app.get(
    "/consultations/:id/result",
    {
      schema: {
        summary: "The published result: the tally, weights, representation and audit head",
        tags,
        params: z.object({ id: numericId }),
        response: { 200: z.record(z.string(), z.unknown()), 404: problem },
      },
    },
    async (request) =>
      consultationResult(database, request.params.id) as unknown as Promise<
        Record<string, unknown>
      >,
  );

  app.get(
    "/consultations/:id/ballots",
    {
      schema: {
        summary: "The published ballots, each with its check code and constituency (after closing)",
        tags,
        params: z.object({ id: numericId }),
        response: {
          200: z.array(z.object({ check: z.string(), constituency: z.string(), content: ballot })),
          404: problem,
        },
      },
    },
    async (request) => {
      await consultationResult(database, request.params.id);
      return listBallots(database, request.params.id);
    },
  );

  app.get(
    "/consultations/:id/ballots.csv",
    {
      schema: {
        summary: "The counted ballots as a `placefirst tally` CSV (after closing)",
        tags,
        params: z.object({ id: numericId }),
      },
    },
    async (request, reply) => {
      await consultationResult(database, request.params.id);
      const found = await getConsultation(database, request.params.id);
      return reply
        .type("text/csv; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="consultation-${found.id}-ballots.csv"`,
        )
        .send(await ballotsCsv(database, found));
    },
  );

  app.get(
    "/consultations/:id/costs.csv",
    {
      schema: {
        summary: "The projects' costs of a budgeting consultation, as `tally --costs` reads them",
        tags,
        params: z.object({ id: numericId }),
      },
    },
    async (request, reply) => {
      const found = await getConsultation(database, request.params.id);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="consultation-${found.id}-costs.csv"`)
        .send(costsCsv(found));
    },
  );

  app.get(
    "/consultations/:id/audit",
    {
      schema: {
        summary: "The consultation's hash-chained audit log and whether it verifies",
        tags,
        params: z.object({ id: numericId }),
        response: {
          200: z.object({
            verification: z.record(z.string(), z.unknown()),
            entries: z.array(z.record(z.string(), z.unknown())),
          }),
          404: problem,
        },
      },
    },
    async (request) => {
      await getConsultation(database, request.params.id);
      return {
        verification: (await verifyAudit(database, request.params.id)) as Record<string, unknown>,
        entries: (await readAudit(database, request.params.id)) as unknown as Record<
          string,
          unknown
        >[],
      };
    },
  );

  app.post(
    "/consultations/:id/decision",
    {
      schema: {
        summary: "Record the board's decision on a closed consultation (board member, officer)",
        tags,
        security,
        params: z.object({ id: numericId }),
        body: z.object({
          adopted: z.string().min(1),
          votesFor: z.number().int().nonnegative().nullable().default(null),
          votesAgainst: z.number().int().nonnegative().nullable().default(null),
          abstentions: z.number().int().nonnegative().nullable().default(null),
          reasons: z.string().min(1),
        }),
        response: { 201: decision, 400: problem, 409: problem },
      },
      config: { access: { roles: decisionMakers } },
    },
    async (request, reply) => {
      const recorded = await recordDecision(
        database,
        request.params.id,
        request.body,
        actorOf(request),
      );
      return reply.code(201).send(recorded);
    },
  );

  app.get(
    "/consultations/:id/decision",
    {
      schema: {
        summary: "The board's decision on a consultation",
        tags,
        params: z.object({ id: numericId }),
        response: { 200: decision, 404: problem },
      },
    },
    async (request, reply) => {
      const found = await getDecision(database, request.params.id);
      if (found === undefined) {
        return reply.code(404).send({
          error: "not_found",
          message: "The board has not recorded a decision on this consultation.",
        });
      }
      return found;
    },
  );

  const proposal = z.object({
    id: z.number(),
    consultationId: z.number(),
    label: z.string(),
    description: z.string(),
    status: z.enum(["pending", "accepted", "rejected"]),
    optionKey: z.string().nullable(),
    reason: z.string().nullable(),
    constituency: z.string().nullable(),
    createdAt: z.date(),
  });
  const comment = z.object({
    id: z.number(),
    consultationId: z.number(),
    optionKey: z.string().nullable(),
    body: z.string(),
    hidden: z.boolean(),
    reason: z.string().nullable(),
    constituency: z.string().nullable(),
    createdAt: z.date(),
  });

  app.get(
    "/consultations/:id/proposals",
    {
      schema: {
        summary: "Options participants proposed, and what the officers decided",
        tags,
        params: z.object({ id: numericId }),
        response: { 200: z.array(proposal) },
      },
    },
    async (request) => listProposals(database, request.params.id),
  );

  app.post(
    "/consultations/:id/proposals",
    {
      schema: {
        summary: "Propose an option (a verified participant of the board)",
        tags,
        security,
        params: z.object({ id: numericId }),
        body: z.object({ label: z.string(), description: z.string().default("") }),
        response: { 201: proposal, 400: problem, 403: problem, 409: problem },
      },
      config: { access: "signed-in" },
    },
    async (request, reply) => {
      const made = await proposeOption(database, {
        consultationId: request.params.id,
        userId: request.session!.user.id,
        ...request.body,
      });
      return reply.code(201).send(made);
    },
  );

  app.post(
    "/proposals/:id/moderate",
    {
      schema: {
        summary: "Accept or reject a proposal, with a reason (admin, officer)",
        description:
          "Accepting adds the proposal as an option, and draws a new tie-break order, only while no ballot has been cast.",
        tags,
        security,
        params: z.object({ id: numericId }),
        body: z.object({ accept: z.boolean(), reason: z.string() }),
        response: { 200: proposal, 400: problem, 409: problem },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request) =>
      moderateProposal(database, request.params.id, request.body, actorOf(request)),
  );

  app.get(
    "/consultations/:id/comments",
    {
      schema: {
        summary:
          "Comments on a consultation; a hidden one keeps its place and reason, not its text",
        tags,
        params: z.object({ id: numericId }),
        response: { 200: z.array(comment) },
      },
    },
    async (request) => listComments(database, request.params.id),
  );

  app.post(
    "/consultations/:id/comments",
    {
      schema: {
        summary: "Comment on a consultation or one of its options (a verified participant)",
        tags,
        security,
        params: z.object({ id: numericId }),
        body: z.object({ body: z.string(), optionKey: z.string().nullable().default(null) }),
        response: { 201: comment, 400: problem, 403: problem, 409: problem },
      },
      config: { access: "signed-in" },
    },
    async (request, reply) => {
      const added = await addComment(database, {
        consultationId: request.params.id,
        userId: request.session!.user.id,
        ...request.body,
      });
      return reply.code(201).send(added);
    },
  );

  app.post(
    "/comments/:id/hide",
    {
      schema: {
        summary: "Hide a comment that breaks the rules, with a reason (admin, officer)",
        tags,
        security,
        params: z.object({ id: numericId }),
        body: z.object({ reason: z.string() }),
        response: { 200: comment, 400: problem, 404: problem },
      },
      config: { access: { roles: dataEditors } },
    },
    async (request) =>
      hideComment(database, request.params.id, request.body.reason, actorOf(request)),
  );

  app.get(
    "/weight-sets",
    {
      schema: {
        summary: "Priority weight sets, every version, with their provenance",
        tags,
        response: { 200: z.array(weightSet) },
      },
    },
    async () => listWeightSets(database),
  );

  app.get(
    "/weight-sets/:name",
    {
      schema: {
        summary: "A weight set: the latest version, or ?version=N",
        description:
          "`weights` is `{ option: weight }` summing to 1: the file the scorecard, opportunities and appraisal commands take.",
        tags,
        params: z.object({ name: key }),
        querystring: z.object({ version: numericId.optional() }),
        response: { 200: weightSet, 404: problem },
      },
    },
    async (request) => getWeightSet(database, request.params.name, request.query.version),
  );

  app.get(
    "/boards/:id",
    {
      schema: {
        summary: "One board with its constituencies",
        tags,
        params: z.object({ id: numericId }),
        response: { 200: board, 404: problem },
      },
    },
    async (request) => getBoard(database, request.params.id),
  );
}
