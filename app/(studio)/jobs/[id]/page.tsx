import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { inputMediaOf, jobTitle, settingsOf, summarize, TASK_LABEL } from "@/components/job/describe";
import { excerpt } from "@/components/job/format";
import { JOB_ID_PATTERN } from "@/components/job/ids";
import { InputMedia, JobLogs, JobSettings, Timeline } from "@/components/job/job-details";
import { JobOutputs } from "@/components/job/job-outputs";
import { JobView } from "@/components/job/job-view";
import { requestOrigin } from "@/lib/http/request-origin";
import { getJob } from "@/lib/jobs/repository";
import { isTerminal } from "@/lib/jobs/statuses";

type Props = { params: Promise<{ id: string }> };

/** One read per request, shared by the metadata and the page; a malformed id never reaches the database. */
const loadJob = cache(async (id: string) => (JOB_ID_PATTERN.test(id) ? getJob(id) : undefined));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  // A storage failure is left to the page, whose error boundary explains it; metadata stays plain.
  const job = await loadJob((await params).id).catch(() => undefined);
  if (!job) return { title: "Job" };
  return { title: `${excerpt(jobTitle(job), 60)} · ${TASK_LABEL[job.task]}` };
}

export default async function JobPage({ params }: Props) {
  const job = await loadJob((await params).id);
  if (!job) notFound();
  // Read and rendered here, not in the browser: the task definitions and result views would bring zod
  // and every task schema to the page. What a finished job shows never changes; a running one's
  // result loads when it ends, its settings, timeline and log with it.
  const settings = settingsOf(job);
  const inputs = inputMediaOf(job);
  const ended = isTerminal(job.status)
    ? { outputs: <JobOutputs job={job} variant="studio" />, settings: <JobSettings job={job} settings={settings} />, timeline: <Timeline job={job} />, logs: <JobLogs job={job} /> }
    : undefined;
  return (
    <JobView
      key={job.id}
      initial={job}
      summary={summarize(job)}
      settings={ended ? undefined : settings}
      inputs={inputs.length > 0 ? <InputMedia media={inputs} /> : null}
      ended={ended}
      origin={await requestOrigin()}
    />
  );
}
