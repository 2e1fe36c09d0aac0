import { notFound } from "next/navigation";
import { ImageResponse } from "next/og";
import { connection } from "next/server";
import sharp from "sharp";
import { factsOf, jobTitle, TASK_LABEL } from "@/components/job/describe";
import { excerpt } from "@/components/job/format";
import { taskDefinition } from "@/lib/tasks/registry";
import type { JobRecord } from "@/lib/jobs/schema";
import { readMediaBlob } from "@/lib/media/store";
import { markdownToPlain } from "@/lib/text/markdown";
import { sharedJob } from "./shared-job";
import { errorText } from "@/lib/secrets";

// sharp and the database driver are native: this must run in Node.js, never on the edge.
export const runtime = "nodejs";
export const alt = "A result made with Studio";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

const W = size.width;
const H = size.height;
const BG = "#09090b";
const VIOLET = "#a78bfa";

type Picture = { src: string; width: number; height: number; backdrop?: string };

const dataUrl = (buf: Buffer, type: string) => `data:${type};base64,${buf.toString("base64")}`;

/** The job's still (first image, or the video's poster) from the media store, resized for the card. */
async function pictureOf(job: JobRecord, wide: (aspect: number) => boolean): Promise<(Picture & { fullBleed: boolean }) | undefined> {
  const first = job.outputs[0];
  const url = first?.kind === "video" ? first.posterUrl : first?.kind === "image" ? first.url : undefined;
  if (!first || !url || first.copyError || !url.startsWith("/api/media/")) return undefined;
  try {
    const source = Buffer.from(await (await readMediaBlob(url)).arrayBuffer());
    const meta = await sharp(source).metadata();
    if (!meta.width || !meta.height) return undefined;
    const fullBleed = wide(meta.width / meta.height);
    if (fullBleed) {
      const cover = await sharp(source).resize(W, H, { fit: "cover", position: "attention" }).flatten({ background: BG }).jpeg({ quality: 82 }).toBuffer();
      return { src: dataUrl(cover, "image/jpeg"), width: W, height: H, fullBleed };
    }
    // Beside the text: the whole picture, as tall as the card allows, over a blurred, darkened copy of itself.
    const box = { width: 600, height: 550 };
    const { data, info } = await sharp(source)
      .resize(box.width, box.height, { fit: "inside", withoutEnlargement: false })
      .flatten({ background: "#18181b" })
      .jpeg({ quality: 85 })
      .toBuffer({ resolveWithObject: true });
    const backdrop = await sharp(source).resize(W, H, { fit: "cover" }).blur(48).modulate({ brightness: 0.32, saturation: 1.1 }).jpeg({ quality: 70 }).toBuffer();
    return { src: dataUrl(data, "image/jpeg"), width: info.width, height: info.height, backdrop: dataUrl(backdrop, "image/jpeg"), fullBleed };
  } catch (err) {
    console.error("[studio] share preview: could not read the picture:", errorText(err));
    return undefined;
  }
}

function Mark() {
  return (
    <div style={{ display: "flex", alignItems: "center", gap: 12 }}>
      <div
        style={{
          display: "flex",
          width: 36,
          height: 36,
          borderRadius: 9,
          background: "linear-gradient(135deg, #a78bfa, #6d28d9)",
          alignItems: "center",
          justifyContent: "center",
        }}
      >
        <svg width="24" height="24" viewBox="0 0 64 64">
          <path d="M20 40c4 6 20 6 24-2 3-6-3-9-12-10s-14-4-11-10c4-7 18-6 22 0" fill="none" stroke="#fff" strokeWidth="7" strokeLinecap="round" />
        </svg>
      </div>
      <span style={{ fontSize: 28, color: "#f4f4f5", letterSpacing: -0.5 }}>Studio</span>
    </div>
  );
}

function Pill({ children }: { children: string }) {
  return (
    <div style={{ display: "flex", padding: "6px 14px", borderRadius: 999, background: "rgba(139,92,246,0.18)", border: "1px solid rgba(167,139,250,0.35)", color: "#ddd6fe", fontSize: 20 }}>
      {children}
    </div>
  );
}

const fontFor = (text: string, big: number) => (text.length <= 60 ? big : text.length <= 110 ? big * 0.82 : big * 0.68);

/** The task and the job's facts (how many, what size, how long), as the history card says them. */
const facts = (job: JobRecord) => [TASK_LABEL[job.task], factsOf(job)].filter(Boolean).join(" · ");

