import { PromptList } from "@/components/job/prompt-list";
import { PromptCard } from "@/components/prompts/prompt-card";
import type { TaskView } from "./views";

export const promptsView: TaskView = {
  Result: ({ job, variant }) => {
    const prompts = job.prompts ?? [];
    if (variant === "public") return <PromptList prompts={prompts} />;
    return (
      <div className="flex flex-col gap-3">
        {prompts.map((draft, i) => (
          <PromptCard key={i} draft={draft} index={i} />
        ))}
      </div>
    );
  },
};
