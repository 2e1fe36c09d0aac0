import type { Metadata } from "next";
import { cardOf } from "@/components/history/card";
import { parseHistoryFilters } from "@/components/history/filters";
import { HistoryView } from "@/components/history/history-view";
import { summarize } from "@/components/job/describe";
import { PageHeader } from "@/components/shell/page-header";
import { ErrorAlert } from "@/components/ui/alert";
import { listJobs } from "@/lib/jobs/repository";
import { TASK_NAV } from "@/lib/tasks/nav";
import { errorText } from "@/lib/secrets";

export const metadata: Metadata = { title: "History" };

const PAGE_SIZE = 24;
// Named here, not in the browser: the task definitions would bring zod and every task schema to the page.
const TASK_NAMES = TASK_NAV.map(({ id, label }) => ({ id, label }));

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = parseHistoryFilters(await searchParams);
  const header = <PageHeader title="History" description="Everything you have made, newest first. Open a job to see its settings, share it, or remix it." />;
  let page: Awaited<ReturnType<typeof listJobs>>;
  try {
    page = await listJobs({ ...filters, limit: PAGE_SIZE });
  } catch (err) {
    console.error("[studio] could not list jobs:", errorText(err));
    return (
      <>
        {header}
        <ErrorAlert title="The history could not be loaded" message="Studio cannot read its database right now; see /api/health." />
      </>
    );
  }
  return (
    <>
      {header}
      <HistoryView tasks={TASK_NAMES} jobs={page.jobs.map((job) => cardOf(job, summarize(job)))} nextCursor={page.nextCursor} filters={filters} />
    </>
  );
}
