import { createHmac, timingSafeEqual } from "node:crypto";
import type { DevCloudContext } from "../context.js";
import type { FileItem } from "../library/library-types.js";
import { decodeOpaqueToken, encodeOpaqueToken, isCount, isRecord } from "./opaque-token.js";

/**
 * How long a `@microsoft.graph.downloadUrl` works. The docs say "a few
 * minutes" in one place and "1 hour" in another; the longer one is kinder to
 * a player that pauses.
 */
export const DOWNLOAD_URL_LIFETIME_MS = 60 * 60 * 1000;

/** Path prefix of the pre-authenticated download host. */
export const DOWNLOAD_PATH = "/graph-download";

/** The result of {@link DownloadUrlSigner.verify}. */
export type DownloadTokenCheck =
  | { kind: "valid"; itemId: string; version: number }
  | { kind: "expired" }
  | { kind: "invalid" };

/**
 * Mints and checks pre-authenticated download URLs. The token carries the
 * item id, its content version and an expiry, signed with a key from the
 * server's seed so that a client cannot forge or extend one.
 */
export class DownloadUrlSigner {
  private readonly key: string;

  constructor(private readonly context: DevCloudContext) {
    this.key = context.random.token(32);
  }

  /** An absolute URL that serves `file`'s current version without Authorization for an hour. */
  urlFor(file: FileItem): string {
    const payload = encodeOpaqueToken({
      i: file.id,
      v: file.version,
      x: this.context.clock.now() + DOWNLOAD_URL_LIFETIME_MS,
    });
    return `${this.context.origin()}${DOWNLOAD_PATH}/${payload}.${this.sign(payload)}`;
  }

  /** Checks the signature and the expiry of a token from a download URL. */
  verify(token: string): DownloadTokenCheck {
    const [payload = "", signature = "", ...rest] = token.split(".");
    if (rest.length > 0) return { kind: "invalid" };
    const expected = Buffer.from(this.sign(payload));
    const actual = Buffer.from(signature);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      return { kind: "invalid" };
    }
    const fields = decodeOpaqueToken(payload);
    if (
      !isRecord(fields) ||
      typeof fields.i !== "string" ||
      !isCount(fields.v) ||
      !isCount(fields.x)
    ) {
      return { kind: "invalid" };
    }
    if (this.context.clock.now() >= fields.x) return { kind: "expired" };
    return { kind: "valid", itemId: fields.i, version: fields.v };
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.key).update(payload).digest("base64url");
  }
}
