import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { dataEditors } from "../api/access.js";
import { setSessionCookie } from "../api/auth/routes.js";
import { createUser, startSession } from "../api/auth/users.js";
import { ConflictError, ForbiddenError, InputError, NotFoundError } from "../core/errors.js";
import { listPlaces } from "../data/service.js";
import { page, sendCsv } from "../web/page.js";
import { verifyAudit } from "./audit.js";
import { defaultGrades, methodsOfKind } from "./ballotContent.js";
import { consultationFromForm, problemFrom } from "./consultationForm.js";
import {
  addComment,
  hideComment,
  listComments,
  listProposals,
  moderateProposal,
  proposeOption,
} from "./discussion.js";
import { getBoard, listBoards } from "./boards.js";
import {
  castBallot,
  checkReceipt,
  createConsultation,
  getConsultation,
  listConsultations,
  type Consultation,
} from "./consultations.js";
import {
  ageBands,
  listParticipants,
  participantOf,
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
  listWeightSets,
  recordDecision,
} from "./results.js";
import { actorOf, decisionMakers } from "./routes.js";

type Form = Record<string, string | string[] | undefined>;
type FormError = { text: string; href: string };

const kindNames: Record<string, string> = {
  points: "Priority budget: share 100 points",
  ranked: "Ranked ballot",
  approval: "Approval ballot",
  scores: "Score each option",
  budgeting: "Participatory budget",
};

// Each method as it reads after "counted by".
const methodNames: Record<string, string> = {
  schulze: "the Schulze method",
  "ranked-pairs": "ranked pairs",
  irv: "instant-runoff",
  borda: "the Borda count",
  approval: "approval voting",
  "majority-judgement": "majority judgement",
  points: "adding up the points",
  "equal-shares": "the Method of Equal Shares",
};

