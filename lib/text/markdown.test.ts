import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/text/markdown";
import { markdownToPlain, parseMarkdown } from "./markdown";

const html = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe("Markdown reader", () => {
  it("reads headings, paragraphs, lists (nested, numbered), quotes, rules, code and tables", () => {
    const md = "# Title\n\nSome *soft* and **bold** `code` ~~gone~~.\n\n- one\n- two\n  - deeper\n\n3. three\n4. four\n\n> quoted\n\n---\n\n```ts\nconst a = 1;\n```\n\n| a | b |\n|:--|--:|\n| 1 | 2 |";
    expect(parseMarkdown(md).map((b) => b.t)).toEqual(["h", "p", "list", "list", "quote", "hr", "code", "table"]);
    const out = html(md);
    expect(out).toContain("<h2");
    expect(out).toMatch(/<em>soft<\/em>/);
    expect(out).toMatch(/<strong[^>]*>bold<\/strong>/);
    expect(out).toMatch(/<ul[^>]*><li[^>]*><p[^>]*>one<\/p><\/li><li[^>]*><p[^>]*>two<\/p><ul/);
    expect(out).toMatch(/<ol start="3"/);
    expect(out).toContain("const a = 1;");
    expect(out).toMatch(/<th style="text-align:left"[^>]*>a<\/th><th style="text-align:right"/);
  });

  it("shows any HTML in the text as text: nothing is parsed or run", () => {
    const out = html('Hi <img src=x onerror="alert(1)"> and <script>alert(2)</script>\n\n- <b>x</b>');
    expect(out).not.toMatch(/<img|<script|<b>/);
    expect(out).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(out).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
  });

  it("links only http(s) and mailto, opening apart with noopener nofollow; others stay text", () => {
    const out = html("[site](https://example.com) [bad](javascript:alert(1)) [data](data:text/html,x) ![pic](https://x/y.png)");
    expect(out).toContain('<a href="https://example.com" target="_blank" rel="noopener nofollow noreferrer"');
    expect(out).not.toContain("javascript:");
    expect(out).not.toContain("data:text");
    expect(out).not.toContain("<img");
    expect(out.match(/<a /g)).toHaveLength(2); // the picture becomes a link to it, not an image
  });

  it("takes underscores inside words literally", () => {
    expect(parseMarkdown("x = window.__pwned or my_var_name")).toEqual([{ t: "p", c: ["x = window.__pwned or my_var_name"] }]);
    expect(parseMarkdown("a __strong__ and _em_ word")).toEqual([{ t: "p", c: ["a ", { t: "strong", c: ["strong"] }, " and ", { t: "em", c: ["em"] }, " word"] }]);
  });

  it("reads a half-written answer (an unclosed fence runs to the end)", () => {
    expect(parseMarkdown("Intro\n\n```js\nlet x")).toEqual([{ t: "p", c: ["Intro"] }, { t: "code", lang: "js", v: "let x" }]);
    expect(parseMarkdown("**bold not closed")).toEqual([{ t: "p", c: ["**bold not closed"] }]);
  });

  it("gives the plain words for previews", () => {
    expect(markdownToPlain("## Summary\n\n- **Bees** make `honey`.\n- [Hives](https://x) hum.")).toBe("Summary\nBees make honey.\nHives hum.");
  });
});
