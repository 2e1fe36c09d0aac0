/**
 * Joins class names, dropping falsy entries so conditions can be inlined.
 * Deliberately no conflict resolution (no tailwind-merge): components pick
 * mutually exclusive classes themselves, and callers add, not override.
 */
export function cn(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(" ");
}
