"use client";

import { AppLink } from "@/components/ui/app-link";
import { usePathname } from "next/navigation";
import { Icon } from "@/components/ui/icons";
import { cn } from "@/lib/cn";
import type { NavItem } from "./nav-items";

/** The items come from the server (nav-items.tsx), so the task registry and its schemas stay off the client. */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <ul className="grid grid-cols-2 gap-1 sm:grid-cols-3 md:flex md:flex-col">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <AppLink
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "nav-link", // app/globals.css
                active ? "bg-violet-500/15 text-violet-200" : "text-zinc-400 hover:bg-zinc-800/60 hover:text-zinc-100",
              )}
            >
              <span className={active ? "text-violet-300" : "text-zinc-500"}><Icon name={item.icon} size={18} /></span>
              <span>{item.label}</span>
            </AppLink>
          </li>
        );
      })}
    </ul>
  );
}
