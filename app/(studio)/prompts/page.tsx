import type { Metadata } from "next";
import { PromptsForm } from "@/components/prompts/prompts-form";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Prompts" };

export default function PromptsPage() {
  return (
    <>
      <PageHeader title="Prompt drafting" description="Give a short idea; get several strong prompts, written as you watch." />
      <PromptsForm />
    </>
  );
}
