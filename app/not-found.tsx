import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-6 text-center">
      <p className="font-mono text-sm text-violet-300">404</p>
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-50">Nothing here</h1>
      <p className="max-w-md text-sm text-zinc-400">This page or link does not exist, or it is no longer shared.</p>
      <Link href="/" className="rounded-lg bg-violet-600 px-4 py-2 text-sm font-medium text-white hover:bg-violet-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70">
        Go to Studio
      </Link>
    </main>
  );
}
