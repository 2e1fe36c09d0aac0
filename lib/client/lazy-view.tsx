import { lazy, Suspense, type ComponentType, type ReactNode } from "react";

/**
 * A component whose code loads the first time it renders, inside its own Suspense boundary, so what
 * is around it keeps its state (and hydrates) meanwhile; `fallback` shows until then (nothing by
 * default). Rendered on the server, it renders there and hydrates once its code is in, the server's
 * markup standing until then. React's own lazy rather than next/dynamic, whose wrapper (its
 * server-side preloads and bail-out) cost each page that used it about 1.5 KB gzip.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>, fallback?: (props: P) => ReactNode): ComponentType<P> {
  const View = lazy(async () => ({ default: await load() }));
  function LazyView(props: P) {
    return (
      <Suspense fallback={fallback?.(props) ?? null}>
        <View {...props} />
      </Suspense>
    );
  }
  return LazyView;
}
