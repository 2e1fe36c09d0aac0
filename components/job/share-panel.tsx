"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button, IconButton } from "@/components/ui/button";
import { CheckIcon, CopyIcon, ExternalLinkIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Panel } from "@/components/ui/panel";
import type { JobRecord } from "@/lib/jobs/schema";
import { loadApi } from "@/lib/client/load-api";
import { LazyConfirmDialog } from "./lazy-confirm-dialog";

/** Makes a finished job public at /s/{shareId}, shows the link to copy, and takes it down again. */
export function SharePanel({ job, origin, onChange }: { job: JobRecord; origin: string; onChange: (job: JobRecord) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const url = job.shareId ? `${origin}/s/${job.shareId}` : null;

  const share = async () => {
    setBusy(true);
    setError(null);
    try {
      onChange(await (await loadApi()).setShared(job.id, true));
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not create the link.");
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setError("Copying was blocked by the browser; select the link and copy it by hand.");
    }
  };

  return (
    <Panel
      title="Share"
      description={
        url
          ? "Anyone with this link can see the result and its settings, nothing else of this studio."
          : job.status === "done"
            ? "Make a public link to this result. Only the result and its settings are shown."
            : "Finished jobs can be shared."
      }
    >
      <div className="flex flex-col gap-3" data-testid="share-panel">
        {url ? (
          <>
            <div className="flex items-center gap-2">
              <Input
                readOnly
                value={url}
                aria-label="Public link"
                data-testid="share-url"
                onFocus={(e) => e.currentTarget.select()}
                className="min-w-0 flex-1 font-mono text-xs"
              />
              <IconButton
                label={copied ? "Copied" : "Copy link"}
                icon={copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
                variant="secondary"
                size="md"
                onClick={() => void copy()}
              />
            </div>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <a
                href={url}
                target="_blank"
                rel="noreferrer"
                className="inline-flex items-center gap-1.5 rounded-md text-sm font-medium text-violet-300 hover:text-violet-200 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70"
              >
                <ExternalLinkIcon size={14} /> Open
              </a>
              <Button variant="ghost" size="sm" onClick={() => setConfirming(true)}>
                Unshare
              </Button>
            </div>
            <span role="status" className="sr-only">
              {copied ? "Link copied" : ""}
            </span>
          </>
        ) : job.status === "done" ? (
          <Button variant="secondary" onClick={() => void share()} loading={busy} className="w-full">
            <ExternalLinkIcon size={16} /> Create public link
          </Button>
        ) : null}
        {error ? <ErrorAlert message={error} /> : null}
      </div>
      {confirming ? (
        <LazyConfirmDialog
          open
          title="Stop sharing this job?"
          description="The link stops working at once: anyone who opens it gets “not found”. Sharing again later makes a new link."
          confirmLabel="Unshare"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            onChange(await (await loadApi()).setShared(job.id, false));
            setConfirming(false);
          }}
        />
      ) : null}
    </Panel>
  );
}
