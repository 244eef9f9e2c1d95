import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { InputError } from "../core/errors.js";
import { parsePounds } from "../core/parsePounds.js";
import { page } from "../web/page.js";
import { parseCpv } from "./methods/cpv.js";
import { lotSmes } from "./lotSmes.js";
import { lotPlan, type ContractItem, type LotPlan } from "./methods/lotPlan.js";

/** The most items a contract typed into the planner may have. */
export const lotPlannerMaxItems = 50;
/** The longest text of items the planner reads, in characters. */
const maxItemsText = 20_000;
/** The most SME names shown for a lot before the rest fold away. */
const namesShown = 8;

/** The planner's form as typed: every field a string, kept to show again. */
interface LotsForm {
  items: string;
  maxLots: string;
  minLotValue: string;
  place: string;
}

/** An item of the contract as read from one line of the form. */
export interface ContractLine extends ContractItem {
  /** The 1-based line of the text it was read from. */
  line: number;
  description: string;
}

/** A problem found in the form, for the error summary: the message and the field to go to. */
interface FormError {
  text: string;
  href: string;
}

/**
 * A fictional contract for the first view: a council's building services for a year, most of
 * which local SMEs could do in lots but not as one.
 */
const exampleItems = [
  "Grounds maintenance; 77310000; 120000",
  "Building cleaning; 90910000; 240000",
  "Electrical installation work; 45310000; 150000",
  "Plumbing and heating repairs; 45330000; 90000",
  "Painting and decorating; 45442100; 60000",
  "Security services; 79710000; 110000",
  "Repair of lifts and escalators; 50750000; 45000",
  "Building surveying; 71300000; 35000",
].join("\n");

const firstForm: LotsForm = { items: exampleItems, maxLots: "5", minLotValue: "25000", place: "" };

/**
 * Reads a contract typed one item a line as `description; CPV code; value in pounds`. Blank
 * lines are skipped; a description may itself hold semicolons, as the last two parts are the
 * code and the value. Each problem names its line.
 *
 * @param text the lines as typed.
 * @returns the items (ids are their line numbers) and the problems, one per faulty line.
 */
export function parseContractLines(text: string): { items: ContractLine[]; errors: string[] } {
  const items: ContractLine[] = [];
  const errors: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    const parts = raw.split(";").map((part) => part.trim());
    if (parts.length < 3) {
      errors.push(
        `Line ${line}: expected a description, a CPV code and a value in pounds separated by semicolons, such as "Grounds maintenance; 77310000; 120000"`,
      );
      return;
    }
    const valueText = parts.pop()!;
    const cpvText = parts.pop()!;
    const description = parts.join("; ").trim();
    if (description === "") {
      errors.push(`Line ${line}: expected a description before the first semicolon`);
      return;
    }
    let cpvCode: string;
    try {
      if (!/^\d{8}(-\d)?$/.test(cpvText)) throw new InputError("not eight digits");
      cpvCode = parseCpv(cpvText).code;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.push(
        `Line ${line}: expected a CPV 2008 code of eight digits, such as 45210000, after the description (found "${cpvText.slice(0, 30)}")`,
      );
      return;
    }
    const valuePence = parsePounds(valueText);
    if (valuePence === undefined) {
      errors.push(
        `Line ${line}: expected the value in pounds, 0 or more, such as 120000 or £1,250.50, after the CPV code (found "${valueText.slice(0, 30)}")`,
      );
      return;
    }
    items.push({ id: String(line), line, description, cpvCode, valuePence });
  });
  return { items, errors };
}

/**
 * The lot planner: an officer types a contract's items and the limits on lots, and sees how
 * splitting it into lots brings more of its value within reach of the register's local SMEs.
 */