/** The pages where residents find consultations, vote, get receipts and read results. */
export async function participationPages(app: FastifyInstance): Promise<void> {
  const database = app.database;

  app.get("/participation", { schema: { hide: true } }, async (request, reply) => {
    const consultations = await listConsultations(database);
    return page(reply, request, "participation/views/index.njk", "Participation", {
      open: consultations.filter((c) => c.status === "open"),
      others: consultations.filter((c) => c.status !== "open"),
      boards: await listBoards(database),
      weightSets: await listWeightSets(database),
      kindNames,
    });
  });

  const newConsultationPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    fields: { errors?: FormError[]; form?: Form },
  ): Promise<FastifyReply> =>
    page(reply, request, "participation/views/new-consultation.njk", "Open a consultation", {
      boards: await listBoards(database),
      kinds: kindNames,
      rankedMethods: methodsOfKind.ranked.map((value) => ({
        value,
        text: methodNames[value]!.replace(/^the /, ""),
      })),
      errors: fields.errors ?? [],
      form: fields.form ?? {},
    });

  app.get(
    "/participation/consultations/new",
    { schema: { hide: true }, config: { access: { roles: dataEditors } } },
    async (request, reply) => newConsultationPage(request, reply, {}),
  );

  app.post(
    "/participation/consultations",
    { schema: { hide: true }, config: { access: { roles: dataEditors } } },
    async (request, reply) => {
      const form = (request.body ?? {}) as Form;
      const { input, problems } = consultationFromForm(form);
      if (input !== undefined) {
        try {
          const created = await database.transaction((tx) =>
            createConsultation(tx, input, actorOf(request)),
          );
          return reply.redirect(`/participation/consultations/${created.id}`, 303);
        } catch (error) {
          if (!(error instanceof InputError || error instanceof NotFoundError)) throw error;
          problems.push(
            error instanceof InputError
              ? problemFrom(error)
              : { text: error.message, href: "#board" },
          );
        }
      }
      return newConsultationPage(request, reply.code(400), { errors: problems, form });
    },
  );

  app.get("/participation/consultations/:id", { schema: { hide: true } }, async (request, reply) =>
    consultationPage(request, reply, await findConsultation(request), {}),
  );

  async function consultationPage(
    request: FastifyRequest,
    reply: FastifyReply,
    consultation: Consultation,
    fields: { errors?: FormError[]; form?: Form },
  ): Promise<FastifyReply> {
    const user = request.session?.user;
    const participant =
      user === undefined ? undefined : await participantOf(database, user.id, consultation.boardId);
    let votedAlready = false;
    if (participant !== undefined) {
      const [row] = await database.query(
        "select 1 from votes_cast where consultation_id = $1 and participant_id = $2",
        [consultation.id, participant.id],
      );
      votedAlready = row !== undefined;
    }
    const eligible =
      participant !== undefined &&
      participant.verified &&
      (consultation.eligible === null || consultation.eligible.includes(participant.constituency));
    return page(reply, request, "participation/views/consultation.njk", consultation.title, {
      consultation,
      participant,
      eligible,
      votedAlready,
      canClose: user !== undefined && dataEditors.includes(user.role),
      kindName: kindNames[consultation.kind],
      methodName: methodNames[consultation.method],
      optionLabel: Object.fromEntries(consultation.options.map((o) => [o.key, o.label])),
      fictional: consultation.fictional,
      grades: consultation.grades ?? defaultGrades,
      ranks: consultation.options.map((_, index) => index + 1),
      errors: fields.errors ?? [],
      form: fields.form ?? {},
      proposals: await listProposals(database, consultation.id),
      comments: await listComments(database, consultation.id),
      canTakePart: participant !== undefined && participant.verified,
    });
  }

  // Comments and proposals from the consultation page; officers moderate them there too.
  const formAction = async (
    request: FastifyRequest,
    reply: FastifyReply,
    act: (consultation: Consultation, form: Form) => Promise<unknown>,
    anchor: string,
  ): Promise<FastifyReply> => {
    const consultation = await findConsultation(request);
    const form = (request.body ?? {}) as Form;
    try {
      await act(consultation, form);
    } catch (error) {
      if (
        error instanceof InputError ||
        error instanceof ConflictError ||
        error instanceof ForbiddenError
      ) {
        reply.code(error instanceof InputError ? 400 : error instanceof ConflictError ? 409 : 403);
        return consultationPage(request, reply, consultation, {
          errors: [{ text: error.message, href: anchor }],
          form,
        });
      }
      throw error;
    }
    return reply.redirect(`/participation/consultations/${consultation.id}${anchor}`, 303);
  };

  app.post(
    "/participation/consultations/:id/comments",
    { schema: { hide: true }, config: { access: "signed-in" } },
    async (request, reply) =>
      formAction(
        request,
        reply,
        (consultation, form) =>
          addComment(database, {
            consultationId: consultation.id,
            userId: request.session!.user.id,
            body: text(form.body),
            optionKey: text(form.optionKey) === "" ? null : text(form.optionKey),
          }),
        "#comments",
      ),
  );

  app.post(
    "/participation/consultations/:id/proposals",
    { schema: { hide: true }, config: { access: "signed-in" } },
    async (request, reply) =>
      formAction(
        request,
        reply,
        (consultation, form) =>
          proposeOption(database, {
            consultationId: consultation.id,
            userId: request.session!.user.id,
            label: text(form.label),
            description: text(form.description),
          }),
        "#proposals",
      ),
  );

  app.post(
    "/participation/consultations/:id/proposals/:proposal",
    { schema: { hide: true }, config: { access: { roles: dataEditors } } },
    async (request, reply) =>
      formAction(
        request,
        reply,
        (_, form) =>
          moderateProposal(
            database,
            Number((request.params as { proposal: string }).proposal),
            { accept: text(form.decision) === "accept", reason: text(form.reason) },
            actorOf(request),
          ),
        "#proposals",
      ),
  );

  app.post(
    "/participation/consultations/:id/comments/:comment/hide",
    { schema: { hide: true }, config: { access: { roles: dataEditors } } },
    async (request, reply) =>
      formAction(
        request,
        reply,
        (_, form) =>
          hideComment(
            database,
            Number((request.params as { comment: string }).comment),
            text(form.reason),
            actorOf(request),
          ),
        "#comments",
      ),
  );

  app.post(
    "/participation/consultations/:id/ballot",
    { schema: { hide: true }, config: { access: "signed-in" } },
    async (request, reply) => {
      const consultation = await findConsultation(request);
      const form = (request.body ?? {}) as Form;
      const { ballot, errors } = ballotFromForm(consultation, form);
      if (errors.length === 0) {
        try {
          const receipt = await castBallot(database, {
            consultationId: consultation.id,
            userId: request.session!.user.id,
            ballot,
            receipt: text(form.receipt),
          });
          return page(reply, request, "participation/views/receipt.njk", "Your receipt", {
            consultation,
            receipt,
          });
        } catch (error) {
          if (error instanceof ConflictError || error instanceof ForbiddenError) {
            errors.push({ text: error.message, href: "#ballot" });
            reply.code(error instanceof ConflictError ? 409 : 403);
          } else if (error instanceof InputError) {
            errors.push({
              text: error.message,
              href: error.location.field === "receipt" ? "#receipt" : "#ballot",
            });
            reply.code(400);
          } else {
            throw error;
          }
        }
      } else {
        reply.code(400);
      }
      return consultationPage(request, reply, consultation, { errors, form });
    },
  );

  app.get(
    "/participation/consultations/:id/receipt",
    { schema: { hide: true } },
    async (request, reply) =>
      page(reply, request, "participation/views/check.njk", "Check your ballot", {
        consultation: await findConsultation(request),
      }),
  );

  app.post(
    "/participation/consultations/:id/receipt",
    { schema: { hide: true }, config: { access: "public" } },
    async (request, reply) => {
      const consultation = await findConsultation(request);
      const receipt = text((request.body as Form | undefined)?.receipt);
      let found: Awaited<ReturnType<typeof checkReceipt>> | undefined;
      const errors: FormError[] = [];
      if (receipt === "") {
        errors.push({ text: "Enter the receipt code you were given", href: "#receipt" });
      } else {
        try {
          found = await checkReceipt(database, consultation.id, receipt);
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
          errors.push({ text: error.message, href: "#receipt" });
        }
      }
      if (errors.length > 0) reply.code(errors.length > 0 && receipt === "" ? 400 : 404);
      return page(reply, request, "participation/views/check.njk", "Check your ballot", {
        consultation,
        found,
        errors,
      });
    },
  );

  app.get(
    "/participation/consultations/:id/results",
    { schema: { hide: true } },
    async (request, reply) => {
      const consultation = await findConsultation(request);
      const result = await consultationResult(database, consultation.id);
      const user = request.session?.user;
      const optionLabel = Object.fromEntries(consultation.options.map((o) => [o.key, o.label]));
      const details = result.tally.details as Record<string, unknown>;
      const board = await getBoard(database, consultation.boardId);
      return page(
        reply,
        request,
        "participation/views/results.njk",
        `${consultation.title}: result`,
        {
          consultation,
          result,
          optionLabel,
          details,
          methodName: methodNames[consultation.method],
          fictional: consultation.fictional,
          neighbourhoodName: Object.fromEntries(
            (await listPlaces(database, { kind: "neighbourhood" })).map((n) => [n.code, n.name]),
          ),
          constituencyName: Object.fromEntries(board.constituencies.map((c) => [c.key, c.name])),
          audit: await verifyAudit(database, consultation.id),
          decision: await getDecision(database, consultation.id),
          board,
          canDecide: user !== undefined && decisionMakers.includes(user.role),
        },
      );
    },
  );

  app.get(
    "/participation/consultations/:id/ballots.csv",
    { schema: { hide: true } },
    async (request, reply) => {
      const consultation = await findConsultation(request);
      await consultationResult(database, consultation.id);
      return sendCsv(
        reply,
        `consultation-${consultation.id}-ballots.csv`,
        await ballotsCsv(database, consultation),
      );
    },
  );

  app.get(
    "/participation/consultations/:id/costs.csv",
    { schema: { hide: true } },
    async (request, reply) => {
      const consultation = await findConsultation(request);
      return sendCsv(reply, `consultation-${consultation.id}-costs.csv`, costsCsv(consultation));
    },
  );

  app.post(
    "/participation/consultations/:id/close",
    { schema: { hide: true }, config: { access: { roles: dataEditors } } },
    async (request, reply) => {
      const consultation = await findConsultation(request);
      await closeConsultation(database, consultation.id, actorOf(request), { early: true });
      return reply.redirect(`/participation/consultations/${consultation.id}/results`, 303);
    },
  );

  app.post(
    "/participation/consultations/:id/decision",
    { schema: { hide: true }, config: { access: { roles: decisionMakers } } },
    async (request, reply) => {
      const consultation = await findConsultation(request);
      const form = (request.body ?? {}) as Form;
      const count = (name: string): number | null => {
        const value = text(form[name]);
        return value === "" ? null : Number(value);
      };
      const votes = {
        votesFor: count("votesFor"),
        votesAgainst: count("votesAgainst"),
        abstentions: count("abstentions"),
      };
      for (const [name, value] of Object.entries(votes)) {
        if (value !== null && !(Number.isInteger(value) && value >= 0)) {
          throw new InputError("expected a whole number of votes", { field: name });
        }
      }
      await recordDecision(
        database,
        consultation.id,
        { adopted: text(form.adopted), reasons: text(form.reasons), ...votes },
        actorOf(request),
      );
      return reply.redirect(
        `/participation/consultations/${consultation.id}/results#decision`,
        303,
      );
    },
  );

  app.get("/participation/register", { schema: { hide: true } }, async (request, reply) =>
    registerPage(request, reply, {}),
  );

  async function registerPage(
    request: FastifyRequest,
    reply: FastifyReply,
    fields: { errors?: FormError[]; form?: Form },
  ): Promise<FastifyReply> {
    const boards = await listBoards(database);
    const neighbourhoods = await listPlaces(database, { kind: "neighbourhood" });
    return page(reply, request, "participation/views/register.njk", "Take part", {
      boards,
      neighbourhoods: neighbourhoods.filter((n) =>
        boards.some((b) => b.placeCode === n.parentCode),
      ),
      ageBands,
      errors: fields.errors ?? [],
      form: fields.form ?? {},
    });
  }

  app.post(
    "/participation/register",
    { schema: { hide: true }, config: { access: "public" } },
    async (request, reply) => {
      const form = (request.body ?? {}) as Form;
      const errors: FormError[] = [];
      const code = text(form.code);
      const boardId = Number(text(form.board));
      const constituency = text(form.constituency);
      if (code === "" && !(boardId > 0))
        errors.push({ text: "Choose the board to take part in", href: "#board" });
      if (code === "" && constituency === "") {
        errors.push({
          text: "Choose who you take part as, or enter an invitation code",
          href: "#constituency",
        });
      }
      let userId = request.session?.user.id;
      if (errors.length === 0 && userId === undefined) {
        try {
          const user = await createUser(database, {
            email: text(form.email),
            role: "participant",
            password: typeof form.password === "string" ? form.password : "",
          });
          userId = user.id;
          setSessionCookie(reply, await startSession(database, user), app.secureCookies);
        } catch (error) {
          if (!(error instanceof InputError || error instanceof ConflictError)) throw error;
          const field = error instanceof InputError ? error.location.field : "email";
          errors.push({ text: error.message, href: `#${field ?? "email"}` });
        }
      }
      if (errors.length === 0 && userId !== undefined) {
        try {
          const ageBand = text(form.ageBand) === "" ? null : text(form.ageBand);
          const neighbourhood = text(form.neighbourhood) === "" ? null : text(form.neighbourhood);
          const participant = await database.transaction((tx) =>
            code !== ""
              ? redeemInvitation(tx, { userId: userId!, code, ageBand })
              : registerParticipant(tx, {
                  userId: userId!,
                  boardId,
                  constituency,
                  neighbourhoodCode: neighbourhood,
                  ageBand,
                }),
          );
          return page(reply, request, "participation/views/registered.njk", "You are registered", {
            participant,
            board: await getBoard(database, participant.boardId),
          });
        } catch (error) {
          if (!(error instanceof InputError || error instanceof ConflictError)) throw error;
          const field = error instanceof InputError ? error.location.field : undefined;
          errors.push({ text: error.message, href: field === "code" ? "#code" : "#constituency" });
        }
      }
      reply.code(400);
      return registerPage(request, reply, { errors, form: { ...form, password: undefined } });
    },
  );

  app.get(
    "/participation/boards/:id/participants",
    { schema: { hide: true }, config: { access: { roles: dataEditors } } },
    async (request, reply) => {
      const board = await getBoard(database, Number((request.params as { id: string }).id));
      return page(
        reply,
        request,
        "participation/views/participants.njk",
        `${board.name}: participants`,
        {
          board,
          participants: await listParticipants(database, board.id),
        },
      );
    },
  );

  app.post(
    "/participation/participants/:id/verify",
    { schema: { hide: true }, config: { access: { roles: dataEditors } } },
    async (request, reply) => {
      const participant = await database.transaction((tx) =>
        verifyParticipant(
          tx,
          Number((request.params as { id: string }).id),
          request.session!.user.id,
        ),
      );
      return reply.redirect(`/participation/boards/${participant.boardId}/participants`, 303);
    },
  );

  async function findConsultation(request: FastifyRequest): Promise<Consultation> {
    const id = Number((request.params as { id: string }).id);
    if (!Number.isInteger(id) || id < 1) throw new NotFoundError("There is no such consultation.");
    return getConsultation(database, id);
  }
}

