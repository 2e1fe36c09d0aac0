"use client";

import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import type { ModelOption } from "@/lib/providers/model-option";

export function ModelSelect({ id, models, value, onChange, error }: {
  id: string;
  models: ModelOption[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  return (
    <Field label="Model" htmlFor={id} error={error} hint={<span className="font-mono">{value}</span>}>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} invalid={Boolean(error)}>
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
