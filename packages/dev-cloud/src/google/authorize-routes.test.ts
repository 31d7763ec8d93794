import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REDIRECT_URI } from "../test-support/google-sign-in.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";
import { parseConsentForm } from "../testing/consent-form.js";

const CLIENT_ID = "dev-google-client.apps.googleusercontent.com";

function authorizeQuery(overrides: Record<string, string | null> = {}): URLSearchParams {
  const query = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: "https://www.googleapis.com/auth/drive.readonly",
    state: "st",
  });
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) query.delete(name);
    else query.set(name, value);
  }
  return query;
}

describe("GET/POST /google/o/oauth2/v2/auth", () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  async function openPage(
    query: URLSearchParams,
  ): Promise<{ status: number; html: string; location: string | null }> {
    const response = await fetch(`${server.url}/google/o/oauth2/v2/auth?${query}`, {
      redirect: "manual",
    });
    return {
      status: response.status,
      html: await response.text(),
      location: response.headers.get("location"),
    };
  }

  /** Posts the consent form as if `user` had been chosen and Allow pressed. */
  function allowAs(user: string, fields: URLSearchParams): Promise<Response> {
    fields.set("user", user);
    fields.set("decision", "allow");
    return fetch(`${server.url}/google/o/oauth2/v2/auth`, {
      method: "POST",
      body: fields,
      redirect: "manual",
    });
  }

  function errorCode(html: string): string | undefined {
    return /data-error="([^"]+)"/.exec(html)?.[1];
  }

  it("shows an invalid_client page, without redirecting, for an unknown client", async () => {
    const page = await openPage(
      authorizeQuery({ client_id: "someone-else.apps.googleusercontent.com" }),
    );
    expect(page.status).toBe(400);
    expect(page.location).toBeNull();
    expect(errorCode(page.html)).toBe("invalid_client");
  });

  it.each([
    ["a foreign host", "https://evil.example/callback"],
    ["https on localhost", "https://localhost:5173/cb"],
    ["a fragment", "http://127.0.0.1:5173/cb#frag"],
    ["not a URL", "callback"],
  ])("shows redirect_uri_mismatch for %s", async (_label, redirectUri) => {
    const page = await openPage(authorizeQuery({ redirect_uri: redirectUri }));
    expect(page.status).toBe(400);
    expect(page.location).toBeNull();
    expect(errorCode(page.html)).toBe("redirect_uri_mismatch");
  });

  it.each([
    [{ response_type: "token" }, "unsupported_response_type"],
    [{ response_type: null }, "invalid_request"],
    [{ scope: null }, "invalid_request"],
    [{ scope: "drive" }, "invalid_scope"],
    [{ code_challenge: "a".repeat(43), code_challenge_method: "S512" }, "invalid_request"],
    [{ code_challenge: "short" }, "invalid_request"],
    [{ access_type: "forever" }, "invalid_request"],
    [{ prompt: "none consent" }, "invalid_request"],
  ])("shows an error page for %j", async (overrides, expected) => {
    const page = await openPage(authorizeQuery(overrides));
    expect(page.status).toBe(400);
    expect(errorCode(page.html)).toBe(expected);
  });

  it("escapes parameters in the page and carries them back intact", async () => {
    const state = `"><script>alert(1)</script>`;
    const page = await openPage(authorizeQuery({ state }));
    expect(page.status).toBe(200);
    expect(page.html).not.toContain("<script>");
    const form = parseConsentForm(page.html);
    expect(form.hidden).toContainEqual(["state", state]);
  });

  it("preselects the account named by login_hint", async () => {
    const page = await openPage(authorizeQuery({ login_hint: "sam@example.com" }));
    expect(page.html).toMatch(/name="user" value="sam" checked/);
    expect(page.html).not.toMatch(/name="user" value="alex" checked/);
  });

  it("re-validates the submitted form: a swapped redirect_uri gets a page, not a redirect", async () => {
    const response = await allowAs(
      "alex",
      authorizeQuery({ redirect_uri: "https://evil.example/cb" }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(errorCode(await response.text())).toBe("redirect_uri_mismatch");
  });

  it("refuses a submission for an account that is not offered", async () => {
    const response = await allowAs("mallory", authorizeQuery());
    expect(response.status).toBe(400);
    expect(errorCode(await response.text())).toBe("invalid_request");
  });
});
