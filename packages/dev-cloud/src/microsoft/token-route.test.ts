import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  graphGet,
  obtainCode,
  postToken,
  REDIRECT_URI,
  signIn,
  TEST_CLIENT_ID,
  TEST_USERS,
  type TokenResponseBody,
} from "../test-support/microsoft-sign-in.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

const HOUR = 60 * 60 * 1000;

interface IdentityErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
}

function decodeClaims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8"));
}

describe("Microsoft token endpoint", () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer({ users: TEST_USERS });
  });

  afterEach(async () => {
    await server.close();
  });

  async function redeem(code: string, verifier: string, origin?: string | null) {
    return postToken(
      server.url,
      {
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
      },
      origin,
    );
  }

  async function expectIdentityError(
    response: Response,
    status: number,
    error: string,
    aadsts: number,
  ) {
    expect(response.status).toBe(status);
    const body = (await response.json()) as IdentityErrorBody;
    expect(body.error).toBe(error);
    expect(body.error_codes).toEqual([aadsts]);
    expect(body.error_description).toMatch(
      new RegExp(`^AADSTS${aadsts}: .*\\r\\nTrace ID: ${body.trace_id}\\r\\n`, "s"),
    );
    return body;
  }

  it("exchanges a code with PKCE and an Origin header for Graph tokens", async () => {
    const { code, verifier } = await obtainCode(server.url, { nonce: "nonce-7" }, "sam-0002");
    const response = await redeem(code, verifier);
    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenResponseBody;
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBe(3599);
    expect(body.scope).toBe(
      "https://graph.microsoft.com/Files.Read https://graph.microsoft.com/User.Read",
    );
    expect(body.access_token).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    expect(decodeClaims(body.access_token)).toMatchObject({
      scp: "Files.Read User.Read",
      oid: "sam-0002",
    });
    expect(body.refresh_token).toMatch(/^AwAB/);
    expect(decodeClaims(body.id_token ?? "")).toMatchObject({
      aud: TEST_CLIENT_ID,
      nonce: "nonce-7",
      name: "Sam Sample",
      preferred_username: "sam@example.com",
    });
  });

  it("returns no refresh token without offline_access and no id token without openid", async () => {
    const body = await signIn(server.url, { scope: "https://graph.microsoft.com/Files.Read" });
    expect(body.access_token).toMatch(/^eyJ/);
    expect(body).not.toHaveProperty("refresh_token");
    expect(body).not.toHaveProperty("id_token");
  });

  it("accepts a plain PKCE challenge", async () => {
    const verifier = "v".repeat(43);
    const { code } = await obtainCode(server.url, {
      code_challenge: verifier,
      code_challenge_method: "plain",
    });
    expect((await redeem(code, verifier)).status).toBe(200);
  });

  it("refuses a redemption without Origin with AADSTS9002327 in Entra's error shape", async () => {
    const { code, verifier } = await obtainCode(server.url);
    const response = await redeem(code, verifier, null);
    const body = await expectIdentityError(response, 400, "invalid_request", 9002327);
    expect(body.error_description).toContain("may only be redeemed via cross-origin requests");
    expect(body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
    expect(body.timestamp).toBe("2026-01-15 12:00:00Z"); // the server clock
    expect(body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("echoes a client-request-id as the correlation id", async () => {
    const id = "0f3c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";
    const response = await fetch(`${server.url}/microsoft/common/oauth2/v2.0/token`, {
      method: "POST",
      headers: { Origin: "http://localhost:5173", "client-request-id": id },
      body: new URLSearchParams({ client_id: TEST_CLIENT_ID }),
    });
    const body = await expectIdentityError(response, 400, "invalid_request", 900144);
    expect(body.correlation_id).toBe(id);
  });

  it("refuses a client secret from a public client with 401 invalid_client", async () => {
    const { code, verifier } = await obtainCode(server.url);
    const response = await postToken(server.url, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      client_secret: "s3cret",
    });
    const body = await expectIdentityError(response, 401, "invalid_client", 700025);
    expect(body.error_description).toContain("Client is public");
  });

  it("refuses a replayed code with AADSTS54005", async () => {
    const { code, verifier } = await obtainCode(server.url);
    expect((await redeem(code, verifier)).status).toBe(200);
    await expectIdentityError(await redeem(code, verifier), 400, "invalid_grant", 54005);
  });

  it("refuses a wrong verifier with AADSTS501481, and the code is then used up", async () => {
    const { code, verifier } = await obtainCode(server.url);
    await expectIdentityError(await redeem(code, "w".repeat(43)), 400, "invalid_grant", 501481);
    await expectIdentityError(await redeem(code, verifier), 400, "invalid_grant", 54005);
  });

  it("refuses a code older than 10 minutes of server clock with AADSTS70008", async () => {
    const { code, verifier } = await obtainCode(server.url);
    server.context.clock.advance(10 * 60 * 1000);
    await expectIdentityError(await redeem(code, verifier), 400, "invalid_grant", 70008);
  });

  it("refuses an unknown code and a different redirect_uri with invalid_grant", async () => {
    await expectIdentityError(
      await redeem("M.C123_nope", "v".repeat(43)),
      400,
      "invalid_grant",
      9002313,
    );
    const { code, verifier } = await obtainCode(server.url);
    const response = await postToken(server.url, {
      grant_type: "authorization_code",
      code,
      redirect_uri: "http://localhost:5173/other",
      code_verifier: verifier,
    });
    await expectIdentityError(response, 400, "invalid_grant", 50011);
  });

  it("refuses an unknown grant type", async () => {
    const response = await postToken(server.url, { grant_type: "password" });
    await expectIdentityError(response, 400, "unsupported_grant_type", 70003);
  });

  describe("refresh_token grant", () => {
    const refresh = (token: string, origin?: string | null) =>
      postToken(server.url, { grant_type: "refresh_token", refresh_token: token }, origin);

    it("returns a new access token and a new refresh token; the old one keeps working", async () => {
      const first = await signIn(server.url);
      const response = await refresh(first.refresh_token ?? "");
      expect(response.status).toBe(200);
      const second = (await response.json()) as TokenResponseBody;
      expect(second.access_token).not.toBe(first.access_token);
      expect(second.refresh_token).toMatch(/^AwAB/);
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(second.id_token).toMatch(/^eyJ/);
      expect((await graphGet(server.url, "/me", second.access_token)).status).toBe(200);
      expect((await refresh(first.refresh_token ?? "")).status).toBe(200);
    });

    it("needs an Origin header too", async () => {
      const first = await signIn(server.url);
      await expectIdentityError(
        await refresh(first.refresh_token ?? "", null),
        400,
        "invalid_request",
        9002327,
      );
    });

    it("keeps the 24 h SPA window of the original grant across rotations", async () => {
      const first = await signIn(server.url);
      server.context.clock.advance(23 * HOUR);
      const at23h = await refresh(first.refresh_token ?? "");
      expect(at23h.status).toBe(200);
      const rotated = ((await at23h.json()) as TokenResponseBody).refresh_token ?? "";

      server.context.clock.advance(HOUR + 60_000); // 24 h + 1 min after the sign-in
      const body = await expectIdentityError(await refresh(rotated), 400, "invalid_grant", 700084);
      expect(body.error_description).toContain("fixed, limited lifetime of 1.00:00:00");
      expect(body.error_description).toContain("The token was issued on 2026-01-15T12:00:00.000Z");
      await expectIdentityError(
        await refresh(first.refresh_token ?? ""),
        400,
        "invalid_grant",
        700084,
      );
    });

    it("refuses unknown and revoked refresh tokens with invalid_grant", async () => {
      await expectIdentityError(await refresh("AwABnope"), 400, "invalid_grant", 9002313);
      const tokens = await signIn(server.url);
      const revoke = await fetch(`${server.url}/graph/v1.0/me/revokeSignInSessions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${tokens.access_token}` },
      });
      expect(await revoke.json()).toMatchObject({ value: true });
      await expectIdentityError(
        await refresh(tokens.refresh_token ?? ""),
        400,
        "invalid_grant",
        50173,
      );
      // A later sign-in is not affected by the earlier revocation.
      const again = await signIn(server.url);
      expect((await refresh(again.refresh_token ?? "")).status).toBe(200);
    });

    it("refuses scopes beyond the consented ones with AADSTS65001", async () => {
      const tokens = await signIn(server.url);
      const response = await postToken(server.url, {
        grant_type: "refresh_token",
        refresh_token: tokens.refresh_token ?? "",
        scope: "Files.Read.All offline_access",
      });
      await expectIdentityError(response, 400, "invalid_grant", 65001);
    });
  });
});
