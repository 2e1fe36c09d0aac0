import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { forgetProcessSingleton } from "@/lib/process-singleton";
import { toolStatus } from "./system-tools";

const PATH = process.env.PATH;

/** A PATH of one directory (a `bin` of its own) holding `files` (name → executable?), and a fresh probe. */
function pathWith(files: Record<string, boolean>): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "studio-tools-")), "bin");
  mkdirSync(dir);
  for (const [name, executable] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), "#!/bin/sh\nexit 1\n");
    chmodSync(path.join(dir, name), executable ? 0o755 : 0o644);
  }
  process.env.PATH = dir;
  forgetProcessSingleton("tool-status");
  return dir;
}

describe("toolStatus", () => {
  afterEach(() => {
    process.env.PATH = PATH;
    forgetProcessSingleton("tool-status");
  });

  it("finds the programs that are executables on PATH, and only those", async () => {
    pathWith({ ffmpeg: true, "espeak-ng": false });
    expect(await toolStatus()).toEqual({ ffmpeg: true, pocketsphinx: false, "espeak-ng": false });
  });

  it("counts pocketsphinx only with its English model beside it", async () => {
    const bin = pathWith({ pocketsphinx_continuous: true, "espeak-ng": true });
    expect(await toolStatus()).toEqual({ ffmpeg: false, pocketsphinx: false, "espeak-ng": true });
    const model = path.join(bin, "..", "share", "pocketsphinx", "model", "en-us");
    mkdirSync(model, { recursive: true });
    writeFileSync(path.join(model, "en-us"), "");
    forgetProcessSingleton("tool-status");
    expect((await toolStatus()).pocketsphinx).toBe(true);
  });
});
