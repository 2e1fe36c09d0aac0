import "server-only";
import type { ReactNode } from "react";
import { TASK_ICONS } from "@/components/tasks/icons";
import { ClockIcon } from "@/components/ui/icons";
import { TASK_LIST } from "@/lib/tasks/registry";

export type NavItem = { href: string; label: string; icon: ReactNode };

/** Every task's page, in the registry's order, then the history. Server-side: it reads the registry. */
export const NAV_ITEMS: (NavItem & { blurb: string })[] = [
  ...TASK_LIST.map((t) => {
    const Icon = TASK_ICONS[t.id];
    return { href: `/${t.id}`, label: t.nav.label, icon: <Icon size={18} />, blurb: t.nav.blurb };
  }),
  { href: "/history", label: "History", icon: <ClockIcon size={18} />, blurb: "Open, share or remix what you made" },
];
