import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { EngineBadge } from "@/components/shell/engine-badge";
import { LocalEngineBanner } from "@/components/shell/local-engine-banner";
import { ServiceBanner } from "@/components/shell/service-banner";
import { NavLinks } from "@/components/shell/nav-links";
import { pageHealth } from "@/lib/health";

export default async function StudioLayout({ children }: { children: ReactNode }) {
  // Engines and keys are read at request time, never baked in at build time.
  await connection();
  const status = await pageHealth();
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <aside className="sticky top-0 z-20 flex shrink-0 items-center gap-4 border-b border-zinc-800/80 bg-zinc-950/90 px-4 py-3 backdrop-blur md:h-dvh md:w-60 md:flex-col md:items-stretch md:border-b-0 md:border-r md:px-3 md:py-5">
        <Link href="/" className="flex items-center gap-2 rounded-lg px-2 text-base font-semibold tracking-tight focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/icon.svg" alt="" width={28} height={28} />
          <span>Studio</span>
        </Link>
        <nav aria-label="Tools" className="flex-1 overflow-x-auto md:mt-6">
          <NavLinks />
        </nav>
        <div className="hidden md:block md:px-2">
          <EngineBadge engine={status.engine} />
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">
        <ServiceBanner status={status} />
        <LocalEngineBanner status={status} />
        {children}
      </main>
    </div>
  );
}
