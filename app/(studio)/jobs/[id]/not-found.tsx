import { NotFoundView } from "@/components/shell/not-found-view";

export default function JobNotFound() {
  return (
    <NotFoundView
      title="No such job"
      text="This job does not exist, or it was deleted. Jobs you still have are in the history."
      link={{ href: "/history", label: "Open History" }}
    />
  );
}
