import Link from "next/link";
import { handoffHref } from "@/components/job/handoff";
import { CopyButton } from "@/components/ui/copy-button";
import { ImageIcon, VideoIcon } from "@/components/ui/icons";
import type { PromptDraft } from "@/lib/jobs/schema";
import { cn } from "@/lib/cn";

const sendClass =
  "inline-flex items-center gap-1.5 rounded-lg bg-violet-600 px-3 py-1.5 text-xs font-medium text-white hover:bg-violet-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70";

/** One drafted prompt; only its Copy button needs the browser, so a job's page renders the rest on the server. */
export function PromptCard({ draft, index, writing = false }: { draft: PromptDraft; index: number; writing?: boolean }) {
  return (
    <article
      data-testid={writing ? "prompt-writing" : "prompt-card"}
      className={cn("flex flex-col gap-3 rounded-2xl border bg-zinc-900/60 p-4", writing ? "border-violet-500/40" : "border-zinc-800")}
    >
      <header className="flex items-center gap-2">
        <span className="flex size-6 items-center justify-center rounded-full bg-violet-500/15 text-xs font-semibold text-violet-300">{index + 1}</span>
        <h3 className="text-sm font-semibold text-zinc-100">{draft.title || "…"}</h3>
      </header>
      <p className="text-sm leading-relaxed text-zinc-300">
        {draft.prompt}
        {writing ? <span aria-hidden className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-violet-400 align-middle" /> : null}
      </p>
      {!writing && draft.negativePrompt ? <p className="text-xs text-zinc-500"><span className="text-zinc-400">Avoid:</span> {draft.negativePrompt}</p> : null}
      {!writing ? (
        <footer className="flex flex-wrap gap-2">
          <Link href={handoffHref("image", { text: draft.prompt })} className={sendClass}><ImageIcon size={14} /> Use in Image</Link>
          <Link href={handoffHref("video", { text: draft.prompt })} className={sendClass}><VideoIcon size={14} /> Use in Video</Link>
          <CopyButton text={draft.prompt} variant="ghost" />
        </footer>
      ) : null}
    </article>
  );
}
