import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  authorizeUrl,
  consent,
  createPkcePair,
  REDIRECT_URI,
  TEST_CLIENT_ID,
  TEST_USERS,
} from "../test-support/microsoft-sign-in.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";
import { parseConsentForm } from "../testing/consent-form.js";

describe("Microsoft authorize endpoint", () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer({ users: TEST_USERS });
  });

  afterEach(async () => {
    await server.close();
  });

  /** GET without following redirects. */
  const get = (url: string) => fetch(url, { redirect: "manual" });

  it("shows a consent form that carries every parameter, a user choice and allow/deny", async () => {
    const url = authorizeUrl(
      server.url,
      { nonce: "n-1", login_hint: "sam@example.com" },
      "consumers",
    );
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const form = parseConsentForm(await response.text());
    expect(form.action).toBe("/microsoft/consumers/oauth2/v2.0/authorize");
    expect([...form.hidden]).toEqual([...new URL(url).searchParams]);
    expect(form.users).toEqual(["alex-0001", "sam-0002"]);
    expect(form.checkedUser).toBe("sam-0002"); // from login_hint
    expect(form.decisions.sort()).toEqual(["allow", "deny"]);
  });

  it("accepts a tenant GUID and long-form Graph scopes", async () => {
    const url = authorizeUrl(
      server.url,
      { scope: "https://graph.microsoft.com/Files.Read.All offline_access" },
      "72f988bf-86f1-41af-91ab-2d7cd011db47",
    );
    expect((await get(url)).status).toBe(200);
  });

  it("shows an AADSTS700016 page, without redirecting, for an unknown client", async () => {
    const response = await get(
      authorizeUrl(server.url, { client_id: "00000000-0000-0000-0000-000000000000" }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    const html = await response.text();
    expect(html).toContain(
      "AADSTS700016: Application with identifier &#39;00000000-0000-0000-0000-000000000000&#39; was not found",
    );
    expect(html).toMatch(/Trace ID: [0-9a-f-]{36}/);
  });

  it("shows an AADSTS50011 page for a redirect URI off this machine", async () => {
    const response = await get(
      authorizeUrl(server.url, { redirect_uri: "https://evil.example/cb" }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain(
      "AADSTS50011: The redirect URI &#39;https://evil.example/cb&#39;",
    );
  });

  it("shows an AADSTS90002 page for an unknown tenant", async () => {
    const response = await get(authorizeUrl(server.url, {}, "contoso"));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("AADSTS90002: Tenant &#39;contoso&#39; not found.");
  });

  it("redirects invalid_request with AADSTS9002325 when PKCE is missing", async () => {
    const response = await get(
      authorizeUrl(server.url, { code_challenge: undefined, code_challenge_method: undefined }),
    );
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(
      /^AADSTS9002325: Proof Key for Code Exchange is required.*\r\nTrace ID: /s,
    );
    expect(location.searchParams.get("state")).toBe("state-123");
  });

  it("redirects invalid_scope with AADSTS70011 for an unknown scope", async () => {
    const response = await get(authorizeUrl(server.url, { scope: "Files.Read Mail.Read" }));
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.searchParams.get("error")).toBe("invalid_scope");
    expect(location.searchParams.get("error_description")).toContain(
      "AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope 'Mail.Read' does not exist.",
    );
  });

  it("redirects unsupported_response_type for response_type=token", async () => {
    const response = await get(authorizeUrl(server.url, { response_type: "token" }));
    expect(new URL(response.headers.get("location") ?? "").searchParams.get("error")).toBe(
      "unsupported_response_type",
    );
  });

  it("answers prompt=none with login_required: the emulator keeps no session", async () => {
    const response = await get(authorizeUrl(server.url, { prompt: "none" }));
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.searchParams.get("error")).toBe("login_required");
    expect(location.searchParams.get("error_description")).toMatch(/^AADSTS50058:/);
  });

  it("redirects with a code and the state when the person allows", async () => {
    const response = await consent(server.url, authorizeUrl(server.url), "allow", "sam-0002");
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect([...location.searchParams.keys()]).toEqual(["code", "state"]);
    expect(location.searchParams.get("code")).toMatch(/^M\.C\d{3}_[\w-]{120}$/);
    expect(location.searchParams.get("state")).toBe("state-123");
  });

  it("puts the code in the fragment for response_mode=fragment", async () => {
    const response = await consent(
      server.url,
      authorizeUrl(server.url, { response_mode: "fragment" }),
      "allow",
    );
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.search).toBe("");
    expect(new URLSearchParams(location.hash.slice(1)).get("code")).toMatch(/^M\.C/);
  });

  it("redirects access_denied with an AADSTS65004 description when the person denies", async () => {
    const response = await consent(server.url, authorizeUrl(server.url), "deny");
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("error_description")).toMatch(
      /^AADSTS65004: User declined to consent to access the app\.\r\nTrace ID: /,
    );
    expect(location.searchParams.get("state")).toBe("state-123");
    expect(location.searchParams.has("code")).toBe(false);
  });

  it("validates the posted form again, so an edited redirect_uri gets an error page", async () => {
    const fields = new URLSearchParams({
      client_id: TEST_CLIENT_ID,
      response_type: "code",
      redirect_uri: "https://evil.example/cb",
      scope: "Files.Read",
      code_challenge: createPkcePair().challenge,
      code_challenge_method: "S256",
      user: "alex-0001",
      decision: "allow",
    });
    const response = await fetch(`${server.url}/microsoft/common/oauth2/v2.0/authorize`, {
      method: "POST",
      body: fields,
      redirect: "manual",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("AADSTS50011");
  });

  it("refuses a posted user who is not one of the context's users", async () => {
    const response = await consent(server.url, authorizeUrl(server.url), "allow", "mallory");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("AADSTS50034");
  });
});
