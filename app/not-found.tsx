import { NotFoundView } from "@/components/shell/not-found-view";

/** Any address no page answers; a missing job and a withdrawn share link have their own (jobs/[id], s/[shareId]). */
export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col justify-center px-6">
      <NotFoundView title="Nothing here" text="This page does not exist. Check the address, or start from the studio." link={{ href: "/", label: "Go to Studio" }} />
    </main>
  );
}
