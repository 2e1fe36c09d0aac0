import type { JobRecord } from "./schema";

/**
 * A job record for someone outside the studio's pages (a webhook receiver, the worker, an agent):
 * media links absolute on the studio's origin, the delivery log left out.
 */
export type PublicRecord = Omit<JobRecord, "webhook">;

/** A studio path made absolute on its origin (no trailing slash); a URL that is absolute already stays as it is. */
export const absolute = (url: string | undefined, origin: string) => (url?.startsWith("/") ? `${origin}${url}` : url);

export function publicRecord(job: JobRecord, origin: string): PublicRecord {
  const { webhook: _webhook, ...rest } = job;
  const base = origin.replace(/\/$/, "");
  return {
    ...rest,
    outputs: job.outputs.map((o) => ({ ...o, url: absolute(o.url, base)!, ...(o.posterUrl ? { posterUrl: absolute(o.posterUrl, base) } : {}) })),
  };
}
