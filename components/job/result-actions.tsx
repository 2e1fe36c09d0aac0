"use client";

import { useState } from "react";
import { AppLink } from "@/components/ui/app-link";
import { Button } from "@/components/ui/button";
import { CheckIcon, ExternalLinkIcon, ShareIcon } from "@/components/ui/icons";
import { loadApi } from "@/lib/client/load-api";
import type { JobRecord } from "@/lib/jobs/schema";

/**
 * Shares a job: a public link, made once and copied. The link is also shown, in case the clipboard
 * is blocked. Under a result and in the lightbox.
 */
export function ShareButton({ job }: { job: Pick<JobRecord, "id" | "shareId"> }) {
  const [shareId, setShareId] = useState(job.shareId);
  const [state, setState] = useState<"idle" | "busy" | "copied" | "shown">("idle");
  const [error, setError] = useState<string | null>(null);
  const link = shareId ? `${window.location.origin}/s/${shareId}` : null;

  const share = async () => {
    setState("busy");
    setError(null);
    try {
      const id = shareId ?? (await (await loadApi()).setShared(job.id, true)).shareId;
      setShareId(id);
      const url = `${window.location.origin}/s/${id}`;
      const copied = await navigator.clipboard.writeText(url).then(() => true, () => false);
      setState(copied ? "copied" : "shown");
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not create the link.");
      setState("idle");
    }
  };

  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button variant="secondary" size="sm" onClick={() => void share()} loading={state === "busy"}>
          {state === "copied" ? <CheckIcon size={14} /> : <ShareIcon size={14} />}
          {state === "copied" ? "Link copied" : "Share"}
        </Button>
      </div>
      {link && state !== "idle" && state !== "busy" ? (
        <input
          readOnly
          value={link}
          aria-label="Share link"
          data-testid="result-share-link"
          onFocus={(e) => e.currentTarget.select()}
          className="h-8 w-full max-w-md rounded-lg border border-zinc-700 bg-zinc-950 px-2 font-mono text-xs text-zinc-300"
        />
      ) : null}
      {error ? <p role="alert" className="text-xs text-rose-400">{error}</p> : null}
    </div>
  );
}

/** Under a result on a generator page: share it and open its job page. Downloads sit on each file. */
export function ResultActions({ job }: { job: Pick<JobRecord, "id" | "shareId"> }) {
  return (
    <div className="flex flex-wrap items-start gap-2" data-testid="result-actions">
      <ShareButton job={job} />
      <AppLink
        href={`/jobs/${job.id}`}
        className="inline-flex h-8 items-center gap-1.5 rounded-lg px-3 text-sm font-medium text-zinc-300 hover:bg-zinc-800 hover:text-zinc-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70"
      >
        <ExternalLinkIcon size={14} /> Open job
      </AppLink>
    </div>
  );
}
