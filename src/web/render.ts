import nunjucks from "nunjucks";
import { join } from "node:path";
import { govukFrontendDist, packageRoot, templatesDir } from "./paths.js";

/** A navigation item of the service header. */
export interface NavigationItem {
  href: string;
  text: string;
  active?: boolean;
}

/** The capabilities in the header, in the order of the strategy. */
export const navigation: readonly NavigationItem[] = [
  { href: "/places", text: "Places" },
  { href: "/scorecard", text: "Scorecard" },
  { href: "/profile", text: "Profile" },
  { href: "/participation", text: "Participation" },
  { href: "/skills", text: "Skills" },
  { href: "/finance", text: "Finance" },
  { href: "/procurement", text: "Procurement" },
  { href: "/strategy", text: "Strategy" },
  { href: "/data", text: "Data" },
];

let environment: nunjucks.Environment | undefined;

/**
 * The template environment: Placefirst's shared templates, each capability's `views` (named from
 * `src`, e.g. `data/views/place.njk`) and GOV.UK Frontend's macros, autoescaped.
 */
export function templateEnvironment(): nunjucks.Environment {
  if (environment !== undefined) return environment;
  environment = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([templatesDir, join(packageRoot, "src"), govukFrontendDist], {
      noCache: false,
    }),
    { autoescape: true, throwOnUndefined: false },
  );
  const integer = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
  environment.addFilter("number", (value: unknown, digits?: number) => {
    if (typeof value !== "number" || !Number.isFinite(value)) return "–";
    if (digits !== undefined) {
      return new Intl.NumberFormat("en-GB", {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(value);
    }
    return Math.abs(value) >= 1000 ? integer.format(value) : decimal.format(value);
  });
  // Dates and times as people in the UK write them, in UK time: "28 November 2026, 14:30".
  const dateTime = new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Europe/London",
  });
  environment.addFilter("date", (value: unknown) => {
    const date = value instanceof Date ? value : new Date(String(value));
    return Number.isNaN(date.getTime()) ? "–" : dateTime.format(date);
  });
  return environment;
}

/** What every page gets besides its own fields. */
export interface PageContext {
  title: string;
  /** The path of the page, to mark the current navigation item. */
  path: string;
  user?: { email: string; role: string } | undefined;
  csrfToken?: string | undefined;
  /** Show the banner saying the page shows fictional demo data. */
  fictional?: boolean;
  [key: string]: unknown;
}

/** Renders a page template with the shared layout's context. */
export function renderPage(template: string, context: PageContext): string {
  const items = navigation.map((item) => ({
    ...item,
    active: context.path === item.href || context.path.startsWith(`${item.href}/`),
  }));
  return templateEnvironment().render(template, { ...context, navigation: items });
}
