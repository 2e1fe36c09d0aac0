import type { PromptDraft } from "@/lib/jobs/schema";

/** Drafted prompts as plain reading: the public share page has no studio pages to send them to. */
export function PromptList({ prompts }: { prompts: PromptDraft[] }) {
  return (
    <ol className="flex flex-col gap-3" data-testid="prompt-list">
      {prompts.map((draft, i) => (
        <li key={i} className="flex flex-col gap-2 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4">
          <header className="flex items-center gap-2">
            <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-violet-500/15 text-xs font-semibold text-violet-300">{i + 1}</span>
            <h3 className="text-sm font-semibold text-zinc-100">{draft.title}</h3>
          </header>
          <p className="text-sm leading-relaxed text-zinc-300">{draft.prompt}</p>
          {draft.negativePrompt ? (
            <p className="text-xs text-zinc-500">
              <span className="text-zinc-400">Avoid:</span> {draft.negativePrompt}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
