import type { FormEventHandler, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

/** Form on the left, results on the right; stacked on small screens. The form's draft is kept until "Clear form". */
export function GeneratorLayout({ form, onSubmit, onClear, results, label, resultsFirstWhenStacked = false }: {
  form: ReactNode;
  onSubmit: FormEventHandler<HTMLFormElement>;
  /** Puts every field back to its default (the kept draft with it). */
  onClear: () => void;
  results: ReactNode;
  label: string;
  /** Stacked (phones), show the results column above the form: where it holds what the form submits (the inpaint mask). */
  resultsFirstWhenStacked?: boolean;
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
      <section aria-label="Results" className={cn("min-w-0", resultsFirstWhenStacked && "order-first lg:order-none")}>
        {results}
      </section>
    </div>
  );
}
