import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { InputError } from "../core/errors.js";
import { page } from "../web/page.js";
import {
  sharedNeeds,
  sharedServices,
  type SharedNeed,
  type SharedServiceGroup,
} from "./methods/sharedServices.js";
import { registeredSupplierOf, type StoredSupplier } from "./service.js";
import {
  isSharedNeed,
  listSharedNeedPosts,
  postSharedNeed,
  sharedNeedNoteLength,
  withdrawSharedNeed,
  type StoredSharedNeedPost,
} from "./sharedNeeds.js";

/** The needs in plain words, for labels and headings. */
export const sharedNeedLabels: Readonly<Record<SharedNeed, string>> = {
  hr: "HR",
  accounts: "Accounts",
  export: "Export",
  training: "Training",
  premises: "Premises",
  equipment: "Equipment",
  it: "IT",
  marketing: "Marketing",
};

/**
 * How near two firms with the same need must be to share, in kilometres, besides being in the
 * same district: the method's default, said on the page.
 */
const groupingDistanceKm = 10;

/** What the page says after a post: the need posted, updated or withdrawn. */
const outcomes = ["posted", "updated", "withdrawn"] as const;

/** The posting form as typed, kept to show again with its problems. */
interface NeedForm {
  need: string;
  note: string;
}

interface FormError {
  text: string;
  href: string;
}

/** A member of a group as the page shows it. */
interface GroupMember {
  supplierId: string;
  name: string;
  placeName: string;
  /** What the member wrote beside the need, or null. */
  note: string | null;
}

/**
 * The shared-services pages: a supplier linked to the register posts the services it would share
 * (HR, accounts, export desk, premises) and sees the nearby suppliers with the same need; officers
 * see every group formed.
 */
