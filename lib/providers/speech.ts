import "server-only";
import { callEndpoint, resolveEndpoint, type CallOptions, type RemoteFile } from "./call";

/** Words read aloud by one of the endpoint's voices. */

export type SpeakArgs = { text: string; voice: string; speed?: number };
export type SpeechResult = { audio: RemoteFile };

export async function speak(args: SpeakArgs, opts: CallOptions = {}): Promise<SpeechResult> {
  const { endpointId, family } = resolveEndpoint("text-to-speech", opts.endpointId);
  const speed = args.speed ?? 1;
  switch (family) {
    case "kokoro-american-english": {
      const out = await callEndpoint(family, endpointId, { prompt: args.text, voice: args.voice, speed }, {}, opts);
      return { audio: asRemoteFile(out.audio) };
    }
    case "elevenlabs-multilingual-v2": {
      const out = await callEndpoint(family, endpointId, { text: args.text, voice: args.voice, speed }, {}, opts);
      return { audio: asRemoteFile(out.audio) };
    }
    case "minimax-speech-02-hd": {
      // MP3 at a URL: the other formats (raw PCM, hex in the body) are not files a browser plays.
      const input = { text: args.text, voice_setting: { voice_id: args.voice, speed }, audio_setting: { format: "mp3" }, output_format: "url" };
      const out = await callEndpoint(family, endpointId, input, {}, opts);
      return { audio: { ...asRemoteFile(out.audio), durationSec: out.duration_ms / 1000 } };
    }
  }
}

// fal's speech endpoints answer MP3 unless asked otherwise.
const asRemoteFile = (f: { url: string; content_type?: string }): RemoteFile => ({ url: f.url, contentType: f.content_type ?? "audio/mpeg" });
