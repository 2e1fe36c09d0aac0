import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ENGINE_ORIGIN, engineFetch, useStudioEnv } from "@/test/engine-harness";

/** The local engine's file store: what initiate accepts, and that what it serves never runs. */

describe("engine file store: served through the engine", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await useStudioEnv({ FAL_KEY: undefined });
  });

  const initiate = (content_type: string) =>
    engineFetch(`${ENGINE_ORIGIN}/api/local/fal/rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3`, {
      method: "POST",
      body: JSON.stringify({ content_type, file_name: "x" }),
    });

  it("answers a refused initiate with fal's {detail} shape", async () => {
    const res = await initiate("text/html");
    expect(res.status).toBe(415);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^Uploads of text\/html are not accepted; allowed types: image\/png/);
  });

  it("serves media inline but inert: its type, nosniff and a sandboxing CSP", async () => {
    const { upload_url, file_url } = (await (await initiate("image/png")).json()) as { upload_url: string; file_url: string };
    const stored = await engineFetch(upload_url, { method: "PUT", body: "<html><script>document.title='ran'</script></html>", headers: { "content-type": "image/png" } });
    expect(stored.status).toBe(200);
    const res = await engineFetch(file_url);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    expect(res.headers.get("content-disposition")).toBeNull();
  });

  it("serves a file stored before media-only uploads as an inert download, whatever its meta says", async () => {
    const id = randomUUID();
    const root = path.join(dataDir, "engine", "files");
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, id), "<html><script>fetch('/api/jobs')</script></html>");
    writeFileSync(path.join(root, `${id}.json`), JSON.stringify({ contentType: "text/html", fileName: "page.html" }));
    const res = await engineFetch(`${ENGINE_ORIGIN}/api/local/fal/files/${id}/page.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe("attachment");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
  });
});
