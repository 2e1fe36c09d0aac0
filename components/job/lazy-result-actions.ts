import { lazyView } from "@/lib/client/lazy-view";

/** A streamed answer's actions (share, open), loaded once an answer is done, not with the page. */
export const LazyResultActions = lazyView(() => import("./result-actions").then((m) => m.ResultActions));
