import type { FormEventHandler, ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** Form on the left, results on the right; stacked on small screens. The form's draft is kept until "Clear form". */
export function GeneratorLayout({ form, onSubmit, onClear, results, label }: {
  form: ReactNode;
  onSubmit: FormEventHandler<HTMLFormElement>;
  /** Puts every field back to its default (the kept draft with it). */
  onClear: () => void;
  results: ReactNode;
  label: string;
}) {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(320px,400px)_1fr]">
      <form
        aria-label={label}
        noValidate
        onSubmit={onSubmit}
        className="flex flex-col gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-5 lg:sticky lg:top-8"
      >
        <div className="-mb-2 flex justify-end">
          <Button type="button" variant="ghost" size="sm" onClick={onClear}>
            Clear form
          </Button>
        </div>
        {form}
      </form>
      <section aria-label="Results" className="min-w-0">
        {results}
      </section>
    </div>
  );
}
