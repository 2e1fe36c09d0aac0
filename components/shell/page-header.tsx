import type { ReactNode } from "react";

export function PageHeader({ title, description, aside }: { title: string; description: ReactNode; aside?: ReactNode }) {
  return (
    <header className="mb-6 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-50">{title}</h1>
        <p className="mt-1 max-w-2xl text-sm text-zinc-400">{description}</p>
      </div>
      {aside}
    </header>
  );
}
