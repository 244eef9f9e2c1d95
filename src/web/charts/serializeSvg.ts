import { escapeXml } from "./escapeXml.js";

/** Options for {@link serializeSvg}. */
export interface SerializeSvgOptions {
  /**
   * Attributes to set on the root element, replacing any of the same name; a null value
   * removes the attribute. Values are escaped.
   */
  attributes?: Readonly<Record<string, string | null>>;
  /** Markup to insert as the first children of the root, already escaped. Default none. */
  prepend?: string;
  /** Markup to insert as the last children of the root, already escaped. Default none. */
  append?: string;
  /** Names of child elements of the root to leave out, such as "style". Default none. */
  omit?: readonly string[];
  /**
   * A prefix for every `id` in the tree, so that ids stay unique when many charts share a page;
   * references to them (`url(#id)`, `href="#id"`) are rewritten to match. Default none.
   */
  idPrefix?: string;
  /**
   * Whether to add `aria-hidden="true"` to every child element of the root other than `<title>`
   * and `<desc>`. Use it when the root has `role="img"`: its children are presentational anyway,
   * and hiding them keeps accessibility checkers (axe's "aria-prohibited-attr") from flagging the
   * `aria-label` that Plot puts on `<g>` and `<circle>` elements. Default false.
   */
  hideChildren?: boolean;
}

/**
 * Serialises a DOM element built on the server (by Observable Plot on linkedom) as XML that is
 * also valid inside HTML: every attribute value and text node is escaped with
 * {@link escapeXml}, which linkedom's own `outerHTML` does not fully do, and elements without
 * children are self-closed. Comments are dropped.
 *
 * @param root The root element, usually an `<svg>`.
 * @param options Attributes to set on the root and markup to add to it.
 * @returns The markup.
 */
export function serializeSvg(root: Element, options: SerializeSvgOptions = {}): string {
  const { attributes = {}, prepend = "", append = "", omit = [], idPrefix } = options;
  const hidden = options.hideChildren === true ? { "aria-hidden": "true" } : undefined;
  const rename = idPrefix === undefined ? undefined : collectIds(root, idPrefix);
  const parts: string[] = [`<${root.localName}`];
  const own = new Map<string, string>();
  for (const attribute of orderedAttributes(root)) own.set(attribute.name, attribute.value);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null) own.delete(name);
    else own.set(name, value);
  }
  for (const [name, value] of own)
    parts.push(` ${name}="${escapeXml(rewrite(name, value, rename))}"`);
  parts.push(">", prepend);
  for (const child of Array.from(root.childNodes)) {
    const name = child.nodeType === 1 ? (child as Element).localName : "";
    if (omit.includes(name)) continue;
    serializeNode(child, parts, rename, name === "title" || name === "desc" ? undefined : hidden);
  }
  parts.push(append, `</${root.localName}>`);
  return parts.join("");
}

function serializeNode(
  node: Node,
  parts: string[],
  rename: Map<string, string> | undefined,
  extra?: Readonly<Record<string, string>>,
): void {
  if (node.nodeType === 3) {
    parts.push(escapeXml(node.textContent ?? ""));
    return;
  }
  if (node.nodeType !== 1) return;
  const element = node as Element;
  parts.push(`<${element.localName}`);
  const own = new Map<string, string>();
  for (const { name, value } of orderedAttributes(element)) own.set(name, value);
  for (const [name, value] of Object.entries(extra ?? {})) own.set(name, value);
  for (const [name, value] of own) {
    parts.push(` ${name}="${escapeXml(rewrite(name, value, rename))}"`);
  }
  const children = Array.from(element.childNodes);
  if (children.length === 0) {
    parts.push("/>");
    return;
  }
  parts.push(">");
  for (const child of children) serializeNode(child, parts, rename);
  parts.push(`</${element.localName}>`);
}

// linkedom lists attributes added by setAttribute (as Plot adds them) newest first; put them back
// in the order they were set.
function orderedAttributes(element: Element): { name: string; value: string }[] {
  return Array.from(element.attributes, ({ name, value }) => ({ name, value })).reverse();
}

function collectIds(root: Element, prefix: string): Map<string, string> {
  const ids = new Map<string, string>();
  const visit = (element: Element): void => {
    const id = element.getAttribute("id");
    if (id !== null) ids.set(id, `${prefix}-${id}`);
    for (const child of Array.from(element.children)) visit(child);
  };
  visit(root);
  return ids;
}

function rewrite(name: string, value: string, rename: Map<string, string> | undefined): string {
  if (rename === undefined || rename.size === 0) return value;
  if (name === "id") return rename.get(value) ?? value;
  if ((name === "href" || name === "xlink:href") && value.startsWith("#")) {
    return `#${rename.get(value.slice(1)) ?? value.slice(1)}`;
  }
  return value.replace(/url\(#([^)]+)\)/g, (whole, id: string) => {
    const renamed = rename.get(id);
    return renamed === undefined ? whole : `url(#${renamed})`;
  });
}
