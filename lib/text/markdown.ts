/**
 * A small Markdown reader for model answers: headings, paragraphs, lists (nested), block quotes,
 * code (fenced and inline), emphasis, strikethrough, links, rules and tables. It produces a tree of
 * plain data, never HTML: the view renders it as React elements, so any HTML a model writes is shown
 * as text. Tolerates a half-written answer (an unclosed fence runs to the end). Pure, client-safe.
 */

export type Inline =
  | string
  | { t: "code"; v: string }
  | { t: "strong" | "em" | "del"; c: Inline[] }
  /** href null: a link to something other than http(s) or mailto, shown as its text only. */
  | { t: "link"; href: string | null; c: Inline[] };

export type Align = "left" | "center" | "right" | null;

export type Block =
  | { t: "h"; level: 1 | 2 | 3 | 4 | 5 | 6; c: Inline[] }
  | { t: "p"; c: Inline[] }
  | { t: "code"; lang: string; v: string }
  | { t: "quote"; c: Block[] }
  | { t: "list"; ordered: boolean; start: number; items: Block[][] }
  | { t: "hr" }
  | { t: "table"; align: Align[]; head: Inline[][]; rows: Inline[][][] };

const FENCE = /^\s{0,3}(```|~~~)\s*([\w+-]*)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^\s{0,3}>\s?/;
const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const TABLE_RULE = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

const startsBlock = (line: string) => FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);

export function parseMarkdown(source: string): Block[] {
  return blocks(source.replace(/\r\n?/g, "\n").split("\n"));
}

function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = line.match(FENCE);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) body.push(lines[i++]!);
      i++;
      out.push({ t: "code", lang: fence[2] ?? "", v: body.join("\n") });
      continue;
    }
    const heading = line.match(HEADING);
    if (heading) {
      out.push({ t: "h", level: heading[1]!.length as 1, c: inline(heading[2]!) });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      out.push({ t: "hr" });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) inner.push(lines[i++]!.replace(QUOTE, ""));
      out.push({ t: "quote", c: blocks(inner) });
      continue;
    }
    const item = line.match(ITEM);
    if (item) {
      i = list(lines, i, out);
      continue;
    }
    if (line.includes("|") && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]!) && lines[i + 1]!.includes("-")) {
      i = table(lines, i, out);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() && !(para.length > 0 && startsBlock(lines[i]!))) para.push(lines[i++]!.trim());
    out.push({ t: "p", c: inline(para.join("\n")) });
  }
  return out;
}

/** A list starting at `i`: its items' lines (continuations indented under them) read as blocks of their own. */
function list(lines: string[], i: number, out: Block[]): number {
  const first = lines[i]!.match(ITEM)!;
  const indent = first[1]!.length;
  const ordered = /\d/.test(first[2]!);
  const items: Block[][] = [];
  let current: string[] | null = null;
  const flush = () => current && items.push(blocks(current));
  while (i < lines.length) {
    const line = lines[i]!;
    const m = line.match(ITEM);
    if (m && m[1]!.length <= indent + 1 && /\d/.test(m[2]!) === ordered) {
      flush();
      current = [m[3]!];
      i++;
      continue;
    }
    if (m && m[1]!.length <= indent + 1) break; // a list of the other kind
    if (!line.trim()) {
      // A blank line ends the list unless the next line is indented under it or is another item.
      const next = lines[i + 1];
      if (next === undefined || !(next.match(/^\s*/)![0].length > indent || next.match(ITEM))) break;
      current!.push("");
      i++;
      continue;
    }
    const deeper = line.match(/^\s*/)![0].length > indent;
    if (!deeper && startsBlock(line)) break;
    current!.push(deeper ? line.replace(new RegExp(`^\\s{1,${indent + 4}}`), "") : line.trim());
    i++;
  }
  flush();
  out.push({ t: "list", ordered, start: ordered ? Number.parseInt(first[2]!, 10) : 1, items });
  return i;
}

const cells = (line: string) => line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());

function table(lines: string[], i: number, out: Block[]): number {
  const head = cells(lines[i]!);
  const align = cells(lines[i + 1]!).map((c): Align => (c.startsWith(":") && c.endsWith(":") ? "center" : c.endsWith(":") ? "right" : c.startsWith(":") ? "left" : null));
  i += 2;
  const rows: Inline[][][] = [];
  while (i < lines.length && lines[i]!.includes("|") && lines[i]!.trim()) {
    const row = cells(lines[i++]!);
    rows.push(head.map((_, k) => inline(row[k] ?? "")));
  }
  out.push({ t: "table", align: head.map((_, k) => align[k] ?? null), head: head.map((h) => inline(h)), rows });
  return i;
}

// ---- Inline ----

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

const INLINE: { re: RegExp; make: (m: RegExpExecArray) => Inline }[] = [
  { re: /`([^`\n]+)`/, make: (m) => ({ t: "code", v: m[1]! }) },
  { re: /!?\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/, make: (m) => ({ t: "link", href: SAFE_HREF.test(m[2]!) ? m[2]! : null, c: inline(m[1] || m[2]!) }) },
  { re: /<(https?:\/\/[^\s>]+)>/, make: (m) => ({ t: "link", href: m[1]!, c: [m[1]!] }) },
  // Underscores mark emphasis only at word edges (snake_case and __dunder__ names stay as they are).
  { re: /\*\*(?=\S)([\s\S]*?\S)\*\*|(?<![\p{L}\p{N}])__(?=\S)([\s\S]*?\S)__(?![\p{L}\p{N}])/u, make: (m) => ({ t: "strong", c: inline(m[1] ?? m[2]!) }) },
  { re: /~~(?=\S)([\s\S]*?\S)~~/, make: (m) => ({ t: "del", c: inline(m[1]!) }) },
  { re: /\*(?=[^\s*])([\s\S]*?[^\s*])\*|(?<![\p{L}\p{N}_])_(?=[^\s_])([\s\S]*?[^\s_])_(?![\p{L}\p{N}_])/u, make: (m) => ({ t: "em", c: inline(m[1] ?? m[2]!) }) },
];

export function inline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest) {
    let best: { index: number; length: number; node: Inline } | undefined;
    for (const { re, make } of INLINE) {
      const m = re.exec(rest);
      if (m && (!best || m.index < best.index)) best = { index: m.index, length: m[0].length, node: make(m) };
    }
    if (!best) {
      out.push(unescape(rest));
      break;
    }
    if (best.index > 0) out.push(unescape(rest.slice(0, best.index)));
    out.push(best.node);
    rest = rest.slice(best.index + best.length);
  }
  return out;
}

const unescape = (s: string) => s.replace(/\\([\\`*_{}[\]()#+\-.!~|>])/g, "$1");

/** The words of a Markdown text without its marks, for previews (history cards, link cards). */
export function markdownToPlain(source: string): string {
  const words = (nodes: Inline[]): string => nodes.map((n) => (typeof n === "string" ? n : n.t === "code" ? n.v : words(n.c))).join("");
  const walk = (bs: Block[]): string[] =>
    bs.flatMap((b) => {
      switch (b.t) {
        case "h":
        case "p":
          return [words(b.c)];
        case "code":
          return [b.v];
        case "quote":
          return walk(b.c);
        case "list":
          return b.items.flatMap(walk);
        case "table":
          return [b.head.map(words).join(" "), ...b.rows.map((r) => r.map(words).join(" "))];
        case "hr":
          return [];
      }
    });
  return walk(parseMarkdown(source)).join("\n");
}
