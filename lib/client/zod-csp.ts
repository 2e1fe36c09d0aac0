import { z } from "zod";

/**
 * Pages run under a CSP without 'unsafe-eval' (see lib/http/security-headers.ts). zod's fast path
 * compiles parsers with `new Function`, which the browser refuses and reports as a violation; in the
 * browser it parses without it. Imported for its effect by every browser module that validates.
 */
if (typeof window !== "undefined") z.config({ jitless: true });
