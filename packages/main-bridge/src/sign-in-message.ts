/** The message the sign-in callback page posts to the page that opened the popup. */
export interface SignInCallbackMessage {
  type: "player:sign-in-callback";
  /** The authorization code, when the provider granted access. */
  code?: string;
  state?: string;
  /** The provider's error (`access_denied`, ...), when it did not. */
  error?: string;
  errorDescription?: string;
}

/** True for a well-formed {@link SignInCallbackMessage}. */
export function isSignInCallbackMessage(value: unknown): value is SignInCallbackMessage {
  if (typeof value !== "object" || value === null) return false;
  const message = value as Record<string, unknown>;
  const optionalString = (key: string) =>
    message[key] === undefined || typeof message[key] === "string";
  return (
    message.type === "player:sign-in-callback" &&
    optionalString("code") &&
    optionalString("state") &&
    optionalString("error") &&
    optionalString("errorDescription")
  );
}

/** Reads the OAuth answer from a callback URL's query (or fragment, for `response_mode=fragment`). */
export function readCallbackParameters(href: string): SignInCallbackMessage {
  const url = new URL(href);
  const params = url.searchParams.has("state")
    ? url.searchParams
    : new URLSearchParams(url.hash.replace(/^#/, ""));
  const message: SignInCallbackMessage = { type: "player:sign-in-callback" };
  const code = params.get("code");
  const state = params.get("state");
  const error = params.get("error");
  const errorDescription = params.get("error_description");
  if (code !== null) message.code = code;
  if (state !== null) message.state = state;
  if (error !== null) message.error = error;
  if (errorDescription !== null) message.errorDescription = errorDescription;
  return message;
}

/** Session-storage key under which a redirected sign-in remembers the page to come back to. */
export const SIGN_IN_RETURN_KEY = "player:sign-in-return";
