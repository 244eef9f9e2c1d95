import type { InputError } from "../core/errors.js";
import { consultationKinds, type ConsultationKind } from "./ballotContent.js";
import type { NewConsultation } from "./consultations.js";
import type { TallyMethod } from "./methods/ballots.js";

type Form = Record<string, string | string[] | undefined>;

/** A problem with the form, and the field to go to. */
export interface FormProblem {
  text: string;
  href: string;
}

/**
 * Reads the officer's "open a consultation" form into what {@link createConsultation} takes, or
 * the problems to show. Times are read as UK local time; options are one a line,
 * `label | cost | evidence link`, their keys made from their labels.
 */
export function consultationFromForm(form: Form): {
  input?: NewConsultation;
  problems: FormProblem[];
} {
  const text = (name: string): string => {
    const value = form[name];
    return typeof value === "string" ? value.trim() : "";
  };
  const problems: FormProblem[] = [];
  const boardId = Number(text("board"));
  if (!(Number.isInteger(boardId) && boardId > 0)) {
    problems.push({ text: "Choose a board", href: "#board" });
  }
  const title = text("title");
  if (title === "") problems.push({ text: "Give the consultation a title", href: "#title" });
  const question = text("question");
  if (question === "") problems.push({ text: "Ask the question", href: "#question" });
  const kind = text("kind") as ConsultationKind;
  if (!(consultationKinds as readonly string[]).includes(kind)) {
    problems.push({ text: "Choose the kind of ballot", href: "#kind" });
  }
  const budgetText = text("budget").replace(/[£,\s]/g, "");
  const budget = budgetText === "" ? null : Number(budgetText);
  if (budget !== null && !(budget > 0 && Number.isFinite(budget))) {
    problems.push({ text: "Enter the budget as a number above 0", href: "#budget" });
  }
  const opensAt = londonTime(text("opensAt"));
  const closesAt = londonTime(text("closesAt"));
  if (opensAt === undefined) {
    problems.push({ text: "Enter when the consultation opens", href: "#opensAt" });
  }
  if (closesAt === undefined) {
    problems.push({ text: "Enter when the consultation closes", href: "#closesAt" });
  }
  const chosen = form.eligible === undefined ? [] : [form.eligible].flat();
  const eligible = chosen
    .filter((value) => value.startsWith(`${boardId}:`))
    .map((value) => value.slice(String(boardId).length + 1));
  const keys = new Set<string>();
  const options: NewConsultation["options"][number][] = [];
  for (const [index, line] of text("options").split(/\r?\n/).entries()) {
    if (line.trim() === "") continue;
    const [label = "", cost = "", evidence = ""] = line.split("|").map((part) => part.trim());
    const base =
      label
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 40) || `option-${index + 1}`;
    let key = base;
    for (let suffix = 2; keys.has(key); suffix++) key = `${base}-${suffix}`;
    keys.add(key);
    const costValue = cost === "" ? null : Number(cost.replace(/[£,\s]/g, ""));
    if (costValue !== null && !(costValue > 0 && Number.isFinite(costValue))) {
      problems.push({
        text: `Line ${index + 1}: the cost must be a number above 0`,
        href: "#options",
      });
    }
    if (evidence !== "" && !/^(\/|https?:\/\/)/.test(evidence)) {
      problems.push({
        text: `Line ${index + 1}: the evidence link must start with / or http`,
        href: "#options",
      });
    }
    options.push({ key, label, cost: costValue, evidenceUrl: evidence === "" ? null : evidence });
  }
  if (options.length < 2) problems.push({ text: "Give at least two options", href: "#options" });
  if (problems.length > 0) return { problems };
  return {
    problems,
    input: {
      boardId,
      title,
      question,
      kind,
      ...(kind === "ranked" ? { method: (text("method") || "schulze") as TallyMethod } : {}),
      budget,
      eligible: eligible.length === 0 ? null : eligible,
      weighting: text("weighting") === "post-stratified" ? "post-stratified" : "board",
      opensAt: opensAt!,
      closesAt: closesAt!,
      options,
    },
  };
}

/**
 * The instant a UK wall-clock time (`2026-12-01T09:00`, as a datetime-local field sends it)
 * stands for, in British time (GMT or BST as the date falls); undefined for anything else.
 */
export function londonTime(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute] = match.map(Number) as number[];
  const asUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!);
  if (Number.isNaN(asUtc)) return undefined;
  // The London offset at that moment, found by formatting it in London; twice, for the
  // hours around a change of clocks.
  let instant = asUtc;
  for (let pass = 0; pass < 2; pass++) instant = asUtc - londonOffset(instant);
  return new Date(instant);
}

const londonParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function londonOffset(instant: number): number {
  const parts = Object.fromEntries(
    londonParts.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return wall - Math.floor(instant / 60_000) * 60_000;
}

/** Input errors from the service, as problems on the form. */
export function problemFrom(error: InputError): FormProblem {
  const field = error.location.field ?? "";
  const href = field.startsWith("options")
    ? "#options"
    : ["budget", "eligible", "weighting", "closesAt", "kind", "method"].includes(field)
      ? `#${field === "weighting" ? "kind" : field}`
      : "#title";
  return { text: error.message, href };
}
