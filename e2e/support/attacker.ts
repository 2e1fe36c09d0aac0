import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A malicious web page, served from its own origin, and the requests it fires at a studio the way
 * any page can without CORS: HTML form posts into hidden iframes (text/plain — with the JSON
 * smuggling trick —, urlencoded, multipart), no-cors and "simple" cors fetches, sendBeacon, and
 * preflighted fetches (PUT/DELETE, JSON content type, custom headers) that the browser must hold
 * back unless the server's preflight answer allows them.
 */

export type Transport =
  | "form-text-plain"
  | "form-urlencoded"
  | "form-multipart"
  | "fetch-no-cors"
  | "fetch-cors-simple"
  | "beacon"
  | "fetch-cors-preflighted"
  /** The control: what the studio's own pages send (same origin, JSON content type). */
  | "fetch-same-origin";

/** Transports a page can use without a preflight: these requests do reach the server. */
export const SIMPLE_TRANSPORTS: readonly Transport[] = ["form-text-plain", "form-urlencoded", "form-multipart", "fetch-no-cors", "fetch-cors-simple", "beacon"];

export type Attack = {
  id: number;
  /** What is attacked, e.g. "POST /api/jobs/{id}/share". */
  target: string;
  method: "POST" | "PUT" | "DELETE";
  /** Absolute URL, tagged with `_attack=<id>` so the answer the browser saw can be matched. */
  url: string;
  transport: Transport;
  /** The body as JSON (non-empty object: the text/plain trick needs a member to close). */
  json: Record<string, unknown>;
  /** Send the test PNG as the body (uploads). */
  png?: boolean;
  /** Extra headers (a cors fetch with them is preflighted). */
  headers?: Record<string, string>;
};

export type AttackOutcome = {
  id: number;
  /** loaded: the form's iframe loaded an answer; resolved/rejected: the fetch; queued: sendBeacon said yes. */
  settled: "loaded" | "resolved" | "rejected" | "queued" | "not-queued" | "timeout";
  /** Only where the page may read it (same-origin fetch). */
  status?: number;
  error?: string;
};

export type AttackPlan = { attacks: Attack[]; pngBase64: string; timeoutMs: number };

/**
 * Runs in the browser page (its source is served in the attack page, and evaluated in the
 * studio's own page for the control): self-contained, no imports, no closures.
 */
export async function runAttacks(plan: AttackPlan): Promise<AttackOutcome[]> {
  const png = Uint8Array.from(atob(plan.pngBase64), (c) => c.charCodeAt(0));
  const pngBlob = (typed: boolean) => new Blob([png], typed ? { type: "image/png" } : {});
  const text = (a: Attack) => JSON.stringify(a.json);
  const timeout = <T,>(p: Promise<T>, fallback: T) => Promise.race([p, new Promise<T>((r) => setTimeout(() => r(fallback), plan.timeoutMs))]);

  const formPost = (a: Attack, enctype: string) =>
    new Promise<AttackOutcome["settled"]>((resolve) => {
      const frame = document.createElement("iframe");
      frame.name = `attack-${a.id}`;
      frame.style.display = "none";
      document.body.appendChild(frame);
      const form = document.createElement("form");
      form.method = "POST";
      form.action = a.url;
      form.enctype = enctype;
      form.target = frame.name;
      const field = (name: string, value: string) => {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        form.appendChild(input);
      };
      if (enctype === "text/plain") {
        // name `{"task":"image",…,"_":"` + "=" + value `"}` is sent as `{"task":"image",…,"_":"="}`: valid JSON.
        const json = text(a);
        field(`${json.slice(0, -1)},"_":"`, '"}');
      } else {
        for (const [k, v] of Object.entries(a.json)) field(k, typeof v === "string" ? v : JSON.stringify(v));
      }
      if (enctype === "multipart/form-data" && a.png) {
        const file = document.createElement("input");
        file.type = "file";
        file.name = "file";
        const dt = new DataTransfer();
        dt.items.add(new File([png], "attack.png", { type: "image/png" }));
        file.files = dt.files;
        form.appendChild(file);
      }
      document.body.appendChild(form);
      frame.addEventListener("load", () => resolve("loaded"), { once: true });
      form.submit();
    });

  const one = async (a: Attack): Promise<AttackOutcome> => {
    try {
      switch (a.transport) {
        case "form-text-plain":
          return { id: a.id, settled: await timeout(formPost(a, "text/plain"), "timeout") };
        case "form-urlencoded":
          return { id: a.id, settled: await timeout(formPost(a, "application/x-www-form-urlencoded"), "timeout") };
        case "form-multipart":
          return { id: a.id, settled: await timeout(formPost(a, "multipart/form-data"), "timeout") };
        case "beacon":
          return { id: a.id, settled: navigator.sendBeacon(a.url, a.png ? pngBlob(false) : text(a)) ? "queued" : "not-queued" };
        case "fetch-no-cors":
        case "fetch-cors-simple": {
          const res = await timeout(
            fetch(a.url, { method: "POST", mode: a.transport === "fetch-no-cors" ? "no-cors" : "cors", body: a.png ? pngBlob(true) : text(a), headers: { "content-type": "text/plain" } }),
            undefined,
          );
          return { id: a.id, settled: res ? "resolved" : "timeout" };
        }
        case "fetch-cors-preflighted":
        case "fetch-same-origin": {
          const res = await timeout(
            fetch(a.url, {
              method: a.method,
              body: a.method === "DELETE" ? undefined : a.png ? pngBlob(true) : text(a),
              headers: { ...(a.method === "DELETE" ? {} : { "content-type": a.png ? "image/png" : "application/json" }), ...a.headers },
            }).then(async (r) => {
              await r.text(); // let streamed answers (prompt drafts) finish
              return r.status;
            }),
            undefined,
          );
          return res === undefined ? { id: a.id, settled: "timeout" } : { id: a.id, settled: "resolved", status: res };
        }
      }
    } catch (err) {
      return { id: a.id, settled: "rejected", error: String(err) };
    }
  };
  return Promise.all(plan.attacks.map(one));
}

export type Attacker = { port: number; close: () => Promise<void>; hits: () => number };

/** The attacker's web server: one page that carries runAttacks. */
export async function startAttacker(): Promise<Attacker> {
  const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>Win a free GPU</title></head>
<body><h1>Nothing to see here</h1>
<script>window.runAttacks = ${runAttacks.toString()};</script>
</body></html>`;
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    if (req.url === "/" || req.url?.startsWith("/?")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(page);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
