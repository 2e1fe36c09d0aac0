"use client";

import { buttonClass } from "@/components/ui/button-class";

/**
 * What a page shows when loading it failed on the server (most often: the database or the media
 * store is unreachable). Production builds hide the server's message, so this points to the
 * health endpoint, which names the failing service.
 */
export function ErrorView({ reset }: { reset: () => void }) {
  return (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-center gap-4 py-24 text-center">
      <p className="font-mono text-sm text-rose-300">Unavailable</p>
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-50">This page could not be loaded</h1>
      <p className="text-sm text-zinc-400">
        Studio could not reach its storage just now. Try again in a moment; <a href="/api/health" className="text-violet-300 underline underline-offset-2">/api/health</a> says
        which service is down.
      </p>
      <button type="button" className={buttonClass()} onClick={reset}>
        Try again
      </button>
    </div>
  );
}
