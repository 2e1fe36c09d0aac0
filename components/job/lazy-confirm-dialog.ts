import { lazyView } from "@/lib/client/lazy-view";

/** The confirm dialog, loaded when asked for: most visits delete or unshare nothing. */
export const LazyConfirmDialog = lazyView(() => import("./confirm-dialog").then((m) => m.ConfirmDialog));
