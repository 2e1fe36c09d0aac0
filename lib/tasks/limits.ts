/**
 * How much text the tasks' fields take, as plain numbers: the schemas (full zod) and the "Send to"
 * links, which every result page carries, share them without the schemas.
 */

export const PROMPT_MAX = 4000;
/** A negative prompt. */
export const NEGATIVE_MAX = 2000;
/** A prompt-drafting idea. */
export const IDEA_MAX = 1000;
/** The most text the studio sends to a speech model at once; MiniMax's documented limit, and a few minutes of speech. */
export const MAX_SPEECH_CHARS = 5000;
