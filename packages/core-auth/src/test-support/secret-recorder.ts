/**
 * A `fetch` wrapper that remembers every secret that crosses it (codes,
 * verifiers, tokens in token requests and answers), so a test can check none
 * of them shows up in logs, events or errors. Not part of the public entry.
 */
import type { FetchFunction } from "@player/core-runtime";

const SECRET_FIELDS = [
  "code",
  "code_verifier",
  "refresh_token",
  "access_token",
  "id_token",
  "token",
];

/** Records secrets seen by the `fetch` it wraps. */
export class SecretRecorder {
  readonly secrets = new Set<string>();
  readonly #inner: FetchFunction;

  constructor(inner: FetchFunction = globalThis.fetch.bind(globalThis)) {
    this.#inner = inner;
  }

  /** Adds a secret seen elsewhere (e.g. a code read from a redirect). */
  add(secret: string | null | undefined): void {
    if (secret !== null && secret !== undefined && secret.length >= 8) this.secrets.add(secret);
  }

  /** The wrapped fetch. */
  readonly fetch: FetchFunction = async (input, init) => {
    if (init?.body instanceof URLSearchParams) {
      for (const name of SECRET_FIELDS) this.add(init.body.get(name));
    }
    const response = await this.#inner(input, init);
    if ((response.headers.get("content-type") ?? "").includes("json")) {
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => undefined);
      if (typeof body === "object" && body !== null) {
        for (const name of SECRET_FIELDS) {
          const value = (body as Record<string, unknown>)[name];
          if (typeof value === "string") this.add(value);
        }
      }
    }
    return response;
  };

  /** The secrets that occur in `text`. */
  leaksIn(text: string): string[] {
    return [...this.secrets].filter((secret) => text.includes(secret));
  }
}
