"use client";

import { useSyncExternalStore } from "react";
import { shortcutLabel, shortcutModifier, type ShortcutModifier } from "@/lib/client/shortcut-keys";

const FINE = "(any-pointer: fine)";
const COARSE = "(any-pointer: coarse)";

function subscribe(onChange: () => void) {
  // A keyboard or mouse can be attached to a tablet while the page is open.
  const queries = [matchMedia(FINE), matchMedia(COARSE)];
  for (const q of queries) q.addEventListener("change", onChange);
  return () => queries.forEach((q) => q.removeEventListener("change", onChange));
}

function current(): ShortcutModifier {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  return shortcutModifier({ platform: nav.userAgentData?.platform || nav.platform, finePointer: matchMedia(FINE).matches, coarsePointer: matchMedia(COARSE).matches });
}

/**
 * The modifier shortcuts are shown with on this device. The server cannot know it, so the server
 * render (and hydration) shows none and the hint appears after mount: no hydration mismatch.
 */
export function useShortcutModifier(): ShortcutModifier {
  return useSyncExternalStore(subscribe, current, () => null);
}

/** The hint for a field that submits on Ctrl/⌘ + Enter, e.g. "⌘ + Enter to generate"; undefined without a keyboard. */
export function useSubmitShortcutHint(action: string): string | undefined {
  const modifier = useShortcutModifier();
  return modifier ? `${shortcutLabel(modifier, "Enter")} ${action}` : undefined;
}
