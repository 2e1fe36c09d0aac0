import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { useStudioEnv } from "@/test/engine-harness";
import { saveMediaBuffer } from "@/lib/media/store";
import { fitText, handoffHref } from "./handoff";
import { loadSeed } from "./remix";

describe("loadSeed: a result handed on to a page", () => {
  let png: string;
  let wav: string;
  beforeAll(async () => {
    await useStudioEnv({});
    const image = await sharp({ create: { width: 8, height: 6, channels: 3, background: "#808080" } }).png().toBuffer();
    png = (await saveMediaBuffer(image, "image/png")).url;
    // 0.1 s of silence: a valid WAV the store probes as audio.
    const samples = 800;
    const header = Buffer.alloc(44);
    header.write("RIFF", 0); header.writeUInt32LE(36 + samples * 2, 4); header.write("WAVE", 8); header.write("fmt ", 12);
    header.writeUInt32LE(16, 16); header.writeUInt16LE(1, 20); header.writeUInt16LE(1, 22); header.writeUInt32LE(8000, 24);
    header.writeUInt32LE(16000, 28); header.writeUInt16LE(2, 32); header.writeUInt16LE(16, 34); header.write("data", 36); header.writeUInt32LE(samples * 2, 40);
    wav = (await saveMediaBuffer(Buffer.concat([header, Buffer.alloc(samples * 2)]), "audio/wav")).url;
  });

  it("puts a stored image into the field the page takes it in, and into the input so the form opens in that mode", async () => {
    const seed = await loadSeed({ image: png }, "image");
    expect(seed?.media.sourceImage?.uploaded).toMatchObject({ url: png, contentType: "image/png", width: 8, height: 6 });
    expect(seed?.input).toEqual({ sourceImage: png });
    expect(seed?.jobId).toBeUndefined();
  });

  it("gives Control the image as the photo its map is found in, on edges, without making it the map", async () => {
    const seed = await loadSeed({ image: png }, "control");
    expect(seed?.media.photo?.uploaded.url).toBe(png);
    expect(seed?.media.map).toBeUndefined();
    expect(seed?.input).toEqual({ kind: "edges" });
  });

  it("opens the page empty for media that is foreign, unknown, of the wrong kind, or not a URL", async () => {
    for (const bad of ["https://example.com/a.png", `/api/media/${"0".repeat(64)}.png`, "/etc/passwd", "", wav]) {
      expect(await loadSeed({ image: bad }, "inpaint"), bad).toBeUndefined();
    }
    expect(await loadSeed({ audio: png }, "transcribe")).toBeUndefined();
    expect((await loadSeed({ audio: wav }, "transcribe"))?.media.audio?.uploaded.url).toBe(wav);
  });

  it("ignores what the page does not take", async () => {
    expect(await loadSeed({ text: "a lighthouse" }, "background")).toBeUndefined();
    expect(await loadSeed({ audio: wav }, "image")).toBeUndefined();
  });

  it("takes text up to the field's limit, trimmed, and refuses longer text", async () => {
    expect((await loadSeed({ text: "  a lighthouse at dawn " }, "image"))?.input).toEqual({ prompt: "a lighthouse at dawn" });
    expect((await loadSeed({ text: "x".repeat(1000) }, "prompts"))?.input).toEqual({ idea: "x".repeat(1000) });
    expect(await loadSeed({ text: "x".repeat(1001) }, "prompts")).toBeUndefined();
    expect(await loadSeed({ text: "x".repeat(2001) }, "speech")).toBeUndefined();
    expect(await loadSeed({ text: "   " }, "speech")).toBeUndefined();
  });

  it("prefers ?remix= and opens empty for a bad one, rather than falling back to the hand-off", async () => {
    expect(await loadSeed({ remix: "not-a-job", image: png }, "image")).toBeUndefined();
  });

  it("keys each seed by what it carries, so a page handed something new starts afresh", async () => {
    const a = await loadSeed({ text: "one" }, "text");
    const b = await loadSeed({ text: "two" }, "text");
    expect(a?.key).not.toBe(b?.key);
  });
});

describe("handoffHref", () => {
  it("links each kind only to a page that takes it", () => {
    expect(handoffHref("inpaint", { image: "/api/media/a.png" })).toBe("/inpaint?image=%2Fapi%2Fmedia%2Fa.png");
    expect(handoffHref("background", { text: "hello" })).toBe("/background");
    expect(handoffHref("speech", { text: "hello world" })).toBe("/speech?text=hello+world");
  });

  it("fits long text to the target field at a word boundary", () => {
    const long = "word ".repeat(500);
    const q = new URL(handoffHref("prompts", { text: long }), "http://x").searchParams.get("text")!;
    expect(q.length).toBeLessThanOrEqual(1000);
    expect(q.endsWith("word")).toBe(true);
  });
});

describe("fitText", () => {
  it("keeps short text, cuts at the last space, and hard-cuts one endless word", () => {
    expect(fitText(" short ", 10)).toBe("short");
    expect(fitText("alpha beta gamma", 12)).toBe("alpha beta");
    expect(fitText("x".repeat(20), 5)).toBe("xxxxx");
  });
});
