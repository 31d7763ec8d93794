import type { SeededRandom } from "../context.js";

const HEADER = Buffer.from(
  JSON.stringify({ typ: "JWT", alg: "RS256", kid: "dev-cloud" }),
  "utf8",
).toString("base64url");

/**
 * A token shaped like a signed JWT (`eyJ…header.payload.signature`) whose
 * claims a client may decode. The signature is random: the emulator looks
 * tokens up in its store instead of verifying them.
 *
 * @param claims - The payload.
 * @param random - Source of the fake signature.
 */
export function mintJwtShapedToken(claims: Record<string, unknown>, random: SeededRandom): string {
  const payload = Buffer.from(JSON.stringify(claims), "utf8").toString("base64url");
  return `${HEADER}.${payload}.${random.token(86)}`;
}
