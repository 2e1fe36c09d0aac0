"use client";

import { useState } from "react";

/** A small client form, so the anchor ships React and hydrates as a tool page does. */
export function PromptForm() {
  const [prompt, setPrompt] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setSent(prompt);
      }}
    >
      <label htmlFor="prompt">Prompt</label>
      <textarea id="prompt" value={prompt} onChange={(e) => setPrompt(e.target.value)} rows={3} style={{ display: "block", width: "100%" }} />
      <button type="submit">Generate</button>
      {sent !== null && <p role="status">Queued: {sent}</p>}
    </form>
  );
}
