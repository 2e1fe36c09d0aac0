import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";

/** Debian's pocketsphinx test recording: 16 kHz, signed 16-bit little-endian, mono. */
export const GO_FORWARD_RAW = "/usr/share/pocketsphinx/test/data/goforward.raw";
/** What is said in it. */
export const GO_FORWARD_WORDS = ["go", "forward", "ten", "meters"] as const;

/** Converts the raw recording to a real WAV file at `outPath` with ffmpeg. */
export function makeGoForwardWav(outPath: string): string {
  if (!existsSync(GO_FORWARD_RAW)) throw new Error(`${GO_FORWARD_RAW} is missing (apt-get install pocketsphinx-en-us / pocketsphinx)`);
  execFileSync("ffmpeg", ["-hide_banner", "-nostdin", "-v", "error", "-f", "s16le", "-ar", "16000", "-ac", "1", "-i", GO_FORWARD_RAW, "-y", outPath], {
    stdio: ["ignore", "ignore", "pipe"],
    timeout: 30_000,
  });
  return outPath;
}

/** A text file dressed up as an MP3 (name and type), which no decoder can read. */
export function makeFakeMp3(outPath: string): string {
  writeFileSync(outPath, "This is not audio at all, just a text file with an .mp3 name.\n".repeat(50));
  return outPath;
}
