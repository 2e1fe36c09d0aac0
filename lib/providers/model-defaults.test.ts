import { describe, expect, it } from "vitest";
import { modelDefaults } from "./catalog";
import { allowedEndpoints, modelsFor } from "./models";
import { switchModelDefaults } from "./model-option";

const option = (id: string) => allowedEndpoints().find((m) => m.id === id)!;

describe("per-model defaults from the catalog", () => {
  it("gives FLUX schnell its own 4 steps and FLUX dev 28, both guidance 3.5", () => {
    expect(option("fal-ai/flux/schnell").defaults).toEqual({ steps: 4, guidance: 3.5 });
    expect(option("fal-ai/flux/dev").defaults).toEqual({ steps: 28, guidance: 3.5 });
  });

  it("gives image-to-image, inpainting, LTX and control models fal's documented values", () => {
    expect(modelDefaults({ id: "fal-ai/flux/dev/image-to-image", label: "", family: "flux-image-to-image" })).toEqual({ steps: 40, guidance: 3.5, strength: 0.95 });
    expect(option("fal-ai/flux-general/inpainting").defaults).toEqual({ steps: 28, guidance: 3.5, strength: 0.85 });
    expect(option("fal-ai/ltx-video").defaults).toEqual({ steps: 30, guidance: 3 });
    expect(option("fal-ai/sdxl-controlnet-union").defaults).toMatchObject({ steps: 35, guidance: 7.5 });
  });

  it("offers the defaults with every model a page lists", () => {
    const offered = modelsFor("text-to-image");
    expect(offered.length).toBeGreaterThan(1);
    for (const m of offered) expect(m.defaults.steps).toBeGreaterThan(0);
  });
});

describe("switchModelDefaults", () => {
  const dev = { steps: 28, guidance: 3.5 };
  const schnell = { steps: 4, guidance: 3.5 };

  it("moves a field still at the old model's default to the new model's", () => {
    expect(switchModelDefaults({ steps: 28, guidance: 3.5 }, dev, schnell)).toEqual({ steps: 4, guidance: 3.5 });
    expect(switchModelDefaults({ steps: 4, guidance: 3.5 }, schnell, dev)).toEqual({ steps: 28, guidance: 3.5 });
  });

  it("keeps a value the person changed", () => {
    expect(switchModelDefaults({ steps: 12, guidance: 5 }, dev, schnell)).toEqual({ steps: 12, guidance: 5 });
  });

  it("leaves a field alone that the new model has no default for, and adds none the form lacks", () => {
    expect(switchModelDefaults({ steps: 28 }, dev, {})).toEqual({ steps: 28 });
    expect(switchModelDefaults({ steps: 28 }, dev, { steps: 4, strength: 0.9 })).toEqual({ steps: 4 });
  });
});
