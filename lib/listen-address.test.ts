import net from "node:net";
import { describe, expect, it } from "vitest";
import { listenExposure } from "./listen-address";

async function listening(host: string): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.runIf(process.platform === "linux")("listenExposure (from the kernel's socket table)", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["0.0.0.0", "network"],
    ["::", "network"],
  ])("a server bound to %s is %s", async (host, expected) => {
    const server = await listening(host);
    try {
      expect(await listenExposure(server.port)).toBe(expected);
    } finally {
      await server.close();
    }
  });

  it("says unknown for a port nobody listens on", async () => {
    const server = await listening("127.0.0.1");
    await server.close();
    expect(await listenExposure(server.port)).toBe("unknown");
  });
});
