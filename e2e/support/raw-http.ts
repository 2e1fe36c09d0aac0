import http from "node:http";

/**
 * Plain node:http requests, for what Playwright's request API would tidy up: the path is sent
 * byte for byte as given (bad percent escapes, `..`, `//`, raw UTF-8 written as latin1 bytes).
 * Every request has a deadline; one that misses it is reported as a hang, not waited for.
 */

export type RawRequest = {
  method: string;
  /** The request target as sent: path and query, already escaped (or deliberately not). */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
};

export type RawResult =
  | { ok: true; status: number; headers: http.IncomingHttpHeaders; body: Buffer; bodyBytes: number; ms: number; retried?: boolean }
  | { ok: false; error: string; timedOut: boolean; ms: number; retried?: boolean };

/** Keeps at most this much of each answer (the rest is read and dropped). */
const KEEP_BYTES = 64 * 1024;

/**
 * Sends one request. A keep-alive connection the server closed just as it was handed out for the
 * next request fails before any answer ("socket hang up" on a reused socket, the usual keep-alive
 * race); like browsers, that request is sent once more on a fresh connection (`retried` says so).
 */
export async function sendRaw(base: { host: string; port: number }, req: RawRequest, opts: { timeoutMs: number; agent?: http.Agent }): Promise<RawResult> {
  const first = await sendOnce(base, req, opts);
  if (!first.staleConnection) return first.result;
  return { ...(await sendOnce(base, req, { timeoutMs: opts.timeoutMs })).result, retried: true };
}

/** `staleConnection`: it failed on a reused keep-alive connection before any answer came. */
function sendOnce(base: { host: string; port: number }, req: RawRequest, opts: { timeoutMs: number; agent?: http.Agent }): Promise<{ result: RawResult; staleConnection: boolean }> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    let answered = false;
    const finish = (result: RawResult, staleConnection = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ result, staleConnection });
    };
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers["content-length"] = String(req.body.length);
    let r: http.ClientRequest;
    try {
      r = http.request({ host: base.host, port: base.port, method: req.method, path: req.path, headers, agent: opts.agent });
    } catch (err) {
      finish({ ok: false, error: `client refused to send: ${(err as Error).message}`, timedOut: false, ms: 0 });
      return;
    }
    const timer = setTimeout(() => {
      finish({ ok: false, error: `no complete answer within ${opts.timeoutMs} ms`, timedOut: true, ms: Date.now() - started });
      r.destroy();
    }, opts.timeoutMs);
    r.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      let kept = 0;
      let total = 0;
      res.on("data", (c: Buffer) => {
        total += c.length;
        if (kept < KEEP_BYTES) {
          chunks.push(c);
          kept += c.length;
        }
      });
      res.on("end", () =>
        finish({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).subarray(0, KEEP_BYTES), bodyBytes: total, ms: Date.now() - started }),
      );
      res.on("error", (err) => finish({ ok: false, error: `answer broke off: ${err.message}`, timedOut: false, ms: Date.now() - started }));
    });
    r.on("error", (err) => finish({ ok: false, error: `request failed: ${err.message}`, timedOut: false, ms: Date.now() - started }, r.reusedSocket && !answered));
    r.end(req.body);
  });
}

/** Runs `fn` over `items` with at most `concurrency` at a time, in order of start. */
export async function pool<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}
