import type { DevUser } from "../context.js";
import { escapeHtml, renderHtmlPage } from "../html.js";
import type { AuthorizeError, AuthorizeRequest } from "./authorize-request.js";
import { SCOPE_DESCRIPTIONS } from "./google-scopes.js";

/** What the consent page shows. */
export interface ConsentPageInput {
  request: AuthorizeRequest;
  users: readonly DevUser[];
  /** The user selected at first (from `login_hint`, else the first one). */
  selectedUserId: string | undefined;
  /** Where the form posts: the page's own path. */
  action: string;
}

/**
 * The consent page: a form that posts back every authorize parameter as a
 * hidden field, a `user` radio group and two `decision` buttons. Plain
 * markup with stable names so a person can click it and a test can parse it.
 */
export function renderConsentPage(input: ConsentPageInput): string {
  const hidden = input.request.carried
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join("\n      ");
  const selected = input.selectedUserId ?? input.users[0]?.id;
  const users = input.users
    .map((user) => {
      const checked = user.id === selected ? " checked" : "";
      return (
        `<label class="user"><input type="radio" name="user" value="${escapeHtml(user.id)}"${checked}> ` +
        `<strong>${escapeHtml(user.displayName)}</strong> <span>${escapeHtml(user.email)}</span></label>`
      );
    })
    .join("\n      ");
  const scopes = input.request.scopes
    .map(
      (scope) =>
        `<li title="${escapeHtml(scope)}">${escapeHtml(SCOPE_DESCRIPTIONS[scope] ?? scope)}</li>`,
    )
    .join("\n        ");
  return page(
    "Sign in - Google Accounts (dev-cloud)",
    `<main class="consent">
    <h1>Choose an account</h1>
    <p>to continue to <strong>${escapeHtml(input.request.clientId)}</strong></p>
    <form method="POST" action="${escapeHtml(input.action)}">
      ${hidden}
      <fieldset>
      <legend>Account</legend>
      ${users}
      </fieldset>
      <p>This app wants to:</p>
      <ul>
        ${scopes}
      </ul>
      <button type="submit" name="decision" value="deny" id="deny">Cancel</button>
      <button type="submit" name="decision" value="allow" id="allow">Allow</button>
    </form>
  </main>`,
  );
}

/**
 * Google's "Access blocked" page for requests that cannot be redirected. The
 * error code is in the heading and in `data-error` for tests.
 */
export function renderErrorPage(problem: AuthorizeError): string {
  return page(
    `Error 400: ${problem.error}`,
    `<main class="error" data-error="${escapeHtml(problem.error)}">
    <h1>Access blocked: Authorization Error</h1>
    <p>${escapeHtml(problem.description)}</p>
    <p>Error 400: <code>${escapeHtml(problem.error)}</code></p>
  </main>`,
  );
}

/** Google's look: a narrow column, a blue Allow button. */
const STYLE = `<style>
  body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; }
  fieldset { border: 1px solid #ccc; border-radius: 8px; }
  .user { display: block; padding: .4rem 0; }
  .user span { color: #555; }
  button { padding: .5rem 1.2rem; margin-right: .5rem; }
  #allow { background: #1a73e8; color: #fff; border: 0; border-radius: 4px; }
</style>`;

function page(title: string, body: string): string {
  return renderHtmlPage({
    title,
    body,
    head: ['<meta name="viewport" content="width=device-width, initial-scale=1">', STYLE],
  });
}
