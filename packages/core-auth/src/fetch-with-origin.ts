import type { FetchFunction } from "@player/core-runtime";

/**
 * A `fetch` that adds an `Origin` header to every request that has none.
 *
 * Microsoft's token endpoint redeems codes of `spa` clients only in
 * cross-origin requests, which it recognises by the `Origin` header. Browsers
 * (pages and workers) send that header themselves and forbid scripts to set
 * it; Node's `fetch` sends none. Use this in Node (tests, tools) only.
 *
 * @param origin - e.g. `http://127.0.0.1:5173`.
 * @param fetch - The `fetch` to wrap. Default `globalThis.fetch`.
 *
 * @example
 * ```ts
 * new AuthService({ ..., fetch: fetchWithOrigin("http://127.0.0.1:5173") });
 * ```
 */
export function fetchWithOrigin(
  origin: string,
  fetch: FetchFunction = globalThis.fetch.bind(globalThis),
): FetchFunction {
  const value = new URL(origin).origin;
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has("origin")) headers.set("origin", value);
    return fetch(input, { ...init, headers });
  };
}
