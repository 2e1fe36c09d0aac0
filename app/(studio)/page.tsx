import { AppLink } from "@/components/ui/app-link";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { PageHeader } from "@/components/shell/page-header";
import { Icon } from "@/components/ui/icons";

export default function Home() {
  return (
    <div className="max-w-5xl">
      <PageHeader title="What will you make today?" description="Generate and edit images, make short videos, transcribe audio, and draft prompts — on your own fal.ai and OpenAI keys." />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {NAV_ITEMS.map((item) => (
          <li key={item.href}>
            <AppLink
              href={item.href}
              className="group flex h-full flex-col gap-3 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-5 transition hover:border-violet-500/50 hover:bg-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70"
            >
              <span className="flex size-10 items-center justify-center rounded-xl bg-violet-500/15 text-violet-300"><Icon name={item.icon} size={18} /></span>
              <span className="text-base font-medium text-zinc-100">{item.label}</span>
              <span className="text-sm text-zinc-400">{item.blurb}</span>
            </AppLink>
          </li>
        ))}
      </ul>
    </div>
  );
}
