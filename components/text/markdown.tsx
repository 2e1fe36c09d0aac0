import { Fragment, type ReactNode } from "react";
import { parseMarkdown, type Block, type Inline } from "@/lib/text/markdown";
import { cn } from "@/lib/cn";

/**
 * A model's answer as Markdown, rendered as React elements only: HTML in the text is shown as text,
 * never parsed or run; links open apart (noopener, nofollow) and only http(s) and mailto ones are links.
 */
export function Markdown({ text, className }: { text: string; className?: string }) {
  return <div className={cn("markdown flex flex-col gap-3 text-[15px] leading-relaxed text-zinc-200", className)}>{parseMarkdown(text).map(block)}</div>;
}

const HEADING_CLASS = ["text-xl font-semibold", "text-lg font-semibold", "text-base font-semibold", "text-sm font-semibold", "text-sm font-semibold", "text-sm font-medium"];

function block(b: Block, key: number): ReactNode {
  switch (b.t) {
    case "h": {
      const H = `h${Math.min(6, b.level + 1)}` as "h2";
      return <H key={key} className={cn("mt-2 text-zinc-50", HEADING_CLASS[b.level - 1])}>{inlines(b.c)}</H>;
    }
    case "p":
      return <p key={key} className="whitespace-pre-line">{inlines(b.c)}</p>;
    case "code":
      return (
        <pre key={key} className="overflow-x-auto rounded-lg border border-zinc-800 bg-zinc-950 p-3 font-mono text-[13px] leading-normal text-zinc-200" data-lang={b.lang || undefined}>
          <code>{b.v}</code>
        </pre>
      );
    case "quote":
      return <blockquote key={key} className="flex flex-col gap-2 border-l-2 border-violet-500/50 pl-3 text-zinc-400">{b.c.map(block)}</blockquote>;
    case "list": {
      const items = b.items.map((item, i) => <li key={i} className="pl-1 [&>*+*]:mt-1.5">{item.map(block)}</li>);
      return b.ordered ? (
        <ol key={key} start={b.start === 1 ? undefined : b.start} className="flex list-decimal flex-col gap-1 pl-6 marker:text-zinc-500">{items}</ol>
      ) : (
        <ul key={key} className="flex list-disc flex-col gap-1 pl-6 marker:text-zinc-500">{items}</ul>
      );
    }
    case "hr":
      return <hr key={key} className="border-zinc-800" />;
    case "table":
      return (
        <div key={key} className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr>{b.head.map((c, i) => <th key={i} style={{ textAlign: b.align[i] ?? "left" }} className="border-b border-zinc-700 px-2 py-1.5 font-semibold text-zinc-100">{inlines(c)}</th>)}</tr>
            </thead>
            <tbody>
              {b.rows.map((row, r) => (
                <tr key={r}>{row.map((c, i) => <td key={i} style={{ textAlign: b.align[i] ?? "left" }} className="border-b border-zinc-800 px-2 py-1.5 align-top">{inlines(c)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

function inlines(nodes: Inline[]): ReactNode {
  return nodes.map((n, i) => {
    if (typeof n === "string") return <Fragment key={i}>{n}</Fragment>;
    switch (n.t) {
      case "code":
        return <code key={i} className="rounded bg-zinc-800/80 px-1 py-0.5 font-mono text-[0.9em] text-violet-200">{n.v}</code>;
      case "strong":
        return <strong key={i} className="font-semibold text-zinc-50">{inlines(n.c)}</strong>;
      case "em":
        return <em key={i}>{inlines(n.c)}</em>;
      case "del":
        return <del key={i} className="text-zinc-500">{inlines(n.c)}</del>;
      case "link":
        return n.href ? (
          <a key={i} href={n.href} target="_blank" rel="noopener nofollow noreferrer" className="text-violet-300 underline decoration-violet-500/40 underline-offset-2 hover:decoration-violet-300">
            {inlines(n.c)}
          </a>
        ) : (
          <Fragment key={i}>{inlines(n.c)}</Fragment>
        );
    }
  });
}
