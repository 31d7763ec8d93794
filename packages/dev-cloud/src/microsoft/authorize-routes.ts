import type { IncomingMessage, ServerResponse } from "node:http";
import type { DevCloudContext } from "../context.js";
import { readFormBody } from "../form-body.js";
import { sendRedirect } from "../http-response.js";
import type { RouteHandler } from "../router.js";
import {
  type AuthorizeValidation,
  buildAuthorizeRedirect,
  validateAuthorizeRequest,
} from "./authorize-request.js";
import { describeIdentityError, type IdentityError, stampIdentityError } from "./identity-error.js";
import { grantedGraphScopes } from "./scopes.js";
import { renderConsentPage, renderSignInErrorPage, sendSignInPage } from "./sign-in-pages.js";
import type { MicrosoftTokenStore } from "./token-store.js";

/**
 * GET `/microsoft/:tenant/oauth2/v2.0/authorize`: the consent page, or an
 * error page / error redirect when the request is invalid.
 */
export function createAuthorizePageHandler(context: DevCloudContext): RouteHandler {
  return (request, response, { url, params }) => {
    const validation = validate(params.tenant ?? "", url.searchParams, context);
    if (validation.kind !== "ok") {
      answerInvalid(request, response, context, validation);
      return;
    }
    sendSignInPage(
      response,
      200,
      renderConsentPage(url.pathname, url.searchParams, validation.request, context.users),
    );
  };
}

/**
 * POST `/microsoft/:tenant/oauth2/v2.0/authorize`: the consent form. Every
 * field is validated again (hidden fields can be edited), then `allow`
 * redirects with a code and `deny` with `access_denied`.
 */
export function createConsentHandler(
  context: DevCloudContext,
  tokens: MicrosoftTokenStore,
): RouteHandler {
  return async (request, response, { params }) => {
    const body = await readFormBody(request);
    const fields = body.kind === "form" ? body.fields : new URLSearchParams();
    const validation = validate(params.tenant ?? "", fields, context);
    if (validation.kind !== "ok") {
      answerInvalid(request, response, context, validation);
      return;
    }
    const authorize = validation.request;
    const decision = fields.get("decision");
    const user = context.users.find((candidate) => candidate.id === fields.get("user"));
    if (decision !== "allow" && decision !== "deny") {
      showError(request, response, context, {
        error: "invalid_request",
        aadsts: 90100,
        message: "decision parameter is empty or not valid.",
      });
      return;
    }
    if (decision === "deny") {
      sendRedirect(
        response,
        buildAuthorizeRedirect(authorize.redirectUri, authorize.responseMode, {
          error: "access_denied",
          error_description: describeIdentityError(
            {
              error: "access_denied",
              aadsts: 65004,
              message: "User declined to consent to access the app.",
            },
            stampIdentityError(request, context),
          ),
          state: authorize.state,
        }),
      );
      return;
    }
    if (user === undefined) {
      showError(request, response, context, {
        error: "invalid_request",
        aadsts: 50034,
        message: `The user account ${fields.get("user") ?? "(none)"} does not exist in the directory.`,
      });
      return;
    }
    const code = tokens.createCode({
      grant: {
        user,
        clientId: authorize.clientId,
        tenant: authorize.tenant,
        scopes: {
          graph: grantedGraphScopes(authorize.scopes.graph),
          oidc: authorize.scopes.oidc,
        },
        nonce: authorize.nonce,
      },
      redirectUri: authorize.redirectUri,
      codeChallenge: authorize.codeChallenge,
      codeChallengeMethod: authorize.codeChallengeMethod,
    });
    sendRedirect(
      response,
      buildAuthorizeRedirect(authorize.redirectUri, authorize.responseMode, {
        code,
        state: authorize.state,
      }),
    );
  };
}

function validate(
  tenant: string,
  params: URLSearchParams,
  context: DevCloudContext,
): AuthorizeValidation {
  return validateAuthorizeRequest(tenant, params, context.clients.microsoft.clientId);
}

function answerInvalid(
  request: IncomingMessage,
  response: ServerResponse,
  context: DevCloudContext,
  validation: Exclude<AuthorizeValidation, { kind: "ok" }>,
): void {
  if (validation.kind === "page-error") {
    showError(request, response, context, validation.error);
    return;
  }
  sendRedirect(
    response,
    buildAuthorizeRedirect(validation.redirectUri, validation.responseMode, {
      error: validation.error.error,
      error_description: describeIdentityError(
        validation.error,
        stampIdentityError(request, context),
      ),
      state: validation.state,
    }),
  );
}

function showError(
  request: IncomingMessage,
  response: ServerResponse,
  context: DevCloudContext,
  error: IdentityError,
): void {
  sendSignInPage(response, 400, renderSignInErrorPage(error, stampIdentityError(request, context)));
}
