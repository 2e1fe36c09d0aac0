"use client";

import { lazy, Suspense, useState } from "react";
import type { JobRecord, MediaOutput } from "@/lib/jobs/schema";
import { cn } from "@/lib/cn";
import { isMediaUrl } from "@/lib/tasks/is-media-url";
import type { LightboxItem } from "./lightbox";
import { downloadName, MediaActions } from "./media-results";
import { ShareButton } from "./result-actions";
import { SendTo } from "./send-to";

// Loaded on the first click, not with the page: no picture is open on first paint. (React's lazy,
// not next/dynamic, whose wrapper would cost each page about what the split saves.)
const Lightbox = lazy(() => import("./lightbox").then((m) => ({ default: m.Lightbox })));

/**
 * A job's pictures, each opening full size in the lightbox (click or Enter), with its download.
 * With the studio `job` they came from, each can also be sent on to another page and the lightbox
 * can share the job; the public share page leaves `job` out.
 */
export function ImageGrid({ outputs, prompt, seed, kind = "image", job }: {
  outputs: MediaOutput[];
  prompt?: string;
  seed?: number | null;
  kind?: string;
  job?: Pick<JobRecord, "id" | "shareId">;
}) {
  const [open, setOpen] = useState<number | null>(null);
  const items: LightboxItem[] = outputs.map((output, i) => ({
    output,
    alt: prompt ? `Result ${i + 1}: ${prompt}` : `Result ${i + 1}`,
    name: downloadName(kind, prompt, i, output.contentType, seed),
  }));
  // Only the studio's own copy can be handed on; a file left at the provider is just downloadable.
  const sendable = (output: MediaOutput) => job !== undefined && isMediaUrl(output.url);
  return (
    <>
      <ul data-testid="result-grid" className={cn("grid gap-3", outputs.length > 1 && "sm:grid-cols-2")}>
        {items.map((item, i) => (
          <li key={item.output.url} className="flex flex-col gap-2">
            <div className="group relative overflow-hidden rounded-xl border border-zinc-800 checkerboard">
              <button
                type="button"
                onClick={() => setOpen(i)}
                aria-label={`View result ${i + 1} full size`}
                aria-haspopup="dialog"
                className="block w-full cursor-zoom-in focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-violet-500/70"
              >
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={item.output.url} alt={item.alt} width={item.output.width} height={item.output.height} className="block h-auto w-full" data-testid="result-image" />
              </button>
              <div className="pointer-events-none absolute inset-x-0 bottom-0 flex items-center justify-between gap-2 bg-gradient-to-t from-black/70 to-transparent p-2 opacity-100 transition-opacity sm:opacity-0 sm:group-hover:opacity-100 sm:group-focus-within:opacity-100">
                <span className="text-xs text-white/90">{item.output.width && item.output.height ? `${item.output.width}×${item.output.height}` : null}</span>
                <div className="pointer-events-auto">
                  <MediaActions output={item.output} name={item.name} />
                </div>
              </div>
            </div>
            {sendable(item.output) ? <SendTo kind="image" value={item.output.url} label={outputs.length > 1 ? `Send result ${i + 1} to…` : "Send to…"} /> : null}
          </li>
        ))}
      </ul>
      {open === null ? null : (
        <Suspense>
          <Lightbox
            items={items}
            index={open}
            onIndex={setOpen}
            onClose={() => setOpen(null)}
            actions={
              job
                ? (item) => (
                    <>
                      {sendable(item.output) ? <SendTo kind="image" value={item.output.url} placement="below" /> : null}
                      <ShareButton job={job} />
                    </>
                  )
                : undefined
            }
          />
        </Suspense>
      )}
    </>
  );
}
