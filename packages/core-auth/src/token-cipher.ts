import type { SealedBox } from "./auth-database.js";

const IV_BYTES = 12;

/**
 * AES-GCM (256-bit) encryption of small secrets with a non-extractable
 * WebCrypto key. Each seal uses a fresh random 96-bit IV, and binds the
 * ciphertext to a context string (as additional data) so a sealed value
 * cannot be moved to another record.
 */
export class TokenCipher {
  readonly #crypto: Crypto;
  readonly #encoder = new TextEncoder();
  readonly #decoder = new TextDecoder("utf-8", { fatal: true });

  /** @param crypto - WebCrypto; default: the realm's `crypto`. */
  constructor(crypto: Crypto = globalThis.crypto) {
    this.#crypto = crypto;
  }

  /** Makes a new AES-GCM key that can encrypt and decrypt but can never be exported. */
  generateKey(): Promise<CryptoKey> {
    return this.#crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
      "encrypt",
      "decrypt",
    ]);
  }

  /** Encrypts `text` under `key`, bound to `context`. */
  async seal(key: CryptoKey, text: string, context: string): Promise<SealedBox> {
    const iv = this.#crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const data = await this.#crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: this.#encoder.encode(context) },
      key,
      this.#encoder.encode(text),
    );
    return { iv, data };
  }

  /**
   * Decrypts a box sealed by {@link TokenCipher.seal} with the same key and context.
   *
   * @throws DOMException `OperationError` when the box was altered, or the key or context differ.
   */
  async open(key: CryptoKey, box: SealedBox, context: string): Promise<string> {
    const plain = await this.#crypto.subtle.decrypt(
      { name: "AES-GCM", iv: box.iv, additionalData: this.#encoder.encode(context) },
      key,
      box.data,
    );
    return this.#decoder.decode(plain);
  }
}
