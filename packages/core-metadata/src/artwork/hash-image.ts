/**
 * SHA-256 of a picture's bytes, as 64 lowercase hex digits: the key an image
 * is stored under, so the same cover in twelve files is stored once. Uses
 * WebCrypto, present in workers, pages and Node 20.
 *
 * @example
 * ```ts
 * const hash = await hashImage(bytes); // "9f86d081…"
 * ```
 */
export async function hashImage(bytes: Uint8Array): Promise<string> {
  // WebCrypto takes only views of a plain ArrayBuffer.
  const view =
    bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice();
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", view));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
