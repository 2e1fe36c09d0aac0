import "server-only";
import path from "node:path";
import * as z from "zod/mini";
import { hostNameList } from "@/lib/own-host-names";
import { forgetProcessSingleton, processSingleton } from "@/lib/process-singleton";
import type { TextVendor } from "@/lib/providers/text-model";

// Empty strings from shell exports (`FAL_KEY=`) count as unset.
const blankAsUnset = z.pipe(
  z.optional(z.string().check(z.trim())),
  z.transform((v: string | undefined) => (v ? v : undefined)),
);

const endpointId = (fallback: string) =>
  z._default(z.string().check(z.trim(), z.regex(/^[a-z0-9][\w.-]*\/[\w.-]+(\/[\w.-]+)*$/i, "must look like owner/app[/path]")), fallback);

const flag = (fallback: "0" | "1") =>
  z.pipe(z._default(z.enum(["0", "1", "true", "false"]), fallback), z.transform((v) => v === "1" || v === "true"));

const number = (min: number, max: number, fallback: number) =>
  z._default(z.coerce.number().check(z.minimum(min), z.maximum(max)), fallback);

/** A comma-separated list of model names, e.g. `gpt-4.1-mini,o4-mini` or `anthropic/claude-sonnet-4`. */
const modelList = (fallback: string) =>
  z.pipe(
    z.pipe(z._default(z.string(), fallback), z.transform((v) => v.split(",").map((m) => m.trim()).filter(Boolean))),
    z.array(z.string().check(z.regex(/^[\w.:-]+(\/[\w.:-]+)*$/, "list model names, e.g. gpt-4.1-mini,o4-mini"))).check(z.maxLength(50)),
  );

const url = () => z.string().check(z.url());
const text = (fallback: string) => z._default(z.string().check(z.trim(), z.minLength(1)), fallback);

