// Before any schema is built: zod decides at construction whether it may compile parsers with eval.
import "@/lib/client/zod-csp";
import * as z from "zod/mini";
import { MEDIA_URL } from "./is-media-url";

/**
 * A file in the studio's own media store (see ./is-media-url.ts). In zod/mini: the forms'
 * drafts keep such URLs and check them in the browser, where the full zod is not loaded with the page.
 */
export const mediaUrlSchema = z.string().check(z.regex(MEDIA_URL, "must be a file uploaded to this studio"));
