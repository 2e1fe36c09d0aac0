import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "./cross-site";

const STUDIO = "127.0.0.1:3000";
type Case = [name: string, method: string, headers: Record<string, string>, refused: boolean];

// What browsers send for each kind of request, and the verdict.
const CASES: Case[] = [
  ["a program (curl, SDK): no Origin, no Sec-Fetch-Site", "POST", { host: STUDIO }, false],
  ["the studio's own page", "POST", { host: STUDIO, origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }, false],
  ["a person typing the URL", "POST", { host: STUDIO, "sec-fetch-site": "none" }, false],
  ["another site's form POST", "POST", { host: STUDIO, origin: "http://evil.example", "sec-fetch-site": "cross-site" }, true],
  ["another port on the same host (same-site, not same-origin)", "POST", { host: STUDIO, origin: "http://127.0.0.1:8080", "sec-fetch-site": "same-site" }, true],
  ["a sandboxed iframe (opaque origin)", "POST", { host: STUDIO, origin: "null", "sec-fetch-site": "cross-site" }, true],
  ["DELETE and PUT are checked too", "DELETE", { host: STUDIO, origin: "http://evil.example", "sec-fetch-site": "cross-site" }, true],
  ["PUT", "PUT", { host: STUDIO, origin: "http://evil.example", "sec-fetch-site": "cross-site" }, true],
  ["GET is never refused (it changes nothing)", "GET", { host: STUDIO, origin: "http://evil.example", "sec-fetch-site": "cross-site" }, false],
  ["an old browser without Sec-Fetch-Site, same origin", "POST", { host: STUDIO, origin: "http://127.0.0.1:3000" }, false],
  ["an old browser without Sec-Fetch-Site, other origin", "POST", { host: STUDIO, origin: "http://evil.example" }, true],
  ["an old browser, opaque origin", "POST", { host: STUDIO, origin: "null" }, true],
  ["an unreadable Origin", "POST", { host: STUDIO, origin: "::not a url::" }, true],
  ["the operator's public address behind a proxy that rewrites Host", "POST", { host: "10.0.0.5:3000", origin: "https://studio.example.com", "sec-fetch-site": "cross-site" }, false],
];

describe("crossSiteRefusal", () => {
  it.each(CASES)("%s", (_name, method, headers, refused) => {
    const verdict = crossSiteRefusal(method, new Headers(headers), ["https://studio.example.com"]);
    if (refused) expect(verdict).toMatch(/\S/);
    else expect(verdict).toBeUndefined();
  });

  it("names where a refused request came from", () => {
    expect(crossSiteRefusal("POST", new Headers({ origin: "http://evil.example", "sec-fetch-site": "cross-site" }))).toContain("http://evil.example");
  });
});