/** A picture job: the picture, the prompt, the mark. */
function PictureCard({ job, picture }: { job: JobRecord; picture: Picture & { fullBleed: boolean } }) {
  const prompt = excerpt((job.input as { prompt?: string }).prompt ?? "", 140);
  if (picture.fullBleed) {
    return (
      <div style={{ display: "flex", width: W, height: H, position: "relative", background: BG }}>
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={picture.src} width={W} height={H} alt="" style={{ position: "absolute", top: 0, left: 0 }} />
        <div style={{ position: "absolute", top: 0, left: 0, width: W, height: H, display: "flex", background: "linear-gradient(180deg, rgba(9,9,11,0.55) 0%, rgba(9,9,11,0) 28%, rgba(9,9,11,0) 42%, rgba(9,9,11,0.92) 100%)" }} />
        <div style={{ position: "absolute", top: 40, left: 48, right: 48, display: "flex", justifyContent: "space-between", alignItems: "center" }}>
          <Mark />
          <Pill>{facts(job)}</Pill>
        </div>
        <div style={{ position: "absolute", left: 48, right: 48, bottom: 44, display: "flex", color: "#fafafa", fontSize: fontFor(prompt, 50), lineHeight: 1.2, letterSpacing: -0.5 }}>
          {prompt}
        </div>
      </div>
    );
  }
  return (
    <div style={{ display: "flex", width: W, height: H, position: "relative", background: BG }}>
      {picture.backdrop ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={picture.backdrop} width={W} height={H} alt="" style={{ position: "absolute", top: 0, left: 0 }} />
      ) : null}
      <div style={{ display: "flex", flexDirection: "column", justifyContent: "space-between", width: W - picture.width - 40, height: H, padding: "48px 40px 48px 52px" }}>
        <Mark />
        <div style={{ display: "flex", color: "#fafafa", fontSize: fontFor(prompt, 46), lineHeight: 1.22, letterSpacing: -0.5 }}>{prompt}</div>
        <div style={{ display: "flex" }}>
          <Pill>{facts(job)}</Pill>
        </div>
      </div>
      <div style={{ display: "flex", alignItems: "center", justifyContent: "center", width: picture.width + 40, height: H, paddingRight: 40 }}>
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={picture.src}
          width={picture.width}
          height={picture.height}
          alt=""
          style={{ borderRadius: 20, boxShadow: "0 20px 60px rgba(0,0,0,0.6)", border: "1px solid rgba(255,255,255,0.08)" }}
        />
      </div>
    </div>
  );
}

/** Words only (transcripts, prompt drafts, or a picture that cannot be read): a typographic card. */
function TextCard({ job }: { job: JobRecord }) {
  let eyebrow: string = TASK_LABEL[job.task];
  let quote: string;
  let footer: string | undefined;
  if (job.task === "transcribe") {
    eyebrow = "Transcript";
    quote = excerpt(job.text?.trim() || job.segments?.map((s) => s.text).join(" ") || "No speech was recognised.", 230);
    footer = job.segments?.length ? `${job.segments.length} timed segment${job.segments.length === 1 ? "" : "s"}` : undefined;
  } else if (job.task === "prompts") {
    const idea = (job.input as { idea?: string }).idea ?? "";
    const first = job.prompts?.[0];
    eyebrow = `Prompt drafts · ${excerpt(idea, 60)}`;
    quote = first ? excerpt(first.prompt, 200) : excerpt(idea, 200);
    footer = first ? `${first.title}${job.prompts!.length > 1 ? `  ·  +${job.prompts!.length - 1} more` : ""}` : undefined;
  } else if (job.task === "text" && job.text) {
    eyebrow = `Text · ${excerpt((job.input as { prompt: string }).prompt, 60)}`;
    quote = excerpt(markdownToPlain(job.text), 220);
    footer = facts(job);
  } else {
    // The prompt, or the words a task knows its job by (the text spoken).
    quote = excerpt(jobTitle(job, 220), 220);
    footer = facts(job);
  }
  return (
    <div style={{ display: "flex", flexDirection: "column", width: W, height: H, padding: "48px 56px", background: BG, backgroundImage: "radial-gradient(circle at 85% 0%, rgba(124,58,237,0.35), rgba(9,9,11,0) 55%)" }}>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
        <Mark />
        <Pill>{eyebrow}</Pill>
      </div>
      <div style={{ display: "flex", flex: 1, flexDirection: "column", justifyContent: "center" }}>
        <div style={{ display: "flex", color: VIOLET, fontSize: 120, lineHeight: 0.8, height: 70 }}>“</div>
        <div style={{ display: "flex", color: "#f4f4f5", fontSize: fontFor(quote, 50), lineHeight: 1.28, letterSpacing: -0.4 }}>{quote}</div>
      </div>
      {footer ? <div style={{ display: "flex", color: "#a1a1aa", fontSize: 24 }}>{footer}</div> : null}
    </div>
  );
}

export default async function Image({ params }: { params: Promise<{ shareId: string }> }) {
  // Rendered per request: a withdrawn link must stop previewing at once.
  await connection();
  const job = await sharedJob((await params).shareId);
  if (!job) notFound();
  const picture = taskDefinition(job.task).card === "picture" ? await pictureOf(job, (aspect) => aspect >= 1.45) : undefined;
  return new ImageResponse(picture ? <PictureCard job={job} picture={picture} /> : <TextCard job={job} />, {
    ...size,
    headers: { "cache-control": "public, max-age=60, must-revalidate" },
  });
}
