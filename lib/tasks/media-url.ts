// Before any schema is built: zod decides at construction whether it may compile parsers with eval.
import "@/lib/client/zod-csp";
import * as z from "zod/mini";

const MEDIA_URL = /^\/api\/media\/[a-f0-9]{64}\.[a-z0-9]{2,5}$/;

/**
 * A file in the studio's own media store, e.g. `/api/media/<sha256>.png`. In zod/mini: the forms'
 * drafts keep such URLs and check them in the browser, where the full zod is not loaded with the page.
 */
export const mediaUrlSchema = z.string().check(z.regex(MEDIA_URL, "must be a file uploaded to this studio"));

/** Whether `url` names a file in the studio's store (what can be sent on to another page), without zod. */
export const isMediaUrl = (url: string) => MEDIA_URL.test(url);
