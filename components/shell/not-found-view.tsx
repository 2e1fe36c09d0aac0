import Link from "next/link";

/** A 404 in words that say which thing is missing and why, with the one way on from there. */
export function NotFoundView({ title, text, link }: { title: string; text: string; link: { href: string; label: string } }) {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center gap-4 py-24 text-center" data-testid="not-found">
      <p className="font-mono text-sm text-violet-300">404</p>
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-50">{title}</h1>
      <p className="max-w-md text-sm text-zinc-400">{text}</p>
      <Link href={link.href} className="rounded-lg bg-violet-600 px-4 py-2 text-sm font-medium text-white hover:bg-violet-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70">
        {link.label}
      </Link>
    </div>
  );
}
