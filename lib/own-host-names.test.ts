import { afterEach, expect, it, vi } from "vitest";
import { ownHostNames } from "./own-host-names";

afterEach(() => vi.unstubAllEnvs());

it("answers to the listed names and to the public and internal addresses' hosts, in lower case", () => {
  vi.stubEnv("STUDIO_ALLOWED_HOSTS", " Studio.LAN, ,box.local ");
  vi.stubEnv("STUDIO_PUBLIC_URL", " https://Studio.Example.com/app ");
  vi.stubEnv("STUDIO_INTERNAL_URL", "http://studio-internal:3000");
  expect(ownHostNames()).toEqual(["studio.lan", "box.local", "studio.example.com", "studio-internal"]);
});

it("names nothing when none of them is set, or set to blanks", () => {
  vi.stubEnv("STUDIO_ALLOWED_HOSTS", "");
  vi.stubEnv("STUDIO_PUBLIC_URL", "  ");
  delete process.env.STUDIO_INTERNAL_URL;
  expect(ownHostNames()).toEqual([]);
});
