import type { EndpointTypeMap } from "@fal-ai/client/endpoints";
import { describe, expect, expectTypeOf, it } from "vitest";
import type * as z from "zod/mini";
import { kokoroAmericanInput, SPEECH_ENDPOINTS, type SpeechEndpointId, type SpeechInput, type SpeechOutput } from "./speech";

type Fal<Id extends SpeechEndpointId> = EndpointTypeMap[Id];

describe("speech wire schemas", () => {
  it("match @fal-ai/client's endpoint types field for field (checked by tsc)", () => {
    expectTypeOf<SpeechInput<"fal-ai/kokoro/american-english">>().toEqualTypeOf<Fal<"fal-ai/kokoro/american-english">["input"]>();
    expectTypeOf<SpeechInput<"fal-ai/elevenlabs/tts/multilingual-v2">>().toEqualTypeOf<Fal<"fal-ai/elevenlabs/tts/multilingual-v2">["input"]>();
    expectTypeOf<SpeechInput<"fal-ai/minimax/speech-02-hd">>().toEqualTypeOf<Fal<"fal-ai/minimax/speech-02-hd">["input"]>();
    expectTypeOf<SpeechOutput<"fal-ai/kokoro/american-english">>().toEqualTypeOf<Fal<"fal-ai/kokoro/american-english">["output"]>();
    expectTypeOf<SpeechOutput<"fal-ai/elevenlabs/tts/multilingual-v2">>().toEqualTypeOf<Fal<"fal-ai/elevenlabs/tts/multilingual-v2">["output"]>();
    expectTypeOf<SpeechOutput<"fal-ai/minimax/speech-02-hd">>().toEqualTypeOf<Fal<"fal-ai/minimax/speech-02-hd">["output"]>();
  });

  const endpoint = (id: SpeechEndpointId) => SPEECH_ENDPOINTS.find((e) => e.id === id)!;
  const schema = (id: SpeechEndpointId, side: "input" | "output"): z.ZodMiniObject => endpoint(id)[side];

  it("lists each endpoint once, with a label, voices, a default among them, and limits", () => {
    expect(SPEECH_ENDPOINTS.map((e) => e.id)).toEqual(["fal-ai/kokoro/american-english", "fal-ai/elevenlabs/tts/multilingual-v2", "fal-ai/minimax/speech-02-hd"]);
    for (const e of SPEECH_ENDPOINTS) {
      expect(e.label.trim()).not.toBe("");
      const ids = e.limits.voices.map((v) => v.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toContain(e.limits.defaultVoice);
      expect(e.limits.speed.min).toBeLessThan(e.limits.speed.max);
    }
  });

  it("offers exactly Kokoro's American voice enum, af_ female and am_ male", () => {
    const kokoro = endpoint("fal-ai/kokoro/american-english");
    expect(kokoro.limits.voices.map((v) => v.id)).toEqual(kokoroAmericanInput.shape.voice.def.innerType.options);
    expect(kokoro.limits.voices.find((v) => v.id === "af_heart")).toEqual({ id: "af_heart", label: "Heart", accent: "American", gender: "female" });
    expect(kokoro.limits.voices.find((v) => v.id === "am_onyx")).toMatchObject({ label: "Onyx", gender: "male" });
  });

  it.each([
    ["fal-ai/kokoro/american-english", { prompt: "Hello", voice: "am_adam", speed: 1.2 }, true],
    ["fal-ai/kokoro/american-english", { prompt: "Hello", voice: "bf_emma" }, false],
    ["fal-ai/elevenlabs/tts/multilingual-v2", { text: "Hello", voice: "Rachel", stability: 0.5, similarity_boost: 0.75, speed: 1 }, true],
    ["fal-ai/elevenlabs/tts/multilingual-v2", { voice: "Rachel" }, false],
    ["fal-ai/minimax/speech-02-hd", { text: "Hello", voice_setting: { voice_id: "Wise_Woman", speed: 1.5 }, audio_setting: { format: "flac", sample_rate: "44100" } }, true],
    ["fal-ai/minimax/speech-02-hd", { text: "Hello", audio_setting: { sample_rate: 44100 } }, false],
  ] as const)("%s input %j → valid %s", (id, input, valid) => {
    expect(schema(id, "input").safeParse(input).success).toBe(valid);
  });

  it("reads the audio file back, with MiniMax's duration", () => {
    const audio = { url: "https://x/speech.mp3", content_type: "audio/mpeg", file_size: 1234 };
    expect(schema("fal-ai/kokoro/american-english", "output").parse({ audio })).toEqual({ audio });
    expect(schema("fal-ai/minimax/speech-02-hd", "output").parse({ audio, duration_ms: 2500 })).toEqual({ audio, duration_ms: 2500 });
    expect(schema("fal-ai/minimax/speech-02-hd", "output").safeParse({ audio }).success).toBe(false);
    expect(schema("fal-ai/elevenlabs/tts/multilingual-v2", "output").safeParse({ audio: { content_type: "audio/mpeg" } }).success).toBe(false);
  });
});
