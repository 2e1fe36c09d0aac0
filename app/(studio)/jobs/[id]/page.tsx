import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { excerpt, jobTitle, TASK_LABEL } from "@/components/job/format";
import { JOB_ID_PATTERN } from "@/components/job/ids";
import { JobView } from "@/components/job/job-view";
import { requestOrigin } from "@/lib/http/request-origin";
import { getJob } from "@/lib/jobs/repository";

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
  return <JobView key={job.id} initial={job} origin={await requestOrigin()} />;
}
