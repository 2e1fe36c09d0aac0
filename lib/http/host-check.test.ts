import { describe, expect, it } from "vitest";
import { isAllowedHost } from "./host-check";

const OWN = ["studio.example.com", "box.lan"];

describe("isAllowedHost (DNS rebinding)", () => {
  it.each([
    ["127.0.0.1:3000", true],
    ["[::1]:3000", true],
    ["192.168.1.20:3000", true],
    ["localhost:3000", true],
    ["app.localhost", true],
    ["studio.example.com", true],
    ["STUDIO.example.com:443", true],
    ["box.lan:3000", true],
    ["rebind.attacker.example:3000", false],
    ["studio.example.com.attacker.example", false],
    ["localhost.attacker.example", false],
    ["", false],
    ["bad host", false],
  ])("%s → %s", (host, allowed) => {
    expect(isAllowedHost(host, OWN)).toBe(allowed);
  });

  it("refuses a request without Host", () => {
    expect(isAllowedHost(null, OWN)).toBe(false);
  });
});
