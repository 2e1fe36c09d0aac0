"use client";

import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ShuffleIcon } from "@/components/ui/icons";

/** A fixed seed reproduces a result; "Random" lets the server pick one and report it back. */
export function SeedField({ seed, random, onSeed, onRandom, error }: {
  seed: string;
  random: boolean;
  onSeed: (v: string) => void;
  onRandom: (v: boolean) => void;
  error?: string;
}) {
  return (
    <Field label="Seed" htmlFor="seed" error={error}>
      <div className="flex items-center gap-2">
        <Input
          id="seed"
          inputMode="numeric"
          value={random ? "" : seed}
          placeholder={random ? "Random" : "e.g. 42"}
          disabled={random}
          onChange={(e) => onSeed(e.target.value.replace(/[^\d]/g, ""))}
          invalid={Boolean(error)}
          aria-describedby={fieldDescribedBy("seed", { error })}
          className="flex-1 font-mono"
        />
        <label className="flex cursor-pointer select-none items-center gap-2 rounded-lg border border-zinc-800 px-3 py-2 text-xs text-zinc-300 has-[:checked]:border-violet-500/60 has-[:checked]:bg-violet-500/10 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-violet-500/70">
          <input type="checkbox" className="sr-only" checked={random} onChange={(e) => onRandom(e.target.checked)} />
          <ShuffleIcon size={14} /> Random
        </label>
      </div>
    </Field>
  );
}
