import "server-only";
import { approxTokens, localAnswer, piecesOf, streamAnswer } from "@/lib/local-engine/llm/answer";
import type { FamilyInput, FamilyOutput } from "@/lib/providers/catalog";
import type { LocalGenerators } from "../server-types";

/**
 * fal's OpenRouter router on the local engine: the local answer module (no language model) behind
 * the router's fields. `routerStream` is its streamed form (`fal.run/openrouter/router/stream`):
 * every event carries the whole output so far, the last one `partial: false` with the usage.
 */

type Input = FamilyInput<"llm-router">;
type Output = FamilyOutput<"llm-router">;

const answerTo = (input: Input) => localAnswer({ system: input.system_prompt, prompt: input.prompt, reasoning: input.reasoning });

function usageOf(input: Input, outputTokens: number, startedAt: number): NonNullable<Output["usage"]> {
  const ms = Date.now() - startedAt;
  return { input_tokens: approxTokens(`${input.system_prompt ?? ""} ${input.prompt}`), output_tokens: outputTokens, prefill_time_ms: 0, ttft_ms: 0, decode_time_ms: ms };
}

/** The final output: what the stream's last event carries. */
function finalOutput(input: Input, startedAt: number): Output {
  const answer = answerTo(input);
  const { pieces, outputTokens } = piecesOf(answer, input.max_tokens);
  const join = (kind: "text" | "reasoning") => pieces.filter((p) => p.kind === kind).map((p) => p.text).join("");
  return {
    output: join("text"),
    ...(answer.reasoning === null ? {} : { reasoning: join("reasoning") }),
    partial: false,
    usage: usageOf(input, outputTokens, startedAt),
  };
}

export async function* routerStream(input: Input, signal: AbortSignal): AsyncGenerator<Output> {
  const startedAt = Date.now();
  const answer = answerTo(input);
  let output = "";
  let reasoning = "";
  for await (const piece of streamAnswer(answer, { maxTokens: input.max_tokens, signal })) {
    if (piece.kind === "text") output += piece.text;
    else reasoning += piece.text;
    yield { output, ...(answer.reasoning === null ? {} : { reasoning }), partial: true };
  }
  if (!signal.aborted) yield finalOutput(input, startedAt);
}

export const textEngine: LocalGenerators<"llm-router"> = {
  "llm-router": async (input, ctx) => {
    ctx.log("Generating the answer");
    return finalOutput(input, Date.now());
  },
};
