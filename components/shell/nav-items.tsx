import "server-only";
import { TASK_ICONS } from "@/components/tasks/icons";
import { ClockIcon, type IconName } from "@/components/ui/icons";
import { TASK_NAV } from "@/lib/tasks/nav";

/** Plain data: the items go to a client component, so the icon goes by name, not as rendered markup. */
export type NavItem = { href: string; label: string; icon: IconName };

/** Every task's page, in the registry's order, then the history. */
export const NAV_ITEMS: (NavItem & { blurb: string })[] = [
  ...TASK_NAV.map((t) => ({ href: `/${t.id}`, label: t.label, icon: TASK_ICONS[t.id].iconName, blurb: t.blurb })),
  { href: "/history", label: "History", icon: ClockIcon.iconName, blurb: "Open, share or remix what you made" },
];
