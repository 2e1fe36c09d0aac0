import http from "node:http";

const MiB = 1024 ** 2;

export type BigBodyAnswer = { status: number; body: string; sentBytes: number; ms: number };

/**
 * Sends a body of `totalBytes`, made 1 MiB at a time as the socket takes it (never held in memory),
 * stopping as soon as the server answers. Reports the status and how much had been sent by then.
 * Without a content-length header the body goes chunked, so the server cannot refuse it up front.
 */
export function sendBigBody(url: string, { method, headers, totalBytes }: { method: string; headers: Record<string, string>; totalBytes: number }): Promise<BigBodyAnswer> {
  const started = Date.now();
  const chunk = Buffer.alloc(MiB, 0x61);
  let sent = 0;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers });
    req.on("response", (res) => {
      const sentBytes = sent;
      const ms = Date.now() - started;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode!, body, sentBytes, ms });
      });
    });
    req.on("error", reject);
    const pump = () => {
      while (sent < totalBytes && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}
