import Link from "next/link";
import type { ComponentProps } from "react";
import { hasOwnDocumentPolicy } from "@/lib/http/security-headers";

type Props = Omit<ComponentProps<"a">, "href"> & { href: string };

/**
 * A link within the studio. Pages with their own Permissions-Policy (the microphone on Transcribe)
 * need a document of their own, since the policy belongs to the document a person first loaded:
 * links to them are plain links that load the page; the rest navigate client-side.
 */
export function AppLink({ href, ...props }: Props) {
  return hasOwnDocumentPolicy(href) ? <a href={href} {...props} /> : <Link href={href} {...props} />;
}
