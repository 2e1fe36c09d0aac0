// Apart from ./parse (zod): the prompts page shows the draft being written from the page's first load.

/**
 * The prompt being written right now, read from the unfinished last line, so the page can show
 * it growing word by word before its JSON is complete.
 */
export function partialDraft(text: string): { title: string; prompt: string } | undefined {
  const line = text.slice(text.lastIndexOf("\n") + 1);
  const field = (name: string) => {
    const m = line.match(new RegExp(`"${name}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)`));
    return m?.[1]?.replace(/\\(["\\/])/g, "$1").replace(/\\n/g, " ").replace(/\\$/, "");
  };
  const prompt = field("prompt");
  const title = field("title");
  return prompt !== undefined || title !== undefined ? { title: title ?? "", prompt: prompt ?? "" } : undefined;
}
