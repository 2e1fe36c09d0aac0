import "server-only";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import sharp from "sharp";
import { z } from "zod";
import { AppError, validationError } from "@/lib/errors";
import { jobRecordSchema, type JobRecord } from "@/lib/jobs/schema";
import { publicRecord } from "@/lib/jobs/public-record";
import { parseMediaName } from "@/lib/media/types";
import { readMediaBlob } from "@/lib/media/store";
import { outboundFetch } from "@/lib/providers/fal";
import type { Studio } from "@/lib/agent/studio";
import { errorText } from "@/lib/secrets";

/** What the tools answer: the job record (media URLs absolute on the studio), small previews, or the API's error. */

/**
 * A job as the tools give it: the public record (lib/jobs/public-record.ts). Its input is declared
 * loosely: every task's input schema in each tool's listing would cost agents' context for nothing.
 */
export const toolJobSchema = jobRecordSchema.omit({ webhook: true }).extend({ input: z.record(z.string(), z.unknown()).describe("What the job was asked, as the task's API takes it.") });
export const sharedJobSchema = toolJobSchema.extend({ shareUrl: z.string().describe("The public share page.") });
export const historySchema = z.object({
  jobs: z.array(toolJobSchema),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last."),
});

export const storedFileSchema = z.object({
  url: z.string().describe("Absolute URL of the stored file; pass it to a file field."),
  contentType: z.string(),
  bytes: z.number(),
  width: z.number().optional(),
  height: z.number().optional(),
  durationSec: z.number().optional(),
});

/** Previews are for an agent to glance at, not the result: small, few, cheap to send. */
export const THUMB = { side: 256, quality: 70, max: 4 } as const;

const isStorePath = (url: string | undefined): url is string => Boolean(url?.startsWith("/api/media/") && parseMediaName(url));

/**
 * The bytes of a stored file: from the store itself when the studio runs in this process, else
 * from the studio it talks to. Only the studio's own files: a provider's link (a failed copy) is
 * never fetched, so a preview cannot be a way to make the server fetch an address for someone.
 */
async function readStored(studio: Studio, url: string): Promise<Buffer> {
  if (studio.where === "in-process") return Buffer.from(await (await readMediaBlob(url)).arrayBuffer());
  const res = await outboundFetch()(`${studio.origin}${url}`);
  if (!res.ok) throw new AppError("upstream", `The studio answered ${res.status} for ${url}.`);
  return Buffer.from(await res.arrayBuffer());
}

export async function thumbnail(bytes: Buffer): Promise<{ data: string; mimeType: string }> {
  const out = await sharp(bytes).resize(THUMB.side, THUMB.side, { fit: "inside", withoutEnlargement: true }).webp({ quality: THUMB.quality }).toBuffer();
  return { data: out.toString("base64"), mimeType: "image/webp" };
}

/** A preview of each picture (a video's poster), at most THUMB.max; one that cannot be made is left out. */
async function previews(studio: Studio, job: JobRecord): Promise<CallToolResult["content"]> {
  const stills = job.outputs
    .map((o) => (o.kind === "image" ? o.url : o.posterUrl))
    .filter(isStorePath)
    .slice(0, THUMB.max);
  const made = await Promise.all(
    stills.map((url) =>
      readStored(studio, url)
        .then(thumbnail)
        .catch((err: unknown) => console.error(`[studio] mcp: no preview for ${url}: ${errorText(err)}`)),
    ),
  );
  return made.flatMap((t) => (t ? [{ type: "image" as const, ...t }] : []));
}

/** A structured answer, with its JSON as text too for clients that read only text. */
export function structured(value: Record<string, unknown>, extra: CallToolResult["content"] = [], isError = false): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(value) }, ...extra], structuredContent: value, ...(isError ? { isError } : {}) };
}

/**
 * A job as a tool result. `failed`: a tool that was asked to make something reports a
 * job that failed or was cancelled as a tool error (with the record, so the reason is there).
 */
export async function jobResult(studio: Studio, job: JobRecord, { failed = false, extra = {} }: { failed?: boolean; extra?: Record<string, unknown> } = {}): Promise<CallToolResult> {
  const record = { ...publicRecord(job, studio.origin), ...extra };
  const images = job.status === "done" ? await previews(studio, job) : [];
  return structured(record, images, failed && (job.status === "failed" || job.status === "cancelled"));
}

/** Anything a tool throws, as the API would answer it: `{ error: { code, message, fields? } }`, never internals. */
export function toolError(err: unknown): CallToolResult {
  const known = err instanceof AppError ? err : err instanceof z.ZodError ? validationError(err) : undefined;
  if (!known) console.error("[studio] mcp tool failed:", errorText(err));
  const body = (known ?? new AppError("internal", "Something went wrong in the studio.")).toJSON();
  return { content: [{ type: "text", text: JSON.stringify(body) }], isError: true };
}
