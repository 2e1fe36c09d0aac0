import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { useStudioEnv } from "@/test/engine-harness";
import { decodeDataUrl, storeDataUrls } from "./data-url";
import { locateMedia } from "./store";

describe("data: URLs in a job's file fields", () => {
  let png: Buffer;
  let jpeg: Buffer;
  beforeAll(async () => {
    await useStudioEnv({});
    const raw = { create: { width: 40, height: 30, channels: 3 as const, background: "#3a7" } };
    png = await sharp(raw).png().toBuffer();
    jpeg = await sharp(raw).jpeg().toBuffer();
  });

  it("decodes base64 and percent-encoded data URLs", () => {
    expect(decodeDataUrl("data:text/plain;charset=utf-8;base64,aGk=")).toEqual({ type: "text/plain", bytes: Buffer.from("hi") });
    expect(decodeDataUrl("data:,a%20b").bytes.toString()).toBe("a b");
    expect(() => decodeDataUrl("data:image/png;base64")).toThrow(AppError);
    // A broken % escape is the caller's mistake (422), not a server fault.
    expect(() => decodeDataUrl("data:image/png,%E0%A4%A")).toThrow(AppError);
  });

  it("stores the file as an upload and puts its /api/media URL in the field, typed by its bytes", async () => {
    // Declared as anything (or nothing): a JPEG is taken as the JPEG it is.
    const input = { task: "background", mode: "remove", image: `data:application/octet-stream;base64,${jpeg.toString("base64")}` };
    const out = (await storeDataUrls(input)) as Record<string, unknown>;
    expect(out.image).toMatch(/^\/api\/media\/[a-f0-9]{64}\.jpg$/);
    expect(await locateMedia(out.image as string)).toMatchObject({ contentType: "image/jpeg", width: 40, height: 30 });
    expect(input.image.startsWith("data:")).toBe(true); // the caller's object is left as it was
  });

  it("leaves a body with an unknown task (even one named like Object's own properties) for the schema", async () => {
    for (const task of ["__proto__", "constructor", "toString", "nope"]) {
      const body = { task, image: "data:image/png;base64,AAAA" };
      expect(await storeDataUrls(body)).toEqual(body);
    }
  });

  it("touches only the task's file fields", async () => {
    const prompt = `data:image/png;base64,${png.toString("base64")}`;
    const out = (await storeDataUrls({ task: "image", prompt, sourceImage: prompt })) as Record<string, unknown>;
    expect(out.prompt).toBe(prompt);
    expect(out.sourceImage).toMatch(/^\/api\/media\/[a-f0-9]{64}\.png$/);
  });

  it("refuses what an upload refuses, naming the field", async () => {
    const svg = `data:image/svg+xml;base64,${Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>").toString("base64")}`;
    const err = await storeDataUrls({ task: "inpaint", prompt: "x", image: `data:image/png;base64,${png.toString("base64")}`, mask: svg }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("unsupported");
    expect((err as AppError).fields).toHaveProperty("mask");
  });
});
