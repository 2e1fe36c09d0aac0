import "server-only";
import sharp from "sharp";
import { NoSubjectError, removeBackground, replaceBackground } from "@/lib/local-engine/media/background";
import { invalid, n, readImageInput } from "@/lib/local-engine/fal/io";
import { seedFor } from "../seed";
import type { RunContext } from "@/lib/local-engine/fal/models";
import type { Family } from "@/lib/providers/catalog";
import type { LocalGenerators } from "../server-types";

type Format = "png" | "webp" | "gif";

/** What a background model answers when nothing stands apart from the backdrop: a 422 on the image, as fal words it. */
async function refusingNoSubject<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof NoSubjectError) throw invalid(err.field, err.message);
    throw err;
  }
}

async function cutOut(imageUrl: string, family: Family, ctx: RunContext): Promise<Buffer> {
  const { data } = await readImageInput(imageUrl, "image_url", family);
  ctx.log("Segmenting the subject");
  return (await refusingNoSubject(() => removeBackground(data, { signal: ctx.signal }))).png;
}

/** The alpha channel as a greyscale picture: white is subject. */
async function maskOf(cut: Buffer): Promise<Buffer> {
  return sharp(cut).extractChannel(3).png().toBuffer();
}

/** Cropped to the smallest box around every pixel that is not fully transparent. */
async function croppedToSubject(cut: Buffer): Promise<Buffer> {
  // trim runs before extractChannel in one pipeline, so the alpha is its own image first.
  const alpha = await maskOf(cut);
  const { info } = await sharp(alpha).trim({ background: "#000000", threshold: 0 }).toBuffer({ resolveWithObject: true });
  const box = { left: -(info.trimOffsetLeft ?? 0), top: -(info.trimOffsetTop ?? 0), width: info.width, height: info.height };
  return sharp(cut).extract(box).png().toBuffer();
}

/** fal's image file: stored on the engine, or inline as a data URI when the caller asked for sync mode. */
async function imageFile(ctx: RunContext, picture: Buffer, opts: { format?: Format; name: string; sync?: boolean }) {
  const format = opts.format ?? "png";
  // Lossless WebP keeps the cut-out's pixels; GIF can only keep or drop each one.
  const data = format === "webp" ? await sharp(picture).webp({ lossless: true }).toBuffer() : format === "gif" ? await sharp(picture).gif().toBuffer() : picture;
  // Measured from the picture itself: a cut-out is upright (EXIF orientation applied) and may be cropped.
  const { width, height } = await sharp(picture).metadata();
  const contentType = `image/${format}`;
  const fileName = `${opts.name}.${format}`;
  const url = opts.sync ? `data:${contentType};base64,${data.toString("base64")}` : await ctx.saveOutput(data, contentType, fileName);
  return { url, content_type: contentType, file_name: fileName, file_size: data.length, width, height };
}

// The studio asks for at most 4; a request for thousands would hold the engine for minutes.
const MAX_IMAGES = 4;

export const backgroundEngine: LocalGenerators<"birefnet-v2" | "birefnet" | "bria-remove-background" | "rembg" | "bria-replace-background"> = {
  async "birefnet-v2"(i, ctx) {
    const cut = await cutOut(i.image_url, "birefnet-v2", ctx);
    const mask = i.mask_only || i.output_mask ? await maskOf(cut) : undefined;
    const image = await imageFile(ctx, i.mask_only ? mask! : cut, { format: i.output_format, name: i.mask_only ? "mask" : "image", sync: i.sync_mode });
    return { image, ...(i.output_mask ? { mask_image: await imageFile(ctx, mask!, { name: "mask", sync: i.sync_mode }) } : {}) };
  },
  async birefnet(i, ctx) {
    const cut = await cutOut(i.image_url, "birefnet", ctx);
    const image = await imageFile(ctx, cut, { format: i.output_format, name: "image", sync: i.sync_mode });
    return { image, ...(i.output_mask ? { mask_image: await imageFile(ctx, await maskOf(cut), { name: "mask", sync: i.sync_mode }) } : {}) };
  },
  async "bria-remove-background"(i, ctx) {
    return { image: await imageFile(ctx, await cutOut(i.image_url, "bria-remove-background", ctx), { name: "image", sync: i.sync_mode }) };
  },
  async rembg(i, ctx) {
    const cut = await cutOut(i.image_url, "rembg", ctx);
    return { image: await imageFile(ctx, i.crop_to_bbox ? await croppedToSubject(cut) : cut, { name: "image", sync: i.sync_mode }) };
  },
  async "bria-replace-background"(i, ctx) {
    // Bria takes the new background from a prompt or from a reference picture, never both.
    const ref = i.ref_image_url?.trim();
    if (ref && i.prompt) throw invalid("ref_image_url", "Give either a prompt or ref_image_url, not both");
    if (ref) throw invalid("ref_image_url", "The local engine paints backgrounds from a prompt only; it cannot take one from a reference image");
    if (!i.prompt?.trim()) throw invalid("prompt", "Give a prompt for the new background (or ref_image_url)");
    if ((i.num_images ?? 1) > MAX_IMAGES) throw invalid("num_images", `The local engine makes at most ${MAX_IMAGES} images per request`);
    const { data } = await readImageInput(i.image_url, "image_url", "bria-replace-background");
    const seed = seedFor(i.seed);
    ctx.log("Segmenting the subject");
    // One after another: each holds the whole image in memory several times over.
    const images = [];
    for (const index of n(i.num_images)) {
      ctx.log(`Painting background ${index + 1}/${i.num_images ?? 1}`);
      const png = await refusingNoSubject(() => replaceBackground({ image: data, prompt: i.prompt!, seed, index, signal: ctx.signal }));
      images.push(await imageFile(ctx, png, { name: `image-${index + 1}`, sync: i.sync_mode }));
    }
    return { images, seed };
  },
};
