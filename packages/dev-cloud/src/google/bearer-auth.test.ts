import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signIn } from "../test-support/google-sign-in.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

const INVALID_CREDENTIALS = {
  error: {
    code: 401,
    message: "Invalid Credentials",
    errors: [
      {
        domain: "global",
        reason: "authError",
        message: "Invalid Credentials",
        locationType: "header",
        location: "Authorization",
      },
    ],
  },
};

describe("access tokens on userinfo and Drive", () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  function get(path: string, token?: string): Promise<Response> {
    const headers: Record<string, string> =
      token === undefined ? {} : { Authorization: `Bearer ${token}` };
    return fetch(`${server.url}${path}`, { headers });
  }

  it("answers a missing token with Drive's authError and a Bearer challenge", async () => {
    const response = await get("/google/drive/v3/files");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe(
      'Bearer realm="https://accounts.google.com/"',
    );
    expect(await response.json()).toEqual(INVALID_CREDENTIALS);
  });

  it("answers an unknown token with 401 and error=invalid_token", async () => {
    const response = await get("/google/oauth2/v3/userinfo", "ya29.unknown");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(await response.json()).toEqual(INVALID_CREDENTIALS);
  });

  it("expires access tokens 3599 s after issue on the server clock", async () => {
    const { accessToken } = await signIn(server.url);
    server.context.clock.advance(3598_999);
    expect((await get("/google/drive/v3/files", accessToken)).status).toBe(200);
    server.context.clock.advance(1);
    expect((await get("/google/drive/v3/files", accessToken)).status).toBe(401);
  });

  it("expires tokens early while the fault is on, though expires_in still says 3599", async () => {
    server.faults.setConfig({ accessTokenLifetimeMs: { google: 60_000 } });
    const { accessToken, expiresIn } = await signIn(server.url);
    expect(expiresIn).toBe(3599);
    server.context.clock.advance(59_999);
    expect((await get("/google/oauth2/v3/userinfo", accessToken)).status).toBe(200);
    server.context.clock.advance(1);
    expect((await get("/google/oauth2/v3/userinfo", accessToken)).status).toBe(401);
  });

  it("limits userinfo to the scopes granted", async () => {
    const { accessToken } = await signIn(server.url, {
      user: "alex",
      scope: "openid https://www.googleapis.com/auth/drive.readonly",
    });
    const response = await get("/google/oauth2/v3/userinfo", accessToken);
    expect(await response.json()).toEqual({ sub: "alex" });
  });

  it("refuses Drive calls without a Drive scope with insufficientPermissions", async () => {
    const { accessToken } = await signIn(server.url, { scope: "openid email" });
    const response = await get("/google/drive/v3/files", accessToken);
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { errors: Array<{ reason: string }> } };
    expect(body.error.errors[0]?.reason).toBe("insufficientPermissions");
  });

  it("lets drive.metadata.readonly list files but not download them", async () => {
    const library = server.context.library;
    const file = library.addFile({
      name: "a.mp3",
      parentId: library.rootId,
      bytes: new Uint8Array(4),
    });
    const { accessToken } = await signIn(server.url, {
      scope: "https://www.googleapis.com/auth/drive.metadata.readonly",
    });
    expect((await get("/google/drive/v3/files", accessToken)).status).toBe(200);
    expect((await get(`/google/drive/v3/files/${file.id}`, accessToken)).status).toBe(200);
    expect((await get(`/google/drive/v3/files/${file.id}?alt=media`, accessToken)).status).toBe(
      403,
    );
  });
});
