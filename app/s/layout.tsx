import type { Metadata } from "next";
import type { ReactNode } from "react";
import { requestOrigin } from "@/lib/http/request-origin";

/** Absolute URLs for the preview image Next adds from opengraph-image.tsx. */
export async function generateMetadata(): Promise<Metadata> {
  return { metadataBase: new URL(await requestOrigin()) };
}

/**
 * Public share pages: none of the studio around them (no navigation, no history, no engine
 * banners), only the shared result and a quiet mark at the foot.
 */
export default function ShareLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <main className="mx-auto w-full max-w-4xl flex-1 px-4 py-8 md:px-6 md:py-14">{children}</main>
      <footer className="px-4 pt-4 pb-8 text-center text-xs text-zinc-500">
        <p className="inline-flex items-center gap-2">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/icon.svg" alt="" width={16} height={16} className="opacity-80" />
          Made with Studio
        </p>
      </footer>
    </div>
  );
}
