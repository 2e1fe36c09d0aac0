import { describe, expect, it } from "vitest";
import { checkTarget, checkTargetForm, isPublicAddress } from "./public-address";

/** The guard for URLs the server posts to for a user: every inside address is refused. */
describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
  ])("refuses %s", (ip) => expect(isPublicAddress(ip)).toBe(false));

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("takes %s", (ip) => expect(isPublicAddress(ip)).toBe(true));

  it("refuses what is not an address", () => expect(isPublicAddress("example.com")).toBe(false));
});

describe("checkTargetForm", () => {
  it.each([
    ["ftp://example.com/x", /Only http/],
    ["file:///etc/passwd", /Only http/],
    ["http://user:pw@example.com/", /no user name/],
    ["http://127.0.0.1:8080/hook", /not a public address/],
    ["http://[::1]/hook", /not a public address/],
    ["http://[::ffff:7f00:1]/hook", /not a public address/],
    ["http://localhost:3000/hook", /not a public host/],
    ["http://metadata.google.internal/computeMetadata", /not a public host/],
    ["not a url", /full http/],
  ])("refuses %s", (url, message) => expect(() => checkTargetForm(url)).toThrow(message));

  it("takes a public https URL, and loopback only with the test setting", () => {
    expect(checkTargetForm("https://hooks.example.com/studio?token=1").href).toBe("https://hooks.example.com/studio?token=1");
    expect(checkTargetForm("http://127.0.0.1:9/x", { allowPrivate: true }).port).toBe("9");
  });
});

describe("checkTarget", () => {
  const resolvingTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  it("refuses a name that resolves to any inside address, and says which", async () => {
    await expect(checkTarget("https://rebind.example.com/", { resolve: resolvingTo("93.184.216.34", "10.0.0.7") })).rejects.toThrow(/10\.0\.0\.7/);
    await expect(checkTarget("https://meta.example.com/", { resolve: resolvingTo("169.254.169.254") })).rejects.toThrow(/not a public address/);
    await expect(checkTarget("https://v6.example.com/", { resolve: resolvingTo("::ffff:127.0.0.1") })).rejects.toThrow(/not a public address/);
  });

  it("answers the checked address to connect to", async () => {
    const target = await checkTarget("https://ok.example.com/hook", { resolve: resolvingTo("93.184.216.34") });
    expect(target).toMatchObject({ address: "93.184.216.34", family: 4 });
  });

  it("refuses a name that does not resolve", async () => {
    await expect(checkTarget("https://nowhere.example.com/", { resolve: async () => { throw new Error("ENOTFOUND"); } })).rejects.toThrow(/does not resolve/);
  });
});
