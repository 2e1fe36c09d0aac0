import "server-only";
import { generateKeyPairSync, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { publicJwk } from "./signature";

/**
 * Ed25519 signing keys, made on first use and kept in the data directory (owner-only), so the
 * published key stays the same across restarts. `studio` signs the studio's outgoing webhooks
 * (published at /.well-known/jwks.json); `engine` is the local engine's own, as fal has its own.
 */
export type KeyName = "studio" | "engine";

export type SigningKey = { privateKey: KeyObject; publicKey: KeyObject };

function loadOrCreate(name: KeyName): SigningKey {
  const file = path.join(dataDir(), "keys", `${name}-webhook-ed25519.pem`);
  let pem: string;
  try {
    pem = readFileSync(file, "utf8");
  } catch {
    const { privateKey } = generateKeyPairSync("ed25519");
    pem = privateKey.export({ format: "pem", type: "pkcs8" }) as string;
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // wx: two processes starting together keep whichever key was written first.
    try {
      writeFileSync(file, pem, { mode: 0o600, flag: "wx" });
      chmodSync(file, 0o600);
    } catch {
      pem = readFileSync(file, "utf8");
    }
  }
  const privateKey = createPrivateKey(pem);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export const signingKey = (name: KeyName): SigningKey => processSingleton(`webhook-key-${name}-${dataDir()}`, () => loadOrCreate(name));

/** The JWKS document that publishes a key. */
export const jwksOf = (name: KeyName) => ({ keys: [publicJwk(signingKey(name).publicKey)] });
