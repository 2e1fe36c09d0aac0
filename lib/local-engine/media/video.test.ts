import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderImage } from "./image";
import { MediaInputError, run, toolStatus } from "@/lib/system-tools";
import { renderVideo } from "./video";

const { ffmpeg: available } = await toolStatus();

type Probe = {
  streams: { codec_name: string; pix_fmt: string; width: number; height: number; nb_frames: string; r_frame_rate: string }[];
  format: { duration: string };
};

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "video-test-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function save(mp4: Buffer, name: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, mp4);
  return file;
}

async function probe(file: string): Promise<Probe> {
  const { stdout } = await run(
    "ffprobe",
    ["-v", "error", "-show_entries", "stream=codec_name,pix_fmt,width,height,nb_frames,r_frame_rate:format=duration", "-of", "json", file],
    { timeoutMs: 20_000 },
  );
  return JSON.parse(stdout) as Probe;
}

/** Frame n as raw RGB, decoded by ffmpeg. */
async function frame(file: string, n: number): Promise<Buffer> {
  const png = path.join(dir, `frame-${path.basename(file)}-${n}.png`);
  await run("ffmpeg", ["-v", "error", "-i", file, "-vf", `select=eq(n\\,${n})`, "-frames:v", "1", "-fps_mode", "vfr", "-y", png], { timeoutMs: 20_000 });
  return sharp(png).removeAlpha().raw().toBuffer();
}

function meanDiff(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

function expectPlayable(info: Probe, width: number, height: number, durationSec: number) {
  const [video] = info.streams;
  expect(info.streams).toHaveLength(1);
  expect(video?.codec_name).toBe("h264");
  expect(video?.pix_fmt).toBe("yuv420p");
  expect([video?.width, video?.height]).toEqual([width, height]);
  expect(Math.abs(Number(info.format.duration) - durationSec)).toBeLessThan(0.15);
}

describe("renderVideo", () => {
  it.skipIf(!available)("text-to-video: H.264 yuv420p at the requested size and length, and it moves", async () => {
    const mp4 = await renderVideo({ prompt: "misty mountains at dawn", seed: 4, durationSec: 5, width: 768, height: 432 });
    const file = await save(mp4, "t2v.mp4");
    const info = await probe(file);
    expectPlayable(info, 768, 432, 5);
    expect(info.streams[0]?.nb_frames).toBe("120");
    expect(info.streams[0]?.r_frame_rate).toBe("24/1");
    // faststart: the index (moov) comes before the media data (mdat).
    expect(mp4.indexOf("moov")).toBeLessThan(mp4.indexOf("mdat"));
    expect(meanDiff(await frame(file, 0), await frame(file, 119))).toBeGreaterThan(1.5);
  });

  it.skipIf(!available)("text-to-video honours fps and other shapes", async () => {
    const mp4 = await renderVideo({ prompt: "abstract glass spheres", seed: 9, durationSec: 1.5, width: 432, height: 768, fps: 30 });
    const info = await probe(await save(mp4, "portrait.mp4"));
    expectPlayable(info, 432, 768, 1.5);
    expect(info.streams[0]?.nb_frames).toBe("45");
  });

  it.skipIf(!available)("image-to-video starts on the start image and zooms into it", async () => {
    // A start image of another aspect: it is covered to the output size.
    const start = await renderImage({ prompt: "a red fox in a snowy forest at sunset", width: 900, height: 700, seed: 1 });
    const mp4 = await renderVideo({ prompt: "slow push in", seed: 2, durationSec: 3, width: 640, height: 480, startImage: start });
    const file = await save(mp4, "i2v.mp4");
    expectPlayable(await probe(file), 640, 480, 3);

    const cover = await sharp(start).resize(640, 480, { fit: "cover" }).removeAlpha().raw().toBuffer();
    const first = await frame(file, 0);
    const last = await frame(file, 71);
    expect(meanDiff(first, cover)).toBeLessThan(4); // only compression noise
    expect(meanDiff(last, cover)).toBeGreaterThan(meanDiff(first, cover) + 2); // the view has moved
  });

  it.skipIf(!available)("rejects odd sizes, bad durations and unreadable start images", async () => {
    const opts = { prompt: "x", seed: 1, durationSec: 1, width: 320, height: 240 };
    await expect(renderVideo({ ...opts, width: 321 })).rejects.toBeInstanceOf(MediaInputError);
    await expect(renderVideo({ ...opts, durationSec: 0 })).rejects.toBeInstanceOf(MediaInputError);
    await expect(renderVideo({ ...opts, durationSec: Number.NaN })).rejects.toBeInstanceOf(MediaInputError);
    await expect(renderVideo({ ...opts, startImage: Buffer.from("garbage") })).rejects.toBeInstanceOf(MediaInputError);
  });
});
