"use client";

import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { IMAGE_SIZE_LABELS, IMAGE_SIZE_PRESETS, type ImageSize, type ImageSizePreset } from "@/lib/providers/catalog";


/** A preset or custom pixels; custom sizes snap to multiples of 8 like the models expect. */
export function SizeField({ value, onChange, errors }: {
  value: ImageSize;
  onChange: (v: ImageSize) => void;
  errors: Record<string, string | undefined>;
}) {
  const custom = typeof value !== "string";
  const setDim = (key: "width" | "height", raw: string) => {
    const base = typeof value === "string" ? IMAGE_SIZE_PRESETS[value] : value;
    onChange({ ...base, [key]: Number(raw.replace(/[^\d]/g, "")) || 0 });
  };
  const error = errors.imageSize ?? errors["imageSize.width"] ?? errors["imageSize.height"];
  return (
    <Field label="Size" htmlFor="image-size" error={error}>
      <Select
        id="image-size"
        value={custom ? "custom" : value}
        onChange={(e) => {
          const v = e.target.value;
          onChange(v === "custom" ? { ...IMAGE_SIZE_PRESETS.square_hd } : (v as ImageSizePreset));
        }}
      >
        {(Object.keys(IMAGE_SIZE_LABELS) as ImageSizePreset[]).map((p) => (
          <option key={p} value={p}>
            {IMAGE_SIZE_LABELS[p]} · {IMAGE_SIZE_PRESETS[p].width}×{IMAGE_SIZE_PRESETS[p].height}
          </option>
        ))}
        <option value="custom">Custom…</option>
      </Select>
      {custom ? (
        <div className="mt-1 grid grid-cols-2 gap-2">
          <label className="flex items-center gap-2 text-xs text-zinc-400">
            W
            <Input aria-label="Width in pixels" inputMode="numeric" value={String(value.width)} onChange={(e) => setDim("width", e.target.value)} invalid={Boolean(errors["imageSize.width"])} />
          </label>
          <label className="flex items-center gap-2 text-xs text-zinc-400">
            H
            <Input aria-label="Height in pixels" inputMode="numeric" value={String(value.height)} onChange={(e) => setDim("height", e.target.value)} invalid={Boolean(errors["imageSize.height"])} />
          </label>
        </div>
      ) : null}
    </Field>
  );
}
