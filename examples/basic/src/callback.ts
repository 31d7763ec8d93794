import { handleSignInCallback } from "@player/main-bridge";

// The OAuth redirect_uri of the example. In the popup, the answer goes to the
// page that opened it (which closes this window). After a full-page redirect,
// the answer is kept for the app page, which finishes the sign-in on load.
const result = handleSignInCallback();
const message = document.getElementById("message");
if (result.mode === "redirect") {
  sessionStorage.setItem("player:sign-in-callback", JSON.stringify(result.message));
  window.location.replace(result.returnTo ?? new URL("./", window.location.href).href);
} else if (message) {
  message.textContent = "Signed in. This window closes by itself.";
}
