import { CopyButton } from "@/components/ui/copy-button";
import type { JobRecord } from "@/lib/jobs/schema";
import { Markdown } from "./markdown";

/**
 * A text job's answer: the Markdown (growing while it streams), the model's reasoning folded away
 * in a <details>, Copy (the raw Markdown) and the tokens used when the model reported them.
 */
export function TextAnswer({ text, reasoning, usage, streaming = false, truncated = false }: {
  text: string;
  reasoning: string | null;
  usage: JobRecord["usage"];
  streaming?: boolean;
  truncated?: boolean;
}) {
  const thinking = streaming && !text && Boolean(reasoning);
  return (
    <article className="flex flex-col gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-5" data-testid="text-answer" aria-busy={streaming}>
      {reasoning ? (
        <details className="group rounded-xl border border-zinc-800 bg-zinc-950/60 px-3 py-2 text-sm" data-testid="text-reasoning">
          <summary className="cursor-pointer text-zinc-400 select-none marker:text-zinc-500 hover:text-zinc-200">
            {thinking ? "Thinking…" : "Reasoning"}
          </summary>
          <p className="mt-2 whitespace-pre-wrap text-zinc-400">{reasoning}</p>
        </details>
      ) : null}
      <div data-testid="text-output">
        {text ? <Markdown text={text} /> : streaming ? null : <p className="text-sm text-zinc-500 italic">No text was written.</p>}
        {streaming ? <span aria-hidden className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-violet-400 align-middle" /> : null}
      </div>
      {!streaming ? (
        <footer className="flex flex-wrap items-center gap-3 text-xs text-zinc-500">
          <CopyButton text={text} />
          {usage ? <span data-testid="text-usage">{usage.inputTokens.toLocaleString("en-US")} tokens in · {usage.outputTokens.toLocaleString("en-US")} out</span> : null}
          {truncated ? <span>Stopped at the token limit</span> : null}
        </footer>
      ) : null}
    </article>
  );
}
