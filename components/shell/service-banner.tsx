import type { Health } from "@/lib/health";

/** Says so when storage is down or the disk is full, instead of pages failing one by one. */
export function ServiceBanner({ status }: { status: Health }) {
  const problems = [
    status.database.ok ? null : `cannot reach the ${status.database.kind === "postgres" ? "PostgreSQL" : "embedded"} database (${status.database.error})`,
    status.media.ok ? null : `cannot reach the ${status.media.kind === "s3" ? "S3" : "media"} store (${status.media.error})`,
    status.disk.ok ? null : `cannot store files in ${status.disk.location}: ${status.disk.error}`,
  ].filter(Boolean);
  if (problems.length === 0) return null;
  return (
    <div role="alert" data-testid="service-banner" className="mb-6 rounded-xl border border-rose-500/30 bg-rose-500/10 px-4 py-2.5 text-sm text-rose-100">
      <strong className="font-semibold text-rose-200">Storage unavailable:</strong> Studio {problems.join("; and it ")}.
      New jobs and history will not work until it is back; see /api/health.
    </div>
  );
}
