import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readBodyText } from "./body";

/** A body that would be `chunks × size` bytes, counting how much of it was actually pulled. */
function streamingRequest(chunks: number, size: number, headers: Record<string, string> = {}) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  const req = new Request("http://studio.test/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { req, pulled: () => pulled };
}

describe("readBodyText", () => {
  it("reads a body within the limit", async () => {
    const { req } = streamingRequest(3, 10);
    expect(await readBodyText(req, 100)).toBe("a".repeat(30));
  });

  it("refuses a declared length over the limit before reading anything", async () => {
    const { req, pulled } = streamingRequest(1000, 1024, { "content-length": String(1000 * 1024) });
    const err = await readBodyText(req, 64 * 1024).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(413);
    expect((err as AppError).message).toContain("64 KB");
    // At most the one chunk a stream fills on its own when created; the reader never asked.
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("stops reading a chunked body at the limit instead of taking it whole", async () => {
    const { req, pulled } = streamingRequest(10_000, 1024);
    const err = await readBodyText(req, 8 * 1024).catch((e: unknown) => e);
    expect((err as AppError).status).toBe(413);
    // The ninth KB crosses the limit; a few more may be queued by the stream, never thousands.
    expect(pulled()).toBeLessThan(20);
  });
});
