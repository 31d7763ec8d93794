import type { ServerResponse } from "node:http";
import type { DevUser } from "../context.js";
import { escapeHtml, renderHtmlPage, sendHtml } from "../html.js";
import type { AuthorizeRequest } from "./authorize-request.js";
import {
  describeIdentityError,
  type IdentityError,
  type IdentityErrorStamp,
} from "./identity-error.js";
import { GRAPH_RESOURCE } from "./scopes.js";

/** What the person is asked to allow, per scope. */
const SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  "Files.Read": "Read your files",
  "Files.Read.All": "Read all files that you have access to",
  "User.Read": "Sign you in and read your profile",
  openid: "Sign you in",
  profile: "View your basic profile",
  email: "View your email address",
  offline_access: "Maintain access to data you have given it access to",
};

/**
 * The consent page: a form that posts every original parameter back as a
 * hidden field, plus `user` (one radio per {@link DevUser}) and a
 * `decision=allow|deny` submit button.
 *
 * @param action - The path the form posts to (the authorize path itself).
 * @param params - The original query, echoed as hidden fields.
 * @param request - The validated request (for the scope list and login hint).
 * @param users - Who can sign in.
 */
export function renderConsentPage(
  action: string,
  params: URLSearchParams,
  request: AuthorizeRequest,
  users: readonly DevUser[],
): string {
  const hint = request.loginHint?.toLowerCase();
  const chosen = users.find((user) => user.email.toLowerCase() === hint) ?? users[0];
  const hidden = [...params]
    .filter(([name]) => name !== "user" && name !== "decision")
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    );
  const userChoices = users.map(
    (user) =>
      `<label><input type="radio" name="user" value="${escapeHtml(user.id)}"${
        user === chosen ? " checked" : ""
      }> ${escapeHtml(user.displayName)} &lt;${escapeHtml(user.email)}&gt;</label>`,
  );
  const scopeNames = [...request.scopes.graph, ...request.scopes.oidc];
  const scopeItems = scopeNames.map(
    (scope) =>
      `<li title="${escapeHtml(scopeTitle(scope))}">${escapeHtml(SCOPE_DESCRIPTIONS[scope] ?? scope)}</li>`,
  );
  return page(
    "Permissions requested",
    `<h1>Permissions requested</h1>
<p>The app <strong>${escapeHtml(request.clientId)}</strong> would like to:</p>
<ul>${scopeItems.join("")}</ul>
<form method="post" action="${escapeHtml(action)}">
${hidden.join("\n")}
<fieldset><legend>Sign in as</legend>
${userChoices.join("<br>\n")}
</fieldset>
<button type="submit" name="decision" value="deny">Cancel</button>
<button type="submit" name="decision" value="allow">Accept</button>
</form>`,
  );
}

/**
 * The page Entra shows when it will not redirect: the AADSTS text with the
 * trace id, correlation id and timestamp.
 */
export function renderSignInErrorPage(error: IdentityError, stamp: IdentityErrorStamp): string {
  const lines = describeIdentityError(error, stamp).split("\r\n");
  return page(
    "Sign in",
    `<h1>Sign in</h1>
<p>Sorry, but we’re having trouble signing you in.</p>
<p id="error-code" data-error="${escapeHtml(error.error)}">${escapeHtml(lines[0] ?? "")}</p>
<pre>${escapeHtml(lines.slice(1).join("\n"))}</pre>`,
  );
}

/**
 * Sends an HTML page. `no-store`, and no framing, as the real sign-in pages.
 *
 * @param response - The response to finish.
 * @param status - 200 for consent, 400 for an error page.
 * @param html - The document.
 */
export function sendSignInPage(response: ServerResponse, status: number, html: string): void {
  sendHtml(response, status, html, { "X-Frame-Options": "DENY" });
}

function scopeTitle(scope: string): string {
  return scope in SCOPE_DESCRIPTIONS && scope.includes(".") ? `${GRAPH_RESOURCE}/${scope}` : scope;
}

function page(title: string, body: string): string {
  return renderHtmlPage({ title, body, head: ['<meta name="referrer" content="no-referrer">'] });
}
