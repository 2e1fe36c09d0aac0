import { config } from "zod/mini";

/**
 * Pages run under a CSP without 'unsafe-eval' (see lib/http/security-headers.ts). zod's fast path
 * compiles parsers with `new Function`, which the browser refuses and reports as a violation; in the
 * browser it parses without it. Imported for its effect by every browser module that validates.
 * The setting is zod core's, shared by the full zod and zod/mini; set through zod/mini, it costs
 * the pages that load only zod/mini nothing of the full one.
 */
if (typeof window !== "undefined") config({ jitless: true });
