import { afterEach, describe, expect, it } from "vitest";
import { handleSignInCallback } from "./sign-in-callback.js";
import {
  isSignInCallbackMessage,
  readCallbackParameters,
  SIGN_IN_RETURN_KEY,
} from "./sign-in-message.js";

afterEach(() => sessionStorage.clear());

describe("readCallbackParameters", () => {
  it("reads code and state from the query", () => {
    expect(
      readCallbackParameters("http://127.0.0.1:5173/callback.html?code=abc&state=xyz&scope=s"),
    ).toEqual({
      type: "player:sign-in-callback",
      code: "abc",
      state: "xyz",
    });
  });

  it("reads a refusal, and the fragment for response_mode=fragment", () => {
    expect(
      readCallbackParameters(
        "http://localhost/cb#error=access_denied&error_description=The+user+said+no&state=s1",
      ),
    ).toEqual({
      type: "player:sign-in-callback",
      error: "access_denied",
      errorDescription: "The user said no",
      state: "s1",
    });
  });
});

describe("isSignInCallbackMessage", () => {
  it("accepts only the callback's own shape", () => {
    expect(
      isSignInCallbackMessage({ type: "player:sign-in-callback", code: "c", state: "s" }),
    ).toBe(true);
    expect(isSignInCallbackMessage({ type: "other", code: "c" })).toBe(false);
    expect(isSignInCallbackMessage({ type: "player:sign-in-callback", code: 42 })).toBe(false);
    expect(isSignInCallbackMessage("player:sign-in-callback")).toBe(false);
  });
});

describe("handleSignInCallback after a full-page redirect", () => {
  it("returns the answer and the remembered page of this origin, once", () => {
    const back = `${window.location.origin}/app?cloud=x`;
    sessionStorage.setItem(SIGN_IN_RETURN_KEY, back);
    const result = handleSignInCallback(`${window.location.origin}/callback.html?code=c1&state=s1`);
    expect(result).toEqual({
      mode: "redirect",
      message: { type: "player:sign-in-callback", code: "c1", state: "s1" },
      returnTo: back,
    });
    expect(sessionStorage.getItem(SIGN_IN_RETURN_KEY)).toBeNull();
  });

  it("never sends the user to another origin", () => {
    sessionStorage.setItem(SIGN_IN_RETURN_KEY, "https://evil.example/phish");
    const result = handleSignInCallback(`${window.location.origin}/callback.html?code=c&state=s`);
    expect(result.mode === "redirect" && result.returnTo).toBeUndefined();
  });
});
