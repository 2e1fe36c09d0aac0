"use client";

import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { useSubmitShortcutHint } from "@/hooks/use-shortcut-modifier";

/** Ctrl/Cmd+Enter in a textarea submits its form. */
export const submitOnCtrlEnter = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
  if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
};

/** The prompt, and the negative prompt when the model takes one. Ctrl/Cmd+Enter submits the form. */
export function PromptFields({ prompt, onPrompt, negative, onNegative, showNegative, errors, placeholder }: {
  prompt: string;
  onPrompt: (v: string) => void;
  negative: string;
  onNegative: (v: string) => void;
  showNegative: boolean;
  errors: Record<string, string | undefined>;
  placeholder: string;
}) {
  const shortcut = useSubmitShortcutHint("to generate");
  return (
    <>
      <Field label="Prompt" htmlFor="prompt" error={errors.prompt} hint={shortcut}>
        <Textarea
          id="prompt"
          name="prompt"
          rows={4}
          value={prompt}
          placeholder={placeholder}
          onChange={(e) => onPrompt(e.target.value)}
          onKeyDown={submitOnCtrlEnter}
          invalid={Boolean(errors.prompt)}
          aria-describedby={fieldDescribedBy("prompt", { hint: shortcut, error: errors.prompt })}
        />
      </Field>
      {showNegative ? (
        <Field label="Negative prompt" htmlFor="negative-prompt" error={errors.negativePrompt} hint="What to keep out of the result">
          <Textarea
            id="negative-prompt"
            rows={2}
            value={negative}
            placeholder="blurry, watermark, extra fingers"
            onChange={(e) => onNegative(e.target.value)}
            onKeyDown={submitOnCtrlEnter}
            invalid={Boolean(errors.negativePrompt)}
            aria-describedby={fieldDescribedBy("negative-prompt", { hint: true, error: errors.negativePrompt })}
          />
        </Field>
      ) : null}
    </>
  );
}
