import { randomBytes } from "node:crypto";
import http from "node:http";
import type { Duplex } from "node:stream";

/**
 * A minimal client for a Node process's inspector (the DevTools protocol over a WebSocket; Node
 * 20 has no WebSocket client built in), enough to force a full garbage collection and read
 * process.memoryUsage() in the server. Memory measured right after a forced GC says what the
 * server still holds, rather than what V8 and malloc have not bothered to give back yet.
 */

export type MemoryUsage = { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };

export class Inspector {
  private nextId = 1;
  private buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly socket: Duplex) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("close", () => {
      for (const w of this.waiting.values()) w.reject(new Error("inspector connection closed"));
      this.waiting.clear();
    });
  }

  /** Connects to `ws://host:port/<id>` as printed by `node --inspect` ("Debugger listening on …"). */
  static connect(wsUrl: string): Promise<Inspector> {
    const url = new URL(wsUrl);
    const key = randomBytes(16).toString("base64");
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-key": key, "sec-websocket-version": "13" },
      });
      req.on("upgrade", (_res, socket, head) => {
        const inspector = new Inspector(socket);
        if (head.length) inspector.onData(head);
        resolve(inspector);
      });
      req.on("response", (res) => reject(new Error(`inspector refused the upgrade: ${res.statusCode}`)));
      req.on("error", reject);
      req.end();
    });
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    const payload = Buffer.from(JSON.stringify({ id, method, params }));
    const mask = randomBytes(4);
    const len = payload.length;
    const header = len < 126 ? Buffer.from([0x81, 0x80 | len]) : len < 65_536 ? Buffer.from([0x81, 0x80 | 126, len >> 8, len & 0xff]) : Buffer.concat([Buffer.from([0x81, 0x80 | 127]), bigLength(len)]);
    const masked = Buffer.alloc(len);
    for (let i = 0; i < len; i++) masked[i] = payload[i]! ^ mask[i % 4]!;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`inspector: no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.socket.write(Buffer.concat([header, mask, masked]));
    });
  }

  /** Two full collections (the second frees what finalizers of the first released), then the numbers. */
  async collectGarbageAndMeasure(): Promise<MemoryUsage> {
    await this.send("HeapProfiler.collectGarbage");
    await this.send("HeapProfiler.collectGarbage");
    const res = await this.send<{ result: { value?: string }; exceptionDetails?: unknown }>("Runtime.evaluate", {
      expression: "JSON.stringify(process.memoryUsage())",
      returnByValue: true,
    });
    if (!res.result.value) throw new Error(`inspector: could not read process.memoryUsage(): ${JSON.stringify(res)}`);
    return JSON.parse(res.result.value) as MemoryUsage;
  }

  close() {
    this.socket.destroy();
  }

  private onData(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const fin = (this.buffer[0]! & 0x80) !== 0;
      const opcode = this.buffer[0]! & 0x0f;
      let len = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (this.buffer.length < 4) return;
        len = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (this.buffer.length < 10) return;
        len = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + len) return;
      const payload = this.buffer.subarray(offset, offset + len);
      this.buffer = this.buffer.subarray(offset + len);
      if (opcode === 0x8) return void this.socket.end(); // close
      if (opcode === 0x9) continue; // ping: the inspector does not send them to us
      if (opcode === 0x1 || opcode === 0x0) {
        this.fragments.push(Buffer.from(payload));
        if (!fin) continue;
        const text = Buffer.concat(this.fragments).toString("utf8");
        this.fragments = [];
        const msg = JSON.parse(text) as { id?: number; result?: unknown; error?: { message: string } };
        if (msg.id === undefined) continue; // an event
        const w = this.waiting.get(msg.id);
        this.waiting.delete(msg.id);
        if (!w) continue;
        if (msg.error) w.reject(new Error(`inspector: ${msg.error.message}`));
        else w.resolve(msg.result);
      }
    }
  }
}

function bigLength(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

/** The inspector's WebSocket URL from a process's output, once it printed it. */
export function inspectorUrl(output: string): string | undefined {
  return output.match(/Debugger listening on (ws:\/\/\S+)/)?.[1];
}
