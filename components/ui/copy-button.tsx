"use client";

import { useState } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { CheckIcon, CopyIcon } from "@/components/ui/icons";

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton({ text, label = "Copy", disabled, variant = "secondary" }: { text: string; label?: string; disabled?: boolean; variant?: ButtonVariant }) {
  const [state, setState] = useState<"idle" | "copied" | "blocked">("idle");
  const copy = async () => {
    const ok = await navigator.clipboard.writeText(text).then(() => true, () => false);
    setState(ok ? "copied" : "blocked");
    setTimeout(() => setState("idle"), 1500);
  };
  return (
    <Button variant={variant} size="sm" onClick={() => void copy()} disabled={disabled || !text}>
      {state === "copied" ? <CheckIcon size={14} /> : <CopyIcon size={14} />} {state === "copied" ? "Copied" : state === "blocked" ? "Clipboard blocked" : label}
    </Button>
  );
}
