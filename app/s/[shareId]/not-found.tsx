import { NotFoundView } from "@/components/shell/not-found-view";

export default function ShareNotFound() {
  return (
    <NotFoundView
      title="This link is no longer shared"
      text="The link may be mistyped, or whoever shared it stopped sharing it or deleted the result. Ask them for a new link."
      link={{ href: "/", label: "Go to Studio" }}
    />
  );
}
