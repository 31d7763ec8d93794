import type { ServerResponse } from "node:http";
import type { DevCloudContext, DevUser } from "../context.js";
import { sendHtml } from "../html.js";
import { sendRedirect } from "../http-response.js";
import type { RouteHandler } from "../router.js";
import { type AuthorizeRequest, parseAuthorizeRequest } from "./authorize-request.js";
import { renderConsentPage, renderErrorPage } from "./consent-page.js";
import type { GoogleAuthState } from "./google-auth-state.js";
import { readGoogleForm } from "./google-form.js";

/**
 * `GET /google/o/oauth2/v2/auth`: the consent page, an HTML error page, or —
 * for `prompt=none` — an immediate redirect.
 */
export function createAuthorizePageHandler(
  state: GoogleAuthState,
  context: DevCloudContext,
): RouteHandler {
  return (_request, response, { url }) => {
    const validation = parseAuthorizeRequest(url.searchParams, context);
    if (!validation.ok) {
      sendHtml(response, 400, renderErrorPage(validation.problem));
      return;
    }
    const request = validation.request;
    if (request.prompt.includes("none")) {
      answerSilently(request, state, context, response);
      return;
    }
    const hinted = findUser(context.users, request.loginHint);
    const html = renderConsentPage({
      request,
      users: context.users,
      selectedUserId: hinted?.id,
      action: url.pathname,
    });
    sendHtml(response, 200, html);
  };
}

/**
 * `POST /google/o/oauth2/v2/auth`: the consent form. Everything is validated
 * again, then the browser is sent back with a code or `access_denied`.
 */
export function createConsentSubmitHandler(
  state: GoogleAuthState,
  context: DevCloudContext,
): RouteHandler {
  return async (request, response) => {
    const params = await readGoogleForm(request);
    if (params === undefined) {
      sendHtml(
        response,
        400,
        renderErrorPage({ error: "invalid_request", description: "Bad Request" }),
      );
      return;
    }
    const validation = parseAuthorizeRequest(params, context);
    if (!validation.ok) {
      sendHtml(response, 400, renderErrorPage(validation.problem));
      return;
    }
    const authorize = validation.request;
    const decision = params.get("decision");
    if (decision === "deny") {
      redirect(response, authorize, { error: "access_denied" });
      return;
    }
    const user = context.users.find((candidate) => candidate.id === params.get("user"));
    if (decision !== "allow" || user === undefined) {
      const description =
        decision !== "allow"
          ? "decision must be allow or deny."
          : "Choose one of the listed accounts.";
      sendHtml(response, 400, renderErrorPage({ error: "invalid_request", description }));
      return;
    }
    const scopes = authorize.includeGrantedScopes
      ? [...new Set([...authorize.scopes, ...state.consentedScopes(authorize.clientId, user.id)])]
      : authorize.scopes;
    state.recordConsent(authorize.clientId, user.id, scopes);
    issueAndRedirect(response, authorize, user, scopes, state);
  };
}

/**
 * `prompt=none`: no page may be shown. The emulator's "session" is the user
 * named by `login_hint`, else the last one to consent for this client.
 */
function answerSilently(
  authorize: AuthorizeRequest,
  state: GoogleAuthState,
  context: DevCloudContext,
  response: ServerResponse,
): void {
  const user =
    findUser(context.users, authorize.loginHint) ??
    findUser(context.users, state.lastConsentingUser(authorize.clientId));
  if (user === undefined) {
    redirect(response, authorize, { error: "login_required" });
    return;
  }
  const consented = state.consentedScopes(authorize.clientId, user.id);
  if (!authorize.scopes.every((scope) => consented.has(scope))) {
    redirect(response, authorize, { error: "consent_required" });
    return;
  }
  const scopes = authorize.includeGrantedScopes ? [...consented] : authorize.scopes;
  issueAndRedirect(response, authorize, user, scopes, state);
}

function issueAndRedirect(
  response: ServerResponse,
  authorize: AuthorizeRequest,
  user: DevUser,
  scopes: readonly string[],
  state: GoogleAuthState,
): void {
  const code = state.issueCode({
    clientId: authorize.clientId,
    redirectUri: authorize.redirectUri,
    userId: user.id,
    scopes,
    challenge: authorize.challenge,
    offline: authorize.offline,
    forcedConsent: authorize.prompt.includes("consent"),
    nonce: authorize.nonce,
  });
  redirect(response, authorize, { code, scope: scopes.join(" ") });
}

/** 302 to the redirect URI with `state` (when sent) and `extra`, keeping its own query. */
function redirect(
  response: ServerResponse,
  authorize: AuthorizeRequest,
  extra: Readonly<Record<string, string>>,
): void {
  const target = new URL(authorize.redirectUri);
  if (authorize.state !== undefined) target.searchParams.append("state", authorize.state);
  for (const [name, value] of Object.entries(extra)) target.searchParams.append(name, value);
  sendRedirect(response, target.href);
}

function findUser(users: readonly DevUser[], hint: string | undefined): DevUser | undefined {
  if (hint === undefined) return undefined;
  const wanted = hint.toLowerCase();
  return users.find((user) => user.id === hint || user.email.toLowerCase() === wanted);
}
