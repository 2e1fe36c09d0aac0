import Link from "next/link";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { EngineBadge } from "@/components/shell/engine-badge";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { FOLDED_COOKIE, LocalEngineBanner } from "@/components/shell/local-engine-banner";
import { ServiceBanner } from "@/components/shell/service-banner";
import { SkipLink } from "@/components/shell/skip-link";
import { StudioNav } from "@/components/shell/studio-nav";
import { ThemeSwitch } from "@/components/shell/theme-switch";
import { pageHealth } from "@/lib/health";

const MAIN_ID = "main";

export default async function StudioLayout({ children }: { children: ReactNode }) {
  // Engines and keys are read at request time, never baked in at build time (cookies() makes it so).
  // The banner's cookie is read here, not in an async banner: each async component is a render pass of its own.
  const [jar, status] = await Promise.all([cookies(), pageHealth()]);
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <SkipLink target={MAIN_ID} />
      <aside className="sticky top-0 z-20 flex shrink-0 items-center gap-4 border-b border-zinc-800/80 bg-zinc-950/90 px-4 py-3 backdrop-blur md:h-dvh md:w-60 md:flex-col md:items-stretch md:border-b-0 md:border-r md:px-3 md:py-5">
        <Link href="/" className="flex items-center gap-2 rounded-lg px-2 text-base font-semibold tracking-tight focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/icon.svg" alt="" width={28} height={28} />
          <span>Studio</span>
        </Link>
        <StudioNav
          items={NAV_ITEMS.map(({ href, label, icon }) => ({ href, label, icon }))}
          footer={
            <>
              <EngineBadge engine={status.engine} />
              <ThemeSwitch />
            </>
          }
        />
      </aside>
      {/* Focusable so the skip link moves keyboard focus here, not only the scroll position. */}
      <main id={MAIN_ID} tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-8 md:py-8">
        <ServiceBanner status={status} />
        <LocalEngineBanner status={status} folded={jar.has(FOLDED_COOKIE)} />
        {children}
      </main>
    </div>
  );
}
