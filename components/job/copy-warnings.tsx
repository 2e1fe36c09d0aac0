import type { JobRecord } from "@/lib/jobs/schema";

/** Says so when an output could not be copied into the studio's store and still points at the provider. */
export function CopyWarnings({ job }: { job: JobRecord }) {
  const linked = job.outputs.filter((o) => o.copyError);
  if (linked.length === 0) return null;
  return (
    <div role="note" data-testid="copy-warning" className="rounded-xl border border-amber-400/25 bg-amber-400/[0.07] px-4 py-2.5 text-sm text-amber-100/90">
      <strong className="font-semibold text-amber-200">Linked from the provider:</strong>{" "}
      {linked.length === job.outputs.length ? (job.outputs.length === 1 ? "this file was" : "these files were") : `${linked.length} of ${job.outputs.length} files were`} not copied into
      this studio&apos;s storage, so the link{linked.length === 1 ? "" : "s"} may expire. Download what you want to keep.
      <span className="mt-1 block text-xs text-amber-200/70">{linked[0]!.copyError}</span>
    </div>
  );
}
