import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { describeOAuthFailure, failureDetails, failureSummary } from "./oauth-failure.js";

const as: oauth.AuthorizationServer = {
  issuer: "https://issuer.test",
  token_endpoint: "https://issuer.test/token",
};
const client: oauth.Client = { client_id: "c" };

async function failureOf(response: Response) {
  const error = await oauth.processRefreshTokenResponse(as, client, response).catch((e) => e);
  return describeOAuthFailure(error);
}

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("describeOAuthFailure", () => {
  it("reads invalid_grant as a refused grant, with the description", async () => {
    const failure = await failureOf(
      jsonResponse(400, {
        error: "invalid_grant",
        error_description: "Token has been expired or revoked.",
      }),
    );
    expect(failure).toEqual({
      reason: "oauth-error",
      error: "invalid_grant",
      description: "Token has been expired or revoked.",
      status: 400,
      refused: true,
      transient: false,
    });
    expect(failureSummary(failure)).toBe("invalid_grant: Token has been expired or revoked.");
    expect(failureDetails(failure)).toEqual({
      reason: "oauth-error",
      error: "invalid_grant",
      description: "Token has been expired or revoked.",
      status: 400,
    });
  });

  it.each([
    ["interaction_required", true],
    ["invalid_client", false],
    ["invalid_request", false],
  ])("reads %s as refused=%s", async (error, refused) => {
    expect((await failureOf(jsonResponse(400, { error }))).refused).toBe(refused);
  });

  it("treats 5xx, 429 and temporarily_unavailable as transient", async () => {
    expect((await failureOf(jsonResponse(503, { error: "x" }))).transient).toBe(true);
    expect((await failureOf(jsonResponse(429, { error: "x" }))).transient).toBe(true);
    expect(
      (await failureOf(jsonResponse(400, { error: "temporarily_unavailable" }))).transient,
    ).toBe(true);
    expect(await failureOf(new Response("<html>", { status: 502 }))).toEqual({
      reason: "http-status",
      status: 502,
      refused: false,
      transient: true,
    });
  });

  it("treats a fetch TypeError as a transient network failure", () => {
    expect(describeOAuthFailure(new TypeError("fetch failed"))).toEqual({
      reason: "network",
      refused: false,
      transient: true,
    });
  });

  it("never keeps the body of a malformed success (it may hold tokens)", async () => {
    const failure = await failureOf(jsonResponse(200, { access_token: "SECRET" }));
    expect(failure).toEqual({ reason: "invalid-response", refused: false, transient: false });
    expect(JSON.stringify(failureDetails(failure))).not.toContain("SECRET");
  });

  it("redacts token-looking text in a description", async () => {
    const failure = await failureOf(
      jsonResponse(400, { error: "invalid_grant", error_description: "bad refresh_token=abc123" }),
    );
    expect(failure.description).toBe("bad refresh_token=[REDACTED]");
  });
});
