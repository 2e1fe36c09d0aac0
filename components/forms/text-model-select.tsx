"use client";

import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { TEXT_VENDORS, VENDOR_KEY, VENDOR_LABEL, type TextModelOption } from "@/lib/providers/text-model";

/**
 * The language-model picker (Text, Prompts): models grouped by vendor; a vendor without its key
 * (and no local engine standing in) is listed but cannot be picked, and says which key it needs.
 */
export function TextModelSelect({ id, models, value, onChange, error, localNote }: {
  id: string;
  models: TextModelOption[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
  /** What the local engine does for this page when it stands in for the vendor. */
  localNote: string;
}) {
  const chosen = models.find((m) => m.id === value);
  const hint = !chosen ? null : chosen.engine === "local" ? `Local engine: ${localNote}` : `${VENDOR_LABEL[chosen.vendor]} · ${chosen.model}`;
  return (
    <Field label="Model" htmlFor={id} error={error} hint={hint}>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} invalid={Boolean(error)}>
        {TEXT_VENDORS.map((vendor) => {
          const group = models.filter((m) => m.vendor === vendor);
          if (group.length === 0) return null;
          const off = group.every((m) => m.engine === null);
          return (
            <optgroup key={vendor} label={off ? `${VENDOR_LABEL[vendor]} (needs ${VENDOR_KEY[vendor]})` : VENDOR_LABEL[vendor]}>
              {group.map((m) => (
                <option key={m.id} value={m.id} disabled={m.engine === null}>
                  {m.model}
                </option>
              ))}
            </optgroup>
          );
        })}
      </Select>
    </Field>
  );
}

/** The model a form starts on: the remixed one if it can still answer, else the page's default. */
export function initialTextModel(models: TextModelOption[], fallback: string, wanted?: string): string {
  return models.find((m) => m.id === wanted && m.engine)?.id ?? fallback;
}
