/** What replaces a secret in logs. */
export const REDACTED = "[REDACTED]";

/** Keys whose values are secrets wherever they appear. */
const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|password|passphrase|client_secret|code_verifier|id_token|access_token|refresh_token|token|api[-_]?key|x-api-key)$|token$|secret$/i;

/** Patterns that look like tokens inside free text (messages, URLs, JSON bodies). */
const SECRET_TEXT: ReadonlyArray<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED}`],
  [
    /\b(access_token|refresh_token|id_token|client_secret|code_verifier|code|token|api_key|key)=([^&\s"'#]+)/gi,
    `$1=${REDACTED}`,
  ],
  [
    /"(access_token|refresh_token|id_token|client_secret|code_verifier|token|authorization)"\s*:\s*"[^"]*"/gi,
    `"$1":"${REDACTED}"`,
  ],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\bya29\.[A-Za-z0-9_-]+/g, REDACTED],
  [/\b1\/\/[A-Za-z0-9_-]{10,}/g, REDACTED],
  [/\bEwB[A-Za-z0-9+/=_-]{20,}/g, REDACTED],
];

const MAX_DEPTH = 6;

/** Replaces anything that looks like a token in a string. */
export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_TEXT) result = result.replace(pattern, replacement);
  return result;
}

/**
 * Returns a copy of `value` with secrets replaced by `[REDACTED]`: values under
 * secret-looking keys (Authorization, access_token, ...), and token-looking
 * text anywhere in strings. Headers objects are turned into plain objects.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth >= MAX_DEPTH) return "[Truncated]";
  if (typeof Headers !== "undefined" && value instanceof Headers) {
    const plain: Record<string, string> = {};
    value.forEach((item, key) => {
      plain[key] = item;
    });
    return redact(plain, depth);
  }
  if (value instanceof Error) {
    return { name: value.name, message: redactText(value.message) };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    return `[${value.constructor.name} ${value.byteLength} bytes]`;
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = SECRET_KEY.test(key) && item != null ? REDACTED : redact(item, depth + 1);
  }
  return result;
}
