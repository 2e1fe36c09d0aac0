import { keyedNotices, type Watch } from "@/lib/notices";

/**
 * In-process notices that a provider request changed, keyed by request id: a verified webhook says
 * so. The request's driver wakes and reads the request's state from the provider.
 */

const notices = keyedNotices("request-events");

/** Tells everyone following `requestId` in this process; answers how many were. */
export const signalRequest = notices.signal;
/** Calls `listener` on every notice for `requestId` until the returned function is called. */
export const onRequestEvent = notices.on;
export type RequestWatch = Watch;
/** Follows one request between status checks (see keyedNotices' watch). */
export const watchRequest = notices.watch;
