/** The first thing Tab reaches: jumps past the navigation to the page's main content. */
export function SkipLink({ target }: { target: string }) {
  return (
    <a
      href={`#${target}`}
      className="sr-only rounded-lg bg-violet-600 px-4 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-300"
    >
      Skip to content
    </a>
  );
}
