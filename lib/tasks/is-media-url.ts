/** A file in the studio's own media store, e.g. `/api/media/<sha256>.png`. */
export const MEDIA_URL = /^\/api\/media\/[a-f0-9]{64}\.[a-z0-9]{2,5}$/;

/**
 * Whether `url` names a file in the studio's store (what can be sent on to another page), without
 * zod: the result views that use it render on the job and share pages, which load no zod.
 */
export const isMediaUrl = (url: string) => MEDIA_URL.test(url);
