import { describe, expect, test } from "vitest";
import { atomFeed } from "./tenderFeed.js";

describe("atomFeed", () => {
  test("atomFeed escapes every text and takes the latest entry's time as the feed's", () => {
    const xml = atomFeed({
      id: "tag:placefirst,2026:feeds/x",
      title: "Tenders for A & B <Ltd>",
      selfUrl: "http://localhost/procurement/feeds/x",
      fallbackUpdated: "2026-01-01T00:00:00Z",
      entries: [
        {
          id: "tag:placefirst,2026:ocds-1",
          title: 'Roads "resurfacing"',
          url: "http://localhost/procurement/tenders/ocds-1",
          updated: "2026-11-01T00:00:00Z",
          summary: "Council & co",
        },
        {
          id: "tag:placefirst,2026:ocds-2",
          title: "Cleaning",
          url: "http://localhost/procurement/tenders/ocds-2",
          updated: "2026-11-20T00:00:00Z",
          summary: "£5,000",
        },
      ],
    });
    expect(xml).toContain("<title>Tenders for A &amp; B &lt;Ltd&gt;</title>");
    expect(xml).toContain("<title>Roads &quot;resurfacing&quot;</title>");
    expect(xml).toContain("</author>\n  <entry>");
    expect(xml.match(/<updated>2026-11-20T00:00:00Z<\/updated>/g)).toHaveLength(2);
    expect(xml.match(/<entry>/g)).toHaveLength(2);
  });

  test("atomFeed with no entries is a valid empty feed updated at the fallback time", () => {
    const xml = atomFeed({
      id: "tag:x",
      title: "None",
      selfUrl: "http://x/",
      fallbackUpdated: "2026-01-01T00:00:00Z",
      entries: [],
    });
    expect(xml).toContain("<updated>2026-01-01T00:00:00Z</updated>");
    expect(xml).not.toContain("<entry>");
  });
});
