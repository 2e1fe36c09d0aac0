import "server-only";
import { DRAFT_SYSTEM_PROMPT, parseDraftUserMessage } from "@/lib/prompts/instructions";
import { sleep } from "@/lib/sleep";
import { draftPrompts } from "./drafter";

/**
 * The local engine's side of every language-model door (OpenAI chat completions, fal's OpenRouter
 * router). It has no language model and never pretends to: it drafts prompts for the studio's own
 * drafting contract, answers what it can compute from the request itself (an extractive summary of
 * a supplied text, its counts, its keywords), and otherwise says plainly that it cannot answer.
 * Deterministic: the same request always gets the same words.
 */

export type LocalAnswer = { text: string; reasoning: string | null };
export type LocalRequest = { system?: string; prompt: string; reasoning?: boolean };

export function localAnswer(req: LocalRequest): LocalAnswer {
  const drafting = req.system?.trim() === DRAFT_SYSTEM_PROMPT ? parseDraftUserMessage(req.prompt) : undefined;
  if (drafting) return { text: draftPrompts(drafting).map((p) => JSON.stringify(p)).join("\n"), reasoning: null };
  const { text, steps } = computeAnswer(req.prompt);
  return { text, reasoning: req.reasoning ? steps.join(" ") : null };
}

// ---- What it can compute ----

const NO_MODEL =
  "The local engine has no language model, so it cannot answer this. Set OPENAI_API_KEY to use OpenAI's models, " +
  "or FAL_KEY for OpenRouter's models through fal. Without a key it only works out what the request itself contains: " +
  "paste a text after “Summarise:” for an extractive summary, or ask it to count the text's words or list its keywords.";

const STOP_WORDS = new Set(
  ("a about above after again against all am an and any are as at be because been before being below between both but by can " +
    "could did do does doing down during each few for from further had has have having he her here hers herself him himself his " +
    "how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves " +
    "out over own same she should so some such than that the their theirs them themselves then there these they this those " +
    "through to too under until up very was we were what when where which while who whom why will with would you your yours " +
    "yourself yourselves also may might must shall us one its it's i'm don't can't won't").split(" "),
);

const INTENTS = {
  summary: /\b(summar(y|i[sz]e|i[sz]ing)|tl;?dr|sum (it )?up|gist|key points)\b/i,
  counts: /\b(count|how (many|long)|word count|number of (words|characters|sentences)|length)\b/i,
  keywords: /\b(key ?words?|key terms|main (topics|terms|words)|tags|most (common|frequent) words)\b/i,
};
type Intent = keyof typeof INTENTS;

/** The request and the text it is about: after a colon or a line break, else the whole prompt. */
export function splitRequest(prompt: string): { ask: string; text: string | null } {
  const trimmed = prompt.trim();
  const fenced = trimmed.match(/```[^\n]*\n([\s\S]*?)```/);
  if (fenced?.[1]?.trim()) return { ask: trimmed.replace(fenced[0], " "), text: fenced[1].trim() };
  const newline = trimmed.indexOf("\n");
  const colon = trimmed.indexOf(":");
  const cut = colon >= 0 && colon < 120 && (newline < 0 || colon < newline) ? colon : newline;
  if (cut < 0) return { ask: trimmed, text: null };
  const text = trimmed.slice(cut + 1).trim();
  return { ask: trimmed.slice(0, cut), text: text || null };
}

export const sentencesOf = (text: string): string[] =>
  text
    .split(/\n\s*\n|(?<=[.!?…])["”’)]?\s+(?=["“‘(]?[A-Z0-9<])|\n(?=\s*[-*•]|\s*\d+[.)])/)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => /\p{L}|\p{N}/u.test(s));

const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
/** The words that carry a text's meaning: no stop words, numbers or two-letter words. */
export const contentWords = (text: string) => wordsOf(text).filter((w) => w.length > 2 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));

function frequencies(text: string): Map<string, number> {
  const freq = new Map<string, number>();
  for (const w of contentWords(text)) freq.set(w, (freq.get(w) ?? 0) + 1);
  return freq;
}

/** Content words by how often they occur, ties in order of first appearance. */
export function keywordsOf(text: string, max = 8): { word: string; count: number }[] {
  return [...frequencies(text)].map(([word, count]) => ({ word, count })).sort((a, b) => b.count - a.count).slice(0, max);
}

/** The sentences carrying the text's most frequent content words, kept in their original order. */
export function extractiveSummary(text: string): { picked: number[]; sentences: string[] } {
  const sentences = sentencesOf(text);
  const freq = frequencies(text);
  const keep = Math.min(5, Math.max(1, Math.round(sentences.length / 3)));
  const scored = sentences.map((s, i) => {
    const words = contentWords(s);
    const score = words.length ? words.reduce((sum, w) => sum + (freq.get(w) ?? 0), 0) / Math.sqrt(words.length) : 0;
    return { i, score };
  });
  // A sentence the text repeats is kept once.
  const seen = new Set<string>();
  const distinct = scored.sort((a, b) => b.score - a.score || a.i - b.i).filter((s) => {
    const key = sentences[s.i]!.toLowerCase();
    return !seen.has(key) && Boolean(seen.add(key));
  });
  const picked = distinct.slice(0, keep).map((s) => s.i).sort((a, b) => a - b);
  return { picked, sentences };
}

