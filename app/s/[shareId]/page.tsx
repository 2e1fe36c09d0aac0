import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TaskBadge } from "@/components/job/badges";
import { jobTitle, settingsOf, TASK_LABEL } from "@/components/job/describe";
import { excerpt, promptOf, type Setting } from "@/components/job/format";
import { SettingsGrid } from "@/components/job/job-details";
import { CopyWarnings } from "@/components/job/copy-warnings";
import { JobOutputs } from "@/components/job/job-outputs";
import { LocalTime } from "@/components/job/local-time";
import { requestOrigin } from "@/lib/http/request-origin";
import type { JobRecord } from "@/lib/jobs/schema";
import { markdownToPlain } from "@/lib/text/markdown";
import { sharedJob } from "./shared-job";

type Props = { params: Promise<{ shareId: string }> };

/** What a link preview says under the title. */
function summaryOf(job: JobRecord): string {
  const prompt = promptOf(job);
  if (job.task === "text" && job.text) return excerpt(markdownToPlain(job.text), 200);
  if (job.task === "transcribe") return job.text?.trim() ? excerpt(job.text, 200) : "A transcript made with Studio.";
  if (job.task === "prompts") {
    const first = job.prompts?.[0];
    return first ? excerpt(`${job.prompts!.length} prompt drafts. ${first.title}: ${first.prompt}`, 200) : "Prompt drafts made with Studio.";
  }
  return prompt ? excerpt(prompt, 200) : `${TASK_LABEL[job.task]} made with Studio.`;
}

const absolute = (origin: string, url: string) => (url.startsWith("/") ? `${origin}${url}` : url);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { shareId } = await params;
  // A storage failure is left to the page, whose error boundary explains it; metadata stays plain.
  const job = await sharedJob(shareId).catch(() => undefined);
  if (!job) return { title: "Studio", robots: { index: false } };
  const origin = await requestOrigin();
  const url = `${origin}/s/${shareId}`;
  const title = excerpt(jobTitle(job), 70);
  const description = summaryOf(job);
  const image = {
    url: `${origin}/s/${shareId}/opengraph-image`,
    width: 1200,
    height: 630,
    type: "image/png",
    alt: `${TASK_LABEL[job.task]} made with Studio: ${excerpt(jobTitle(job), 120)}`,
  };
  const video = job.outputs[0]?.kind === "video" ? job.outputs[0] : undefined;
  return {
    metadataBase: new URL(origin),
    title,
    description,
    alternates: { canonical: url },
    // Reachable by whoever has the link, not listed by search engines.
    robots: { index: false },
    openGraph: video
      ? {
          type: "video.other",
          title,
          description,
          url,
          siteName: "Studio",
          images: [image],
          videos: [{ url: absolute(origin, video.url), type: video.contentType, width: video.width, height: video.height }],
        }
      : { type: "article", title, description, url, siteName: "Studio", images: [image], publishedTime: job.createdAt },
    twitter: { card: "summary_large_image", title, description, images: [image] },
  };
}

export default async function SharePage({ params }: Props) {
  const job = await sharedJob((await params).shareId);
  if (!job) notFound();
  const settings: Setting[] = [
    { label: "Model", value: job.endpointId, mono: true },
    ...(job.seed !== null ? [{ label: "Seed", value: String(job.seed), mono: true }] : []),
    ...settingsOf(job),
  ];
  return (
    <article className="flex flex-col gap-8" data-testid="share-page">
      <header className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
          <TaskBadge task={job.task} label={TASK_LABEL[job.task]} />
          <span aria-hidden>·</span>
          <LocalTime iso={job.createdAt} withDate />
        </div>
        <h1 className="text-2xl leading-tight font-semibold tracking-tight break-words text-zinc-50 md:text-3xl">{jobTitle(job, 200)}</h1>
      </header>
      <section aria-label="Result" className="flex flex-col gap-4">
        <CopyWarnings job={job} />
        <JobOutputs job={job} variant="public" />
      </section>
      <section aria-labelledby="share-settings">
        <h2 id="share-settings" className="mb-3 text-sm font-semibold text-zinc-100">
          How it was made
        </h2>
        <SettingsGrid settings={settings} />
      </section>
    </article>
  );
}
