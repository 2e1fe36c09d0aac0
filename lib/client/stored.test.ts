import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { uploadedFileSchema } from "./draft-schemas";
import { FEED_CAP, withNewest } from "./stored";
import { draftFrom, feedIdsFrom } from "./stored-checks";

const schema = z.object({
  prompt: z.string().check(z.maxLength(20)),
  steps: z.int().check(z.minimum(1), z.maximum(50)),
  random: z.boolean(),
  source: z.nullable(uploadedFileSchema),
});
const defaults = { prompt: "", steps: 28, random: true, source: null };
const file = {
  name: "cliff.png",
  preview: `/api/media/${"a".repeat(64)}.png`,
  uploaded: { url: `/api/media/${"a".repeat(64)}.png`, contentType: "image/png", bytes: 1200, width: 64, height: 48 },
};

describe("draftFrom", () => {
  it("brings back every field of a stored draft, an uploaded file included", () => {
    const stored = { prompt: "a lighthouse", steps: 4, random: false, source: file };
    expect(draftFrom(stored, schema, defaults)).toEqual(stored);
  });

  it("takes the default for each field that does not fit, keeping the rest", () => {
    expect(draftFrom({ prompt: "kept", steps: 999, random: "yes" }, schema, defaults)).toEqual({ prompt: "kept", steps: 28, random: true, source: null });
  });

  it("refuses an upload whose preview is a blob: URL or another site's address", () => {
    expect(draftFrom({ source: { ...file, preview: "blob:http://x/1" } }, schema, defaults).source).toBeNull();
    expect(draftFrom({ source: { ...file, uploaded: { ...file.uploaded, url: "https://evil.example/x.png" } } }, schema, defaults).source).toBeNull();
  });

  it("reads anything that is not an object as the defaults", () => {
    for (const stored of [undefined, null, "text", 42, [1, 2]]) expect(draftFrom(stored, schema, defaults)).toEqual(defaults);
  });

  it("drops fields the schema does not know", () => {
    expect(draftFrom({ prompt: "x", extra: "<script>" }, schema, defaults)).not.toHaveProperty("extra");
  });
});

describe("feed ids", () => {
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

  it("reads a stored list of job ids newest first", () => {
    expect(feedIdsFrom([id(2), id(1)])).toEqual([id(2), id(1)]);
  });

  it("reads a list with a malformed id, or no list at all, as an empty feed", () => {
    expect(feedIdsFrom([id(1), "../../etc/passwd"])).toEqual([]);
    expect(feedIdsFrom({ ids: [id(1)] })).toEqual([]);
    expect(feedIdsFrom(undefined)).toEqual([]);
  });

  it("keeps each id once and at most FEED_CAP of them", () => {
    const many = Array.from({ length: FEED_CAP + 5 }, (_, i) => id(i));
    expect(feedIdsFrom([id(1), id(1), id(2)])).toEqual([id(1), id(2)]);
    expect(feedIdsFrom(many)).toEqual(many.slice(0, FEED_CAP));
  });

  it("puts a new job on top, moves a known one there, and drops the oldest past the cap", () => {
    expect(withNewest([id(1)], id(2))).toEqual([id(2), id(1)]);
    expect(withNewest([id(2), id(1)], id(1))).toEqual([id(1), id(2)]);
    const full = Array.from({ length: FEED_CAP }, (_, i) => id(i + 1));
    const next = withNewest(full, id(99));
    expect(next).toHaveLength(FEED_CAP);
    expect(next[0]).toBe(id(99));
    expect(next).not.toContain(id(FEED_CAP));
  });
});
