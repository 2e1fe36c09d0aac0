import { lazyView } from "@/lib/client/lazy-view";

/**
 * The before/after slider of a generator page's result, loaded with the first job that has one (the
 * feed only has jobs in the browser), not with the page; in its own Suspense boundary, so the form
 * keeps its state meanwhile.
 */
export const LazyBeforeAfter = lazyView(() => import("./before-after").then((m) => m.BeforeAfter));
