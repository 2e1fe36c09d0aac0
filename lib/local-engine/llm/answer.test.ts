import { describe, expect, it } from "vitest";
import { DRAFT_SYSTEM_PROMPT, draftUserMessage } from "@/lib/prompts/instructions";
import { countsOf, extractiveSummary, keywordsOf, localAnswer, piecesOf, splitRequest, streamAnswer } from "./answer";

const ARTICLE = [
  "Honey bees live in colonies of thousands of bees.",
  "The weather was mild on Tuesday.",
  "A colony depends on its queen, who lays the eggs for the whole colony.",
  "Worker bees gather nectar and pollen and feed the colony.",
  "Someone left a bicycle by the gate.",
  "In winter the bees cluster around the queen to keep the colony warm.",
].join(" ");

describe("local answer: what it can compute", () => {
  it("summarises a supplied text with its most frequent words' sentences, in their order, as Markdown", () => {
    const { text } = localAnswer({ prompt: `Summarise this:\n\n${ARTICLE}` });
    expect(text).toMatch(/^## Summary\n\n- /);
    const bullets = text.split("\n").filter((l) => l.startsWith("- "));
    expect(bullets).toHaveLength(2);
    // The off-topic sentences are the ones left out; the kept ones keep their original order.
    expect(text).not.toContain("bicycle");
    expect(text).not.toContain("weather");
    const order = bullets.map((b) => ARTICLE.indexOf(b.slice(2)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("picks the same sentences every time (deterministic) and reports them as reasoning when asked", () => {
    const a = localAnswer({ prompt: `tl;dr: ${ARTICLE}`, reasoning: true });
    const b = localAnswer({ prompt: `tl;dr: ${ARTICLE}`, reasoning: true });
    expect(a).toEqual(b);
    expect(a.reasoning).toMatch(/6 sentences/);
    expect(a.reasoning).toMatch(/kept the top 2: sentences \d and \d/);
    expect(localAnswer({ prompt: `tl;dr: ${ARTICLE}` }).reasoning).toBeNull();
  });

  it("counts words, characters, sentences and paragraphs", () => {
    expect(countsOf("One two three.\n\nFour five!")).toEqual({ words: 5, characters: 26, withoutSpaces: 21, sentences: 2, paragraphs: 2 });
    const { text } = localAnswer({ prompt: "How many words are in this: the quick brown fox" });
    expect(text).toContain("**Words:** 4");
  });

  it("lists keywords by frequency, leaving stop words out", () => {
    expect(keywordsOf(ARTICLE, 3).map((k) => k.word)).toEqual(["bees", "colony", "queen"]); // a tie (4 each) goes to the first seen
    expect(localAnswer({ prompt: `Keywords: ${ARTICLE}` }).text).toMatch(/## Keywords\n\n1\. \*\*bees\*\* \(4 times\)\n2\. \*\*colony\*\*/);
  });

  it("says plainly that it has no language model, and which keys to set, for anything else", () => {
    const { text, reasoning } = localAnswer({ prompt: "Write a poem about the sea", reasoning: true });
    expect(text).toMatch(/^The local engine has no language model/);
    expect(text).toContain("OPENAI_API_KEY");
    expect(text).toContain("FAL_KEY");
    expect(text.split("\n\n")).toHaveLength(1);
    expect(reasoning).toMatch(/nothing else can be worked out/);
  });

  it("asks for the text when a summary is requested without one", () => {
    expect(localAnswer({ prompt: "Please summarise" }).text).toMatch(/^There is no text to work on/);
  });

  it("echoes the supplied text as is: its HTML is the renderer's business, not rewritten here", () => {
    const evil = 'The <img src=x onerror="alert(1)"> tag is dangerous. Tags are dangerous in text. Nothing else here.';
    expect(localAnswer({ prompt: `Summarise: ${evil}` }).text).toContain('<img src=x onerror="alert(1)">');
  });

  it("drafts prompts for the studio's drafting contract only", () => {
    const message = draftUserMessage({ idea: "a fox librarian", target: "image", count: 2 });
    const drafted = localAnswer({ system: DRAFT_SYSTEM_PROMPT, prompt: message }).text.split("\n").map((l) => JSON.parse(l) as { prompt: string });
    expect(drafted).toHaveLength(2);
    expect(drafted[0]!.prompt).toContain("fox librarian");
    expect(localAnswer({ prompt: message }).text).toMatch(/no language model/);
  });
});

describe("local answer: splitting and streaming", () => {
  it("takes the text after the colon, the first line or a code fence", () => {
    expect(splitRequest("Summarise: A. B.")).toEqual({ ask: "Summarise", text: "A. B." });
    expect(splitRequest("Summarise this\nA. B.")).toEqual({ ask: "Summarise this", text: "A. B." });
    expect(splitRequest("Count the words in\n```\nx y\n```")).toMatchObject({ text: "x y" });
    expect(splitRequest("Hello there")).toEqual({ ask: "Hello there", text: null });
  });

  it("keeps the original order of the picked sentences, and a repeated sentence once", () => {
    const { picked } = extractiveSummary(ARTICLE);
    expect(picked).toEqual([...picked].sort((a, b) => a - b));
    const twice = extractiveSummary(`${ARTICLE} ${ARTICLE} ${ARTICLE}`);
    const kept = twice.picked.map((i) => twice.sentences[i]);
    expect(kept).toHaveLength(5);
    expect(new Set(kept).size).toBe(5);
  });

  it("streams reasoning before the text, piece by piece, and stops at the token limit", async () => {
    const answer = { text: "one two three four five six", reasoning: "because" };
    const kinds: string[] = [];
    let text = "";
    for await (const piece of streamAnswer(answer)) {
      kinds.push(piece.kind);
      if (piece.kind === "text") text += piece.text;
    }
    expect(text).toBe(answer.text);
    expect(kinds[0]).toBe("reasoning");
    expect(kinds.lastIndexOf("reasoning")).toBeLessThan(kinds.indexOf("text"));
    const cut = piecesOf(answer, 2);
    expect(cut.truncated).toBe(true);
    expect(cut.pieces.filter((p) => p.kind === "text").map((p) => p.text).join("")).toBe("one two");
  });

  it("ends early when aborted", async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const piece of streamAnswer({ text: "a b c d e f g h", reasoning: null }, { signal: controller.signal })) {
      seen.push(piece.text);
      if (seen.length === 2) controller.abort();
    }
    expect(seen).toHaveLength(2);
  });
});
