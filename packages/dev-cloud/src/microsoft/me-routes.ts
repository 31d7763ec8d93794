import { sendJson } from "../http-response.js";
import type { Router } from "../router.js";
import { authenticateGraphRequest } from "./graph-auth.js";
import { GRAPH_BASE_PATH, graphUrl, type MicrosoftServices } from "./microsoft-services.js";

/**
 * `GET /me` (the signed-in user's profile) and `POST /me/revokeSignInSessions`
 * (invalidates the user's refresh tokens, as on Graph).
 */
export function registerMeRoutes(router: Router, services: MicrosoftServices): void {
  const { context, tokens } = services;
  router.get(`${GRAPH_BASE_PATH}/me`, (request, response) => {
    const token = authenticateGraphRequest(request, response, context, tokens, "profile");
    if (token === undefined) return;
    const user = token.grant.user;
    const space = user.displayName.indexOf(" ");
    sendJson(response, 200, {
      "@odata.context": graphUrl(services, "/$metadata#users/$entity"),
      businessPhones: [],
      displayName: user.displayName,
      givenName: space < 0 ? user.displayName : user.displayName.slice(0, space),
      jobTitle: null,
      mail: user.email,
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: null,
      surname: space < 0 ? null : user.displayName.slice(space + 1),
      userPrincipalName: user.email,
      id: user.id,
    });
  });

  router.post(`${GRAPH_BASE_PATH}/me/revokeSignInSessions`, (request, response) => {
    const token = authenticateGraphRequest(request, response, context, tokens, "profile");
    if (token === undefined) return;
    tokens.revokeSignInSessions(token.grant.user.id);
    sendJson(response, 200, {
      "@odata.context": graphUrl(services, "/$metadata#Edm.Boolean"),
      value: true,
    });
  });
}