export async function procurementLotsPages(app: FastifyInstance): Promise<void> {
  const database = app.database;
  const managers = { access: { roles: ["admin", "officer"] as const } } as const;

  const districts = () =>
    database.query<{ code: string; name: string }>(
      "select code, name from places where kind = 'district' order by name, code",
    );

  const registerIsFictional = async () =>
    (await database.query("select 1 from procurement_suppliers where fictional limit 1")).length >
    0;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    form: LotsForm,
    errors: FormError[],
    result?: Awaited<ReturnType<typeof planLots>> & { placeName: string | undefined },
  ): Promise<FastifyReply> {
    const places = await districts();
    return page(reply, request, "procurement/views/lots.njk", "Plan the lots of a contract", {
      form,
      errors,
      // The first problem of each field is shown beside it.
      errorOf: Object.fromEntries(
        [...errors].reverse().map((error) => [error.href.slice(1), error.text]),
      ),
      placeItems: [
        { value: "", text: "All the register's SMEs" },
        ...places.map((district) => ({ value: district.code, text: district.name })),
      ],
      result,
      fictional: result?.fictional ?? (await registerIsFictional()),
    });
  }

  /** The plan of the items over the local SMEs of the register, described for the page. */
  async function planLots(
    items: ContractLine[],
    options: { maxLots: number | undefined; minLotValuePence: number; place: string | undefined },
  ) {
    const { smes, withoutCapacity, names, fictional } = await lotSmes(database, options.place);
    const plan: LotPlan = lotPlan(items, smes, {
      ...(options.maxLots === undefined ? {} : { maxLots: options.maxLots }),
      minLotValuePence: options.minLotValuePence,
    });
    const itemsById = new Map(items.map((item) => [item.id, item]));
    const describeItems = (ids: readonly string[]) => ids.map((id) => itemsById.get(id)!);
    return {
      plan,
      smeCount: smes.length,
      withoutCapacity,
      lots: plan.lots.map((lot) => {
        const smeNames = lot.smeIds.map((id) => names.get(id) ?? id);
        return {
          ...lot,
          items: describeItems(lot.itemIds),
          smeNamesShown: smeNames.slice(0, namesShown),
          smeNamesMore: smeNames.slice(namesShown),
        };
      }),
      limits: plan.limits.map((limit) =>
        "itemIds" in limit ? { ...limit, items: describeItems(limit.itemIds) } : limit,
      ),
      fictional,
    };
  }

  app.get(
    "/procurement/lots",
    { schema: { hide: true }, config: managers },
    async (request, reply) => render(request, reply, firstForm, []),
  );

  app.post(
    "/procurement/lots",
    { schema: { hide: true }, config: managers },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const text = (name: string) => (typeof body[name] === "string" ? body[name] : "");
      const form: LotsForm = {
        items: text("items").slice(0, maxItemsText),
        maxLots: text("maxLots").trim(),
        minLotValue: text("minLotValue").trim(),
        place: text("place").trim(),
      };
      const errors: FormError[] = [];
      const { items, errors: lineErrors } = parseContractLines(form.items);
      // The summary lists a few faulty lines; the rest are alike and the field says how many.
      for (const message of lineErrors.slice(0, 5)) errors.push({ text: message, href: "#items" });
      if (lineErrors.length > 5) {
        errors.push({ text: `${lineErrors.length - 5} more lines have problems`, href: "#items" });
      }
      if (lineErrors.length === 0 && items.length === 0) {
        errors.push({
          text: "Enter the contract's items, one a line: description; CPV code; value in pounds",
          href: "#items",
        });
      }
      if (items.length > lotPlannerMaxItems) {
        errors.push({
          text: `Enter at most ${lotPlannerMaxItems} items; group small ones into one line`,
          href: "#items",
        });
      }
      let maxLots: number | undefined;
      if (form.maxLots !== "") {
        maxLots = /^\d+$/.test(form.maxLots) ? Number(form.maxLots) : NaN;
        if (!(maxLots >= 1 && maxLots <= lotPlannerMaxItems)) {
          errors.push({
            text: `Enter the most lots as a whole number from 1 to ${lotPlannerMaxItems}, or leave it blank for no limit`,
            href: "#maxLots",
          });
        }
      }
      const minLotValuePence = form.minLotValue === "" ? 0 : parsePounds(form.minLotValue);
      if (minLotValuePence === undefined) {
        errors.push({
          text: "Enter the least lot value in pounds, 0 or more, or leave it blank for none",
          href: "#minLotValue",
        });
      }
      const places = await districts();
      const known = places.some((district) => district.code === form.place);
      if (form.place !== "" && !known) {
        errors.push({ text: "Choose a district from the list, or all of them", href: "#place" });
      }
      if (errors.length > 0) return render(request, reply.code(400), form, errors);
      const result = await planLots(items, {
        maxLots,
        minLotValuePence: minLotValuePence!,
        place: form.place === "" ? undefined : form.place,
      });
      const placeName = places.find((district) => district.code === form.place)?.name;
      return render(request, reply, form, [], { ...result, placeName });
    },
  );
}
