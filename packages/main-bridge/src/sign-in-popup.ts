import { PlayerError } from "./player-error.js";
import { isSignInCallbackMessage, type SignInCallbackMessage } from "./sign-in-message.js";

/** The window the sign-in popup opens in; reused if a previous one is still open. */
const POPUP_NAME = "player-sign-in";
const POPUP_FEATURES = "popup,width=520,height=680";
/** How often a popup is checked for having been closed by the user. */
const CLOSED_POLL_MS = 250;

/**
 * Opens an empty popup. It must run synchronously inside the user's click:
 * popup blockers allow only that, and the worker's authorize URL arrives later.
 * Returns `undefined` when the popup was blocked.
 */
export function openBlankPopup(): Window | undefined {
  if (typeof window === "undefined" || typeof window.open !== "function") return undefined;
  const popup = window.open("about:blank", POPUP_NAME, POPUP_FEATURES);
  return popup ?? undefined;
}

/** Options for {@link waitForSignInCallback}. */
export interface WaitForCallbackOptions {
  /** The popup showing the provider's page. */
  popup: Window;
  /** The only origin the callback page may post from (the redirect URI's origin). */
  callbackOrigin: string;
  /** The state of this attempt; messages for another attempt are ignored. */
  state: string;
  /** Ends the wait early (player disposed). */
  signal: AbortSignal;
}

/**
 * Waits for the callback page in the popup to post the provider's answer.
 * Messages from another origin or with another state are ignored; a popup
 * the user closes ends the attempt with `auth/cancelled`.
 */
export function waitForSignInCallback(
  options: WaitForCallbackOptions,
): Promise<SignInCallbackMessage> {
  const { popup, callbackOrigin, state, signal } = options;
  return new Promise((resolve, reject) => {
    const finish = () => {
      window.removeEventListener("message", onMessage);
      clearInterval(closedPoll);
      signal.removeEventListener("abort", onAbort);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== callbackOrigin || !isSignInCallbackMessage(event.data)) return;
      if (event.data.state !== state) return;
      finish();
      // The opener closes the popup, so the callback page never races its own message.
      popup.close();
      resolve(event.data);
    };
    const onAbort = () => {
      finish();
      popup.close();
      reject(signal.reason);
    };
    const closedPoll = setInterval(() => {
      if (!popup.closed) return;
      finish();
      reject(new PlayerError("auth/cancelled", "The sign-in window was closed before signing in"));
    }, CLOSED_POLL_MS);
    window.addEventListener("message", onMessage);
    signal.addEventListener("abort", onAbort);
  });
}
