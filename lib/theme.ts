/**
 * Light and dark themes. The choice lives in localStorage ("system" is its absence); the script in
 * <head> (components/shell/theme-script.tsx) turns it into <html data-theme> before first paint and
 * keeps it current: on a change of the system setting, in another tab, or from the theme switch.
 * Client-safe.
 */
export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const THEME_STORAGE_KEY = "studio-theme";
/** Dispatched on window by the switch after it stores a choice; the head script re-applies it. */
export const THEME_CHANGE_EVENT = "studio-theme-change";

export function parseThemeChoice(stored: string | null): ThemeChoice {
  return stored === "light" || stored === "dark" ? stored : "system";
}

/** Plain ES5-ish source: it runs before any bundle, so it imports nothing. */
export const THEME_SCRIPT = `(function(){var k=${JSON.stringify(THEME_STORAGE_KEY)},m=matchMedia("(prefers-color-scheme: light)");function a(){var c=null;try{c=localStorage.getItem(k)}catch(e){}document.documentElement.dataset.theme=c==="light"||c==="dark"?c:m.matches?"light":"dark"}a();m.addEventListener("change",a);addEventListener("storage",a);addEventListener(${JSON.stringify(THEME_CHANGE_EVENT)},a)})()`;

/** Stores `choice` and tells the head script to apply it. */
export function storeThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage blocked (a browser policy): nothing can be remembered, the page follows the system.
  }
  window.dispatchEvent(new Event(THEME_CHANGE_EVENT));
}
