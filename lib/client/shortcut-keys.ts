/** The modifier a keyboard shortcut is shown with: ⌘ on Apple platforms, Ctrl elsewhere, none without a keyboard. */
export type ShortcutModifier = "⌘" | "Ctrl" | null;

/**
 * Decided from what the browser says of itself: its platform, and whether any pointer is fine
 * (a mouse or trackpad). A device whose only pointer is a finger has no keyboard to press a
 * shortcut with, so none is shown.
 */
export function shortcutModifier(device: { platform: string; finePointer: boolean; coarsePointer: boolean }): ShortcutModifier {
  if (device.coarsePointer && !device.finePointer) return null;
  return /mac|iphone|ipad|ipod/i.test(device.platform) ? "⌘" : "Ctrl";
}

/** How a shortcut reads with that modifier, e.g. "⌘ + Enter". */
export const shortcutLabel = (modifier: NonNullable<ShortcutModifier>, key: string) => `${modifier} + ${key}`;
