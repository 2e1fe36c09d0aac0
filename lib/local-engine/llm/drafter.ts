import "server-only";
import type { PromptDraft, PromptDraftRequest } from "@/lib/jobs/schema";
import { hashSeed, mulberry32 } from "@/lib/local-engine/media/random";

/**
 * The local engine's "language model" for prompt drafting: it composes prompts from the idea
 * with a seeded choice of styles, so the same idea always drafts the same way.
 */

const LOOKS = [
  { title: "Cinematic still", text: "cinematic wide shot, anamorphic 35mm lens, shallow depth of field, volumetric haze" },
  { title: "Editorial photo", text: "editorial photograph, 85mm portrait lens, soft window light, natural skin tones, crisp detail" },
  { title: "Watercolor study", text: "loose watercolor illustration, wet-on-wet washes, visible paper grain, delicate ink linework" },
  { title: "Isometric 3D", text: "isometric 3D render, clean soft shadows, pastel materials, miniature diorama feel" },
  { title: "Neon noir", text: "neon-noir night scene, rain-slick reflections, magenta and cyan signage glow, moody contrast" },
  { title: "Golden hour", text: "golden hour backlight, long warm shadows, lens flare, airy and nostalgic atmosphere" },
  { title: "Studio product", text: "studio product shot, seamless backdrop, softbox key light, precise reflections, high-end commercial look" },
  { title: "Dreamy analog", text: "analog film photograph, Portra 400 colors, gentle grain, slightly faded highlights" },
] as const;

const PALETTES = ["teal and amber palette", "muted earth tones", "vivid complementary colors", "monochrome blue palette", "warm terracotta and cream", "emerald and gold accents"];
const COMPOSITIONS = ["rule-of-thirds composition", "centered symmetrical framing", "low-angle hero framing", "overhead flat-lay view", "layered foreground depth"];
const MOTIONS = ["slow dolly-in", "gentle orbit around the subject", "smooth tracking shot from left to right", "slow crane rise revealing the scene", "handheld push with subtle parallax"];
const AVOID = "blurry, low resolution, watermark, text artifacts, distorted anatomy, oversaturated";

export function draftPrompts(req: PromptDraftRequest): PromptDraft[] {
  const random = mulberry32(hashSeed(req.idea.toLowerCase(), req.target, req.style ?? ""));
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const looks = [...LOOKS].sort(() => random() - 0.5).slice(0, req.count);
  return looks.map((look) => {
    const parts = [
      `${capitalise(req.idea.replace(/[.!]+$/, ""))}`,
      look.text,
      pick(COMPOSITIONS),
      pick(PALETTES),
      ...(req.style ? [req.style] : []),
      ...(req.target === "video" ? [`${pick(MOTIONS)}, steady pacing over the clip`] : ["highly detailed, sharp focus"]),
    ];
    return { title: look.title, prompt: parts.join(", ") + ".", negativePrompt: AVOID };
  });
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