export function countsOf(text: string) {
  return {
    words: wordsOf(text).length,
    characters: [...text].length,
    withoutSpaces: [...text.replace(/\s/g, "")].length,
    sentences: sentencesOf(text).length,
    paragraphs: text.split(/\n\s*\n/).filter((p) => p.trim()).length,
  };
}

const n = (v: number) => v.toLocaleString("en-US");
const plural = (v: number, one: string) => `${n(v)} ${one}${v === 1 ? "" : "s"}`;
const listing = (items: string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

function computeAnswer(prompt: string): { text: string; steps: string[] } {
  const { ask, text } = splitRequest(prompt);
  const intents = (Object.keys(INTENTS) as Intent[]).filter((k) => INTENTS[k].test(ask));
  if (intents.length === 0) {
    return { text: NO_MODEL, steps: ["No summary, count or keyword request in the prompt, and nothing else can be worked out without a language model."] };
  }
  // Counting may be about the prompt itself; summaries and keywords need a text to work on.
  const subject = text ?? (intents.includes("counts") ? prompt.trim() : null);
  if (!subject) {
    return {
      text: `There is no text to work on: put it after the request, e.g. “Summarise: …” or on the lines below it.\n\n${NO_MODEL}`,
      steps: [`Asked for ${listing(intents)}, but nothing follows the request to compute it from.`],
    };
  }
  const counts = countsOf(subject);
  const sections: string[] = [];
  const steps = [`Asked for ${listing(intents.map((i) => ({ summary: "a summary", counts: "counts", keywords: "keywords" })[i]))}. The text is ${plural(counts.words, "word")} in ${plural(counts.sentences, "sentence")}.`];
  if (intents.includes("summary")) {
    const { picked, sentences } = extractiveSummary(subject);
    sections.push(`## Summary\n\n${picked.map((i) => `- ${sentences[i]}`).join("\n")}\n\n*${picked.length === sentences.length ? "Extractive: the text is short enough to keep whole." : `Extractive: the ${n(picked.length)} of ${n(sentences.length)} sentences that carry the text's most frequent words, in their original order.`}*`);
    steps.push(`Scored each sentence by the frequency of its content words (stop words left out, divided by the root of its length) and kept the top ${n(picked.length)}: sentence${picked.length === 1 ? "" : "s"} ${listing(picked.map((i) => String(i + 1)))}.`);
  }
  if (intents.includes("counts")) {
    sections.push(
      `## Counts\n\n- **Words:** ${n(counts.words)}\n- **Characters:** ${n(counts.characters)} (${n(counts.withoutSpaces)} without spaces)\n- **Sentences:** ${n(counts.sentences)}\n- **Paragraphs:** ${n(counts.paragraphs)}`,
    );
    steps.push("Counted words as runs of letters and digits, characters as Unicode code points.");
  }
  if (intents.includes("keywords")) {
    const top = keywordsOf(subject);
    sections.push(top.length ? `## Keywords\n\n${top.map((k, i) => `${i + 1}. **${k.word}** (${plural(k.count, "time")})`).join("\n")}` : "## Keywords\n\nThe text has no content words to rank.");
    steps.push(`Ranked content words by how often they occur${top[0] ? `; the most frequent is “${top[0].word}” (${plural(top[0].count, "time")})` : ""}.`);
  }
  return { text: sections.join("\n\n"), steps };
}

// ---- Streaming it as a model would ----

/** Splits text into small pieces the way a model emits tokens. */
export function tokens(text: string): string[] {
  return text.match(/\s*\S{1,6}|\s+$/g) ?? (text ? [text] : []);
}

export type AnswerPiece = { kind: "reasoning" | "text"; text: string };

/**
 * The answer as a model writes it: reasoning first, then the text, a piece at a time, at most
 * `maxTokens` pieces of text (then `truncated`). Ends early when the signal aborts.
 */
export async function* streamAnswer(answer: LocalAnswer, opts: { maxTokens?: number; signal?: AbortSignal } = {}): AsyncGenerator<AnswerPiece> {
  const { pieces } = piecesOf(answer, opts.maxTokens);
  for (const piece of pieces) {
    await sleep(PIECE_MS, opts.signal);
    if (opts.signal?.aborted) return;
    yield piece;
  }
}

const PIECE_MS = 12;

/** The pieces of an answer, cut at `maxTokens` pieces of text; `truncated` when that cut something off. */
export function piecesOf(answer: LocalAnswer, maxTokens?: number): { pieces: AnswerPiece[]; truncated: boolean; outputTokens: number } {
  const text = tokens(answer.text);
  const kept = maxTokens ? text.slice(0, maxTokens) : text;
  const pieces: AnswerPiece[] = [
    ...tokens(answer.reasoning ?? "").map((t) => ({ kind: "reasoning" as const, text: t })),
    ...kept.map((t) => ({ kind: "text" as const, text: t })),
  ];
  return { pieces, truncated: kept.length < text.length, outputTokens: pieces.length };
}

/** A rough count of the tokens a text takes (about four characters each), for usage reports. */
export const approxTokens = (text: string) => Math.ceil(text.length / 4);
