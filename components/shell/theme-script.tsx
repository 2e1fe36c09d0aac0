import { headers } from "next/headers";
import { nonceOf } from "@/lib/http/security-headers";
import { THEME_SCRIPT } from "@/lib/theme";

/**
 * Sets <html data-theme> before first paint, so a light-theme visitor never sees the dark one flash.
 * Inline, so it carries this request's CSP nonce (set by proxy.ts on the request).
 */
export async function ThemeScript() {
  const nonce = nonceOf((await headers()).get("content-security-policy"));
  // Browsers blank a script's nonce attribute once parsed: hydration would see a mismatch there.
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />;
}
