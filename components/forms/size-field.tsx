"use client";

import { useState } from "react";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { IMAGE_SIZE_LABELS } from "@/lib/providers/image-size-labels";
import { IMAGE_SIZE_PRESETS, snapSide, type ImageSize, type ImageSizePreset } from "@/lib/providers/image-sizes";

type Side = "width" | "height";
const SIDES: { side: Side; letter: string; label: string }[] = [
  { side: "width", letter: "W", label: "Width in pixels" },
  { side: "height", letter: "H", label: "Height in pixels" },
];

/**
 * A preset or custom pixels. A custom side snaps to the model's multiple when it loses focus,
 * saying so; each side shows its own error, both at once.
 */
export function SizeField({ value, onChange, errors, multiple }: {
  value: ImageSize;
  onChange: (v: ImageSize) => void;
  errors: Record<string, string | undefined>;
  /** The model's block size (catalog `supports.imageSize.multiple`); without one sizes are not snapped. */
  multiple?: number;
}) {
  const [snapped, setSnapped] = useState<string | null>(null);
  const custom = typeof value !== "string";
  const setDim = (side: Side, raw: string) => {
    const base = typeof value === "string" ? IMAGE_SIZE_PRESETS[value] : value;
    onChange({ ...base, [side]: Number(raw.replace(/[^\d]/g, "")) || 0 });
    setSnapped(null);
  };
  const snap = (side: Side) => {
    if (typeof value === "string" || !multiple) return;
    const to = snapSide(value[side], multiple);
    if (to === value[side]) return;
    onChange({ ...value, [side]: to });
    setSnapped(`${side === "width" ? "Width" : "Height"} ${value[side]} px snapped to ${to} px: this model takes multiples of ${multiple}.`);
  };
  return (
    <Field label="Size" htmlFor="image-size" error={errors.imageSize}>
      <Select
        id="image-size"
        value={custom ? "custom" : value}
        onChange={(e) => {
          const v = e.target.value;
          onChange(v === "custom" ? { ...IMAGE_SIZE_PRESETS.square_hd } : (v as ImageSizePreset));
          setSnapped(null);
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
          {SIDES.map(({ side, letter, label }) => {
            const id = `image-size-${side}`;
            const error = errors[`imageSize.${side}`];
            return (
              <div key={side} className="flex flex-col gap-1">
                <label className="flex items-center gap-2 text-xs text-zinc-400">
                  {letter}
                  <Input
                    id={id}
                    aria-label={label}
                    inputMode="numeric"
                    value={String(value[side])}
                    onChange={(e) => setDim(side, e.target.value)}
                    onBlur={() => snap(side)}
                    invalid={Boolean(error)}
                    aria-describedby={fieldDescribedBy(id, { error })}
                  />
                </label>
                {error ? <p id={`${id}-error`} role="alert" className="text-xs text-rose-400">{error}</p> : null}
              </div>
            );
          })}
        </div>
      ) : null}
      {custom && snapped ? <p role="status" className="text-xs text-zinc-500" data-testid="size-snapped">{snapped}</p> : null}
    </Field>
  );
}