export async function procurementSharedPages(app: FastifyInstance): Promise<void> {
  const database = app.database;
  const suppliers = { access: { roles: ["supplier"] as const } } as const;
  const readers = { access: { roles: ["admin", "officer", "supplier"] as const } } as const;

  /** The groups over every post, each with its members' names and places. */
  function describeGroups(posts: readonly StoredSharedNeedPost[]) {
    const byKey = new Map(posts.map((post) => [`${post.supplierId}\u0000${post.need}`, post]));
    const placeNames = new Map(posts.map((post) => [post.place, post.placeName]));
    const result = sharedServices(posts, { distanceKm: groupingDistanceKm });
    const member = (supplierId: string, need: SharedNeed): GroupMember => {
      const post = byKey.get(`${supplierId}\u0000${need}`)!;
      return { supplierId, name: post.name, placeName: post.placeName, note: post.note };
    };
    const groups = result.groups.map((group: SharedServiceGroup) => ({
      ...group,
      label: sharedNeedLabels[group.need],
      members: group.supplierIds.map((supplierId) => member(supplierId, group.need)),
      centrePlaceName: placeNames.get(group.centrePlace) ?? group.centrePlace,
      placeNames: group.places.map((place) => placeNames.get(place) ?? place),
    }));
    return { groups, ungrouped: result.ungrouped };
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    fields: { form?: NeedForm; errors?: FormError[] } = {},
  ): Promise<FastifyReply> {
    const user = request.session!.user;
    const errors = fields.errors ?? [];
    const query = request.query as { done?: string; need?: string };
    const done =
      request.method === "GET" &&
      (outcomes as readonly string[]).includes(query.done ?? "") &&
      isSharedNeed(query.need)
        ? { outcome: query.done, label: sharedNeedLabels[query.need] }
        : undefined;
    const common = {
      errors,
      done,
      labels: sharedNeedLabels,
      // The first problem of each field is shown beside it.
      errorOf: Object.fromEntries(
        [...errors].reverse().map((error) => [error.href.slice(1), error.text]),
      ),
      noteLength: sharedNeedNoteLength,
      distanceKm: groupingDistanceKm,
    };
    const title = "Procurement: shared services";
    if (user.role === "supplier") {
      const supplier = await registeredSupplierOf(database, user.id);
      if (supplier === undefined) {
        return page(reply, request, "procurement/views/shared.njk", title, {
          ...common,
          view: "unregistered",
        });
      }
      return page(reply, request, "procurement/views/shared.njk", title, {
        ...common,
        view: "supplier",
        ...(await supplierView(supplier)),
        form: fields.form ?? { need: "", note: "" },
        needItems: sharedNeeds.map((need) => ({
          value: need,
          text: sharedNeedLabels[need],
          checked: fields.form?.need === need,
        })),
        fictional: supplier.fictional,
      });
    }
    const posts = await listSharedNeedPosts(database);
    const { groups, ungrouped } = describeGroups(posts);
    const byNeed = sharedNeeds.map((need) => ({
      need,
      label: sharedNeedLabels[need],
      posts: posts.filter((post) => post.need === need).length,
      groups: groups.filter((group) => group.need === need),
      ungrouped: ungrouped.filter((item) => item.need === need).length,
    }));
    return page(reply, request, "procurement/views/shared.njk", title, {
      ...common,
      view: "officer",
      byNeed,
      postCount: posts.length,
      groupCount: groups.length,
      ungroupedCount: ungrouped.length,
      fictional: posts.some((post) => post.fictional),
    });
  }

  /** A supplier's own posts, each with the group it is in, if any. */
  async function supplierView(supplier: StoredSupplier) {
    const posts = await listSharedNeedPosts(database);
    const { groups } = describeGroups(posts);
    const own = posts
      .filter((post) => post.supplierId === supplier.supplierId)
      .map((post) => {
        const group = groups.find(
          (candidate) =>
            candidate.need === post.need && candidate.supplierIds.includes(supplier.supplierId),
        );
        return {
          ...post,
          label: sharedNeedLabels[post.need],
          group:
            group === undefined
              ? undefined
              : {
                  ...group,
                  others: group.members.filter(
                    (member) => member.supplierId !== supplier.supplierId,
                  ),
                },
        };
      });
    return { supplier, own };
  }

  /**
   * The supplier signed in, or a page saying to register first: 409, since the account may post
   * once its business is in the register (a role refusal, 403, would say it never may).
   */
  async function signedInSupplier(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<StoredSupplier | FastifyReply> {
    const supplier = await registeredSupplierOf(database, request.session!.user.id);
    return supplier ?? render(request, reply.code(409));
  }

  app.get(
    "/procurement/shared",
    { schema: { hide: true }, config: readers },
    async (request, reply) => render(request, reply),
  );

  app.post(
    "/procurement/shared/needs",
    { schema: { hide: true }, config: suppliers },
    async (request, reply) => {
      const supplier = await signedInSupplier(request, reply);
      if (!("supplierId" in supplier)) return supplier;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form: NeedForm = {
        need: typeof body.need === "string" ? body.need : "",
        note: typeof body.note === "string" ? body.note : "",
      };
      const errors: FormError[] = [];
      if (!isSharedNeed(form.need)) {
        errors.push({ text: "Choose what you would share", href: "#need" });
      }
      if (form.note.trim().length > sharedNeedNoteLength) {
        errors.push({
          text: `Write a note of at most ${sharedNeedNoteLength} characters`,
          href: "#note",
        });
      }
      if (errors.length > 0) return render(request, reply.code(400), { form, errors });
      let outcome: "posted" | "updated";
      try {
        outcome = await postSharedNeed(database, supplier.supplierId, form.need, form.note);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        return render(request, reply.code(400), {
          form,
          errors: [{ text: error.message, href: "#need" }],
        });
      }
      return reply.redirect(`/procurement/shared?done=${outcome}&need=${form.need}#posts`, 303);
    },
  );

  app.post(
    "/procurement/shared/needs/withdraw",
    { schema: { hide: true }, config: suppliers },
    async (request, reply) => {
      const supplier = await signedInSupplier(request, reply);
      if (!("supplierId" in supplier)) return supplier;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const need = body.need;
      if (!isSharedNeed(need)) {
        return render(request, reply.code(400), {
          errors: [{ text: "Choose a need you have posted to withdraw it", href: "#posts" }],
        });
      }
      const withdrawn = await withdrawSharedNeed(database, supplier.supplierId, need);
      return reply.redirect(
        withdrawn ? `/procurement/shared?done=withdrawn&need=${need}#posts` : "/procurement/shared",
        303,
      );
    },
  );
}
