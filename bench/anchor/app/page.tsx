import { connection } from "next/server";
import { PromptForm } from "./prompt-form";

/** Rendered per request, like the studio's pages: the anchor for page throughput and Lighthouse. */
export default async function Page() {
  await connection();
  return (
    <main style={{ maxWidth: 640, margin: "2rem auto", fontFamily: "system-ui, sans-serif" }}>
      <h1>Image</h1>
      <p>Rendered at {new Date().toISOString()}</p>
      <PromptForm />
    </main>
  );
}
