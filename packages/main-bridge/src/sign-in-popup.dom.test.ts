import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isPlayerError } from "./player-error.js";
import { waitForSignInCallback } from "./sign-in-popup.js";

const ORIGIN = "http://127.0.0.1:5173";

/** Stands in for the popup window: the opener only reads `closed` and calls `close()`. */
function fakePopup() {
  return {
    closed: false,
    close: vi.fn(function (this: { closed: boolean }) {
      this.closed = true;
    }),
  };
}

function post(data: unknown, origin = ORIGIN): void {
  window.dispatchEvent(new MessageEvent("message", { data, origin }));
}

const answer = (state: string) => ({ type: "player:sign-in-callback", code: "the-code", state });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("waitForSignInCallback", () => {
  it("takes the answer only from the callback origin and for this attempt's state, then closes the popup", async () => {
    const popup = fakePopup();
    const settled = vi.fn();
    const waiting = waitForSignInCallback({
      popup: popup as unknown as Window,
      callbackOrigin: ORIGIN,
      state: "s1",
      signal: new AbortController().signal,
    }).then(settled);
    post(answer("s1"), "http://evil.example");
    post(answer("another-attempt"));
    post({ type: "something-else", state: "s1" });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).not.toHaveBeenCalled();
    post(answer("s1"));
    await waiting;
    expect(settled).toHaveBeenCalledWith(answer("s1"));
    expect(popup.close).toHaveBeenCalledTimes(1);
  });

  it("ends with auth/cancelled when the user closes the popup", async () => {
    const popup = fakePopup();
    const waiting = waitForSignInCallback({
      popup: popup as unknown as Window,
      callbackOrigin: ORIGIN,
      state: "s2",
      signal: new AbortController().signal,
    }).catch((error: unknown) => error);
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(300);
    const error = await waiting;
    expect(isPlayerError(error) && error.code).toBe("auth/cancelled");
    // A late answer after the cancellation changes nothing.
    post(answer("s2"));
  });

  it("stops waiting and closes the popup when the player shuts down", async () => {
    const popup = fakePopup();
    const lifetime = new AbortController();
    const waiting = waitForSignInCallback({
      popup: popup as unknown as Window,
      callbackOrigin: ORIGIN,
      state: "s3",
      signal: lifetime.signal,
    }).catch((error: unknown) => error);
    lifetime.abort(new Error("disposed"));
    expect(((await waiting) as Error).message).toBe("disposed");
    expect(popup.close).toHaveBeenCalled();
  });
});
