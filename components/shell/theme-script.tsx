import { THEME_SCRIPT } from "@/lib/theme";

/**
 * Sets <html data-theme> before first paint, so a light-theme visitor never sees the dark one flash.
 * Inline, so it carries this request's CSP nonce (the root layout reads it from the request, see proxy.ts).
 */
export function ThemeScript({ nonce }: { nonce: string | undefined }) {
  // Browsers blank a script's nonce attribute once parsed: hydration would see a mismatch there.
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />;
}
