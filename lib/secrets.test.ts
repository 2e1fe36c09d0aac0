import { describe, expect, it } from "vitest";
import { redact, secretsOf } from "./secrets";

describe("secretsOf / redact", () => {
  const env = {
    FAL_KEY: "3f1c9a2e-key-id:9b8c7d6e5f4a3b2c",
    OPENAI_API_KEY: "sk-proj-abcdef123456",
    S3_SECRET_ACCESS_KEY: "s3-secret-value-xyz",
    DATABASE_URL: "postgres://studio:db-pass-4711@db.example.com/studio",
    STUDIO_DATA_DIR: "/var/lib/studio-data",
    PORT: "3000",
    STUDIO_WEBHOOK_ATTEMPTS: "1",
  };

  it("masks whole keys, the secret half of an id:secret key, and a database password", () => {
    const secrets = secretsOf(env);
    const text = `401: Incorrect API key provided: Bearer sk-proj-abcdef123456; fal said Key 3f1c9a2e-key-id:9b8c7d6e5f4a3b2c, then 9b8c7d6e5f4a3b2c alone; s3-secret-value-xyz; db-pass-4711`;
    const out = redact(text, secrets);
    for (const secret of ["sk-proj-abcdef123456", "9b8c7d6e5f4a3b2c", "3f1c9a2e-key-id", "s3-secret-value-xyz", "db-pass-4711"]) expect(out).not.toContain(secret);
    expect(out).toContain("Incorrect API key provided: Bearer [redacted]");
  });

  it("leaves ordinary settings and text alone", () => {
    const secrets = secretsOf(env);
    expect(secrets).not.toContain("/var/lib/studio-data");
    expect(secrets).not.toContain("3000");
    const text = "port 3000, data in /var/lib/studio-data, 1 attempt";
    expect(redact(text, secrets)).toBe(text);
  });

  it("does not treat a short value as a secret (it would mask ordinary words)", () => {
    expect(secretsOf({ SOME_TOKEN: "abc" })).toEqual([]);
  });
});