/** Reads a ballot from the vote form; errors name the field to fix. */
function ballotFromForm(
  consultation: Consultation,
  form: Form,
): { ballot: unknown; errors: FormError[] } {
  const errors: FormError[] = [];
  const keys = consultation.options.map((option) => option.key);
  switch (consultation.kind) {
    case "points": {
      const points: Record<string, number> = {};
      for (const key of keys) {
        const value = text(form[`points-${key}`]);
        const number = value === "" ? 0 : Number(value);
        if (!Number.isInteger(number) || number < 0) {
          errors.push({ text: `Give a whole number of points, 0 or more`, href: `#points-${key}` });
        } else if (number > 0) {
          points[key] = number;
        }
      }
      return { ballot: { points }, errors };
    }
    case "ranked": {
      const byRank = new Map<number, string[]>();
      for (const key of keys) {
        const value = text(form[`rank-${key}`]);
        if (value === "") continue;
        const rank = Number(value);
        if (!Number.isInteger(rank) || rank < 1) {
          errors.push({ text: "Choose a rank from the list", href: `#rank-${key}` });
          continue;
        }
        byRank.set(rank, [...(byRank.get(rank) ?? []), key]);
      }
      const ranking = [...byRank].sort(([a], [b]) => a - b).map(([, group]) => group);
      if (ranking.length === 0 && errors.length === 0) {
        errors.push({ text: "Rank at least one option", href: `#rank-${keys[0]!}` });
      }
      return { ballot: { ranking }, errors };
    }
    case "approval":
    case "budgeting": {
      const chosen = form.approve;
      const approved = chosen === undefined ? [] : Array.isArray(chosen) ? chosen : [chosen];
      return { ballot: { approved }, errors };
    }
    case "scores": {
      const grades: Record<string, number> = {};
      for (const key of keys) {
        const value = text(form[`grade-${key}`]);
        if (value === "") {
          errors.push({ text: "Give every option a grade", href: `#grade-${key}` });
        } else {
          grades[key] = Number(value);
        }
      }
      return { ballot: { grades }, errors };
    }
  }
}

function text(value: string | string[] | undefined | null): string {
  return typeof value === "string" ? value.trim() : "";
}
