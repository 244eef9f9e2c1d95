import { escapeXml } from "../web/charts/index.js";

/** One entry of an Atom feed. */
export interface FeedEntry {
  /** A permanent, unique id: a URL or a `tag:` URI. */
  id: string;
  title: string;
  /** The page the entry points to. */
  url: string;
  /** When it last changed, ISO 8601. */
  updated: string;
  /** A line of plain text. */
  summary: string;
}

/**
 * An Atom 1.0 feed (RFC 4287) as text: the feed's id, title, self link and updated time (the
 * latest entry's, else `fallbackUpdated`), and each entry with its id, title, link, updated time
 * and summary, every text escaped.
 */
export function atomFeed(feed: {
  id: string;
  title: string;
  selfUrl: string;
  fallbackUpdated: string;
  entries: readonly FeedEntry[];
}): string {
  const updated =
    feed.entries
      .map((entry) => entry.updated)
      .sort()
      .at(-1) ?? feed.fallbackUpdated;
  const entries = feed.entries.map(
    (entry) => `  <entry>
    <id>${escapeXml(entry.id)}</id>
    <title>${escapeXml(entry.title)}</title>
    <link rel="alternate" href="${escapeXml(entry.url)}"/>
    <updated>${escapeXml(entry.updated)}</updated>
    <summary>${escapeXml(entry.summary)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(feed.id)}</id>
  <title>${escapeXml(feed.title)}</title>
  <link rel="self" href="${escapeXml(feed.selfUrl)}"/>
  <updated>${escapeXml(updated)}</updated>
  <author><name>Placefirst</name></author>
${entries.join("\n")}
</feed>
`;
}