// Built on the first read of the environment in the process, not at module load: every route bundle
// has its own copy of this module, and all but the first find the environment already checked.
const buildSchema = () => z.object({
  FAL_KEY: blankAsUnset,
  OPENAI_API_KEY: blankAsUnset,
  OPENAI_BASE_URL: z.optional(url()),
  /** auto: the local engine stands in for every service without a key. */
  STUDIO_ENGINE: z._default(z.enum(["auto", "local", "remote"]), "auto"),
  /** Who writes prompt drafts: OpenAI directly, or an LLM behind fal's OpenRouter router. */
  PROMPT_PROVIDER: z._default(z.enum(["openai", "openrouter"]), "openai"),

  FAL_IMAGE_MODEL: endpointId("fal-ai/flux/dev"),
  FAL_IMAGE_TO_IMAGE_MODEL: endpointId("fal-ai/flux/dev/image-to-image"),
  FAL_INPAINT_MODEL: endpointId("fal-ai/flux-general/inpainting"),
  FAL_VIDEO_MODEL: endpointId("fal-ai/kling-video/v2.1/master/text-to-video"),
  FAL_IMAGE_TO_VIDEO_MODEL: endpointId("fal-ai/kling-video/v2.1/standard/image-to-video"),
  FAL_STT_MODEL: endpointId("fal-ai/whisper"),
  FAL_BACKGROUND_REMOVE_MODEL: endpointId("fal-ai/birefnet/v2"),
  FAL_BACKGROUND_REPLACE_MODEL: endpointId("fal-ai/bria/background/replace"),
  FAL_SPEECH_MODEL: endpointId("fal-ai/kokoro/american-english"),
  FAL_CONTROL_POSE_MODEL: endpointId("fal-ai/sdxl-controlnet-union"),
  FAL_CONTROL_DEPTH_MODEL: endpointId("fal-ai/flux-control-lora-depth"),
  FAL_CONTROL_EDGES_MODEL: endpointId("fal-ai/flux-control-lora-canny"),
  FAL_POSE_MAP_MODEL: endpointId("fal-ai/dwpose"),
  FAL_DEPTH_MAP_MODEL: endpointId("fal-ai/image-preprocessors/depth-anything/v2"),
  FAL_EDGES_MAP_MODEL: endpointId("fal-ai/image-preprocessors/canny"),
  FAL_LLM_MODEL: endpointId("openrouter/router"),
  OPENAI_MODEL: text("gpt-4.1-mini"),
  OPENROUTER_MODEL: text("google/gemini-2.5-flash"),
  /** The Text page's models per vendor (comma-separated); OPENAI_MODEL / OPENROUTER_MODEL come first. */
  OPENAI_TEXT_MODELS: modelList("gpt-4.1-mini,gpt-4.1,gpt-4o-mini,o4-mini,gpt-5-mini"),
  OPENROUTER_TEXT_MODELS: modelList("google/gemini-2.5-flash,anthropic/claude-sonnet-4,openai/gpt-4.1,meta-llama/llama-3.3-70b-instruct,deepseek/deepseek-r1"),

  STUDIO_DATA_DIR: z._default(z.string(), "./data"),
  /** PostgreSQL instead of the embedded SQLite store, e.g. postgres://user:pass@host/studio. */
  DATABASE_URL: z.optional(z.string().check(z.regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"))),
  /** S3-compatible object storage for media instead of the data directory. */
  S3_BUCKET: z.optional(z.string().check(z.trim(), z.minLength(3))),
  S3_ENDPOINT: z.optional(url()),
  S3_REGION: z._default(z.string(), "us-east-1"),
  S3_ACCESS_KEY_ID: blankAsUnset,
  S3_SECRET_ACCESS_KEY: blankAsUnset,
  S3_FORCE_PATH_STYLE: flag("1"),
  S3_PREFIX: z._default(z.string(), ""),
  /** Names this process in job leases; stable across restarts so it takes its own jobs back at once. */
  STUDIO_INSTANCE_ID: z.optional(z.string().check(z.trim(), z.minLength(1))),
  /** The studio's public address (e.g. https://studio.example.com) for share links and previews; else taken from the request. */
  STUDIO_PUBLIC_URL: z.pipe(blankAsUnset, z.optional(z.string().check(z.url(), z.regex(/^https?:\/\//i, "must be an http(s) URL")))),
  /** Other names people reach the studio at (comma-separated), e.g. a LAN host name; IP addresses and localhost always work. */
  STUDIO_ALLOWED_HOSTS: z.pipe(
    z.pipe(z._default(z.string(), ""), z.transform(hostNameList)),
    z.array(z.string().check(z.regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, "list host names, e.g. studio.lan,box.local"))),
  ),
  /** Where this server reaches itself; the local engine is served by this same process. */
  STUDIO_INTERNAL_URL: z.optional(url()),
  PORT: z._default(z.coerce.number().check(z.int(), z.positive()), 3000),
  /** The address `npm start` binds to; anything but loopback makes the studio reachable by others. */
  HOST: text("127.0.0.1"),
  /** Behind a reverse proxy: take the public host and scheme from its X-Forwarded-Host / -Proto. */
  STUDIO_TRUST_PROXY: flag("0"),
  /** Job event streams (GET /api/jobs/events) this process holds open at once, from all clients together. */
  STUDIO_MAX_EVENT_STREAMS: number(1, 100_000, 256),
  /** Below this much free space where the data directory lives, health fails and new files are refused. */
  STUDIO_MIN_FREE_MB: number(0, 1_000_000, 256),

  STUDIO_HTTP_TIMEOUT_MS: number(1_000, 600_000, 60_000),
  STUDIO_HTTP_RETRIES: number(0, 10, 3),
  STUDIO_HTTP_BACKOFF_MS: number(10, 60_000, 500),

  /** Local engine knobs: simulated queue wait and run time, and a share of jobs that fail. */
  STUDIO_LOCAL_LATENCY_MS: number(0, 600_000, 1_200),
  STUDIO_LOCAL_FAILURE_RATE: number(0, 1, 0),
  STUDIO_LOCAL_CONCURRENCY: number(1, 16, 2),
  /** Lets tests change the knobs above at run time through /api/local/control. */
  STUDIO_LOCAL_CONTROL: flag("0"),
  /** Test setting: the engine has no status stream (404, as an endpoint without one), so callers check the status instead. */
  STUDIO_LOCAL_NO_STATUS_STREAM: flag("0"),

  /** Outgoing webhooks: attempts in all, and the backoff base between them (doubling, jittered, capped at 10 min). */
  STUDIO_WEBHOOK_ATTEMPTS: number(1, 20, 8),
  STUDIO_WEBHOOK_BACKOFF_MS: number(10, 600_000, 2_000),
  /** Test setting only: lets webhooks reach loopback and private addresses (a receiver on this machine). */
  STUDIO_WEBHOOK_ALLOW_PRIVATE: flag("0"),

  /** Incoming webhooks: where fal publishes the keys its webhooks are signed with. */
  FAL_WEBHOOK_JWKS_URL: z._default(z.string().check(z.trim(), z.url(), z.regex(/^https?:\/\//i, "must be an http(s) URL")), "https://rest.fal.ai/.well-known/jwks.json"),
  /** The longest wait between status checks of a fal job; 0 relies on fal's webhook (STUDIO_PUBLIC_URL), checking rarely as a safety net. */
  STUDIO_FAL_POLL_MS: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(60_000)), 500),
});

export type Env = z.infer<ReturnType<typeof buildSchema>>;

// Per process, not per route bundle: the check at start (lib/startup.ts) serves every page and route.
const ENV_KEY = "env";

/**
 * Validated environment. The server checks it once at start and refuses to start on a bad value
 * (lib/startup.ts), so inside a running studio this never throws.
 */
export function env(): Env {
  return processSingleton(ENV_KEY, checkEnvironment);
}

function checkEnvironment(): Env {
  // Parsed once per process: zod's compiled fast path would cost more to build than it saves.
  const parsed = buildSchema().safeParse(process.env, { jitless: true });
  if (!parsed.success) {
    // Never the value itself: it may be a key.
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  forgetProcessSingleton(ENV_KEY);
}

export function dataDir(): string {
  return path.resolve(env().STUDIO_DATA_DIR);
}

export function internalBaseUrl(): string {
  const e = env();
  return (e.STUDIO_INTERNAL_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/$/, "");
}

/**
 * Who answers a text vendor's models: the vendor itself (its key is set), the local engine standing
 * in for it, or nobody (null: STUDIO_ENGINE=remote without its key). OpenRouter goes through fal.
 */
export function vendorEngine(vendor: TextVendor): TextVendor | "local" | null {
  const e = env();
  if (e.STUDIO_ENGINE === "local") return "local";
  if (vendor === "openai" ? e.OPENAI_API_KEY : e.FAL_KEY) return vendor;
  return e.STUDIO_ENGINE === "remote" ? null : "local";
}

export type EngineChoice = { fal: "local" | "fal"; llm: "local" | "openai" | "openrouter" };

/** Which service answers each kind of call. */
export function engines(): EngineChoice {
  const e = env();
  const forceLocal = e.STUDIO_ENGINE === "local";
  const forceRemote = e.STUDIO_ENGINE === "remote";
  const fal = forceLocal || (!forceRemote && !e.FAL_KEY) ? "local" : "fal";
  let llm: EngineChoice["llm"];
  if (e.PROMPT_PROVIDER === "openrouter") llm = fal === "local" ? "local" : "openrouter";
  else llm = forceLocal || (!forceRemote && !e.OPENAI_API_KEY) ? "local" : "openai";
  return { fal, llm };
}
