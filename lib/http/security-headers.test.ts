import { describe, expect, it } from "vitest";
import { nonceOf, pageContentSecurityPolicy } from "./security-headers";

describe("nonceOf", () => {
  it("reads back the nonce a page policy was built with, base64 padding included", () => {
    expect(nonceOf(pageContentSecurityPolicy("aB+c/d=="))).toBe("aB+c/d==");
  });

  it("finds none in a policy without one, or without a policy", () => {
    expect(nonceOf("default-src 'none'")).toBeUndefined();
    expect(nonceOf(null)).toBeUndefined();
  });
});
