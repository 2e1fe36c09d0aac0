"use client";

import { useSyncExternalStore } from "react";
import { ToggleGroup } from "@/components/ui/toggle-group";
import { parseThemeChoice, storeThemeChoice, THEME_CHANGE_EVENT, THEME_STORAGE_KEY, type ThemeChoice } from "@/lib/theme";

const OPTIONS = [
  { value: "system", label: "System" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
] as const satisfies readonly { value: ThemeChoice; label: string }[];

function subscribe(onChange: () => void) {
  window.addEventListener(THEME_CHANGE_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(THEME_CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

function storedChoice(): ThemeChoice {
  try {
    return parseThemeChoice(localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return "system";
  }
}

/** System / Light / Dark; the head script applies the choice (see lib/theme.ts). */
export function ThemeSwitch() {
  const choice = useSyncExternalStore(subscribe, storedChoice, () => "system" as const);
  return <ToggleGroup label="Theme" value={choice} options={OPTIONS} onChange={storeThemeChoice} />;
}
