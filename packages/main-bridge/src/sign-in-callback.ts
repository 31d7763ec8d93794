import {
  readCallbackParameters,
  SIGN_IN_RETURN_KEY,
  type SignInCallbackMessage,
} from "./sign-in-message.js";

/** What {@link handleSignInCallback} did. */
export type SignInCallbackResult =
  | { mode: "popup" }
  | {
      mode: "redirect";
      message: SignInCallbackMessage;
      /** The page that started the sign-in, when this tab remembers it: go back there. */
      returnTo: string | undefined;
    };

/**
 * Call this on the page your OAuth `redirect_uri` points to.
 *
 * In a popup it posts `{ code, state }` (or the provider's error) to the page
 * that opened it — only to that page's origin, which must be this page's
 * origin — and the opener closes the popup. After a full-page redirect (the
 * popup was blocked) it returns the answer: pass it to `player.completeSignIn()`.
 *
 * @example
 * ```ts
 * // callback.html
 * import { handleSignInCallback } from "@player/main-bridge";
 * const result = handleSignInCallback();
 * if (result.mode === "redirect") {
 *   sessionStorage.setItem("sign-in", JSON.stringify(result.message));
 *   location.replace(result.returnTo ?? "/"); // that page calls player.completeSignIn()
 * }
 * ```
 */
export function handleSignInCallback(href: string = window.location.href): SignInCallbackResult {
  const message = readCallbackParameters(href);
  const opener = window.opener as Window | null;
  if (opener !== null && opener !== window) {
    opener.postMessage(message, window.location.origin);
    return { mode: "popup" };
  }
  return { mode: "redirect", message, returnTo: takeReturnUrl() };
}

function takeReturnUrl(): string | undefined {
  try {
    const returnTo = sessionStorage.getItem(SIGN_IN_RETURN_KEY) ?? undefined;
    sessionStorage.removeItem(SIGN_IN_RETURN_KEY);
    // Only ever send the user back to a page of this site.
    return returnTo !== undefined && new URL(returnTo).origin === window.location.origin
      ? returnTo
      : undefined;
  } catch {
    return undefined;
  }
}
