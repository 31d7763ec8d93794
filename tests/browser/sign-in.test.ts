import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildExample, launchChromium, serveExample } from "../../scripts/browser-rig.mjs";

/**
 * Records every message any listener on the page receives (from the worker,
 * the event port, and the sign-in popup), before the app's code runs.
 */
const RECORD_MESSAGES = `
  window.__messages = [];
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (type === "message" && typeof listener === "function") {
      const original = listener;
      listener = function (event) {
        try { window.__messages.push(JSON.stringify(event.data)); } catch { window.__messages.push(String(event.data)); }
        return original.call(this, event);
      };
    }
    return add.call(this, type, listener, options);
  };
`;

let cloud: DevCloud;
let browser: Browser;
let context: BrowserContext;
let server: Awaited<ReturnType<typeof serveExample>>;
let page: Page;
/** Every token the dev-cloud's token endpoints handed out, read off the wire. */
const issuedTokens: string[] = [];

beforeAll(async () => {
  cloud = await startDevCloud({ port: 0, tracks: 10, seed: 7 });
  await buildExample();
  server = await serveExample();
  browser = await launchChromium();
  context = await browser.newContext();
  context.on("response", async (response) => {
    if (!/\/(token)$/.test(new URL(response.url()).pathname)) return;
    if (response.request().method() !== "POST") return;
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    for (const key of ["access_token", "refresh_token", "id_token"]) {
      if (typeof body[key] === "string") issuedTokens.push(body[key] as string);
    }
  });
  page = await context.newPage();
  await page.addInitScript(RECORD_MESSAGES);
  await page.goto(`${server.url}?cloud=${encodeURIComponent(cloud.url)}`);
  await page.waitForSelector("#status[data-state=ready]");
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await cloud?.close();
});

async function signInThroughPopup(button: string, user: "alex" | "sam" = "alex"): Promise<void> {
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.click(button)]);
  await popup.waitForSelector("button[value=allow]");
  await popup.check(`input[name=user][value=${user}]`);
  await Promise.all([popup.waitForEvent("close"), popup.click("button[value=allow]")]);
}

const accountRows = () => page.locator("#accounts li").allTextContents();

describe("signing in from the example page against the local cloud", () => {
  it("signs in with Google (local) through the popup and lists the account", async () => {
    await signInThroughPopup("#sign-in-google");
    await page.waitForSelector("#accounts li[data-provider=google]");
    expect(await accountRows()).toEqual([
      expect.stringContaining("Alex Example <alex@example.com> · google"),
    ]);
    expect(await page.locator("#auth-status").textContent()).toBe("Signed in as Alex Example");
  });

  it("signs in with Microsoft (local) as another user; both accounts are listed", async () => {
    await signInThroughPopup("#sign-in-microsoft", "sam");
    await page.waitForSelector("#accounts li[data-provider=microsoft]");
    const rows = await accountRows();
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Alex Example <alex@example.com> · google"),
        expect.stringContaining("Sam Sample <sam@example.com> · microsoft"),
      ]),
    );
  });

  it("the page never received an access, refresh or id token", async () => {
    // Both code exchanges and nothing else went to the token endpoints.
    expect(issuedTokens.length).toBeGreaterThanOrEqual(4);
    const messages = await page.evaluate(
      () => (window as unknown as { __messages: string[] }).__messages,
    );
    expect(messages.length).toBeGreaterThan(10);
    const all = messages.join("\n");
    expect(all).toContain("auth:signed-in");
    for (const token of issuedTokens) expect(all).not.toContain(token);
    expect(all).not.toMatch(/ya29\.|"1\/\/|AwAB[A-Za-z0-9_-]{20}|eyJ[A-Za-z0-9_-]{10,}\./);
  });

  it("a popup the user closes ends the attempt with auth/cancelled", async () => {
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.click("#sign-in-google")]);
    await popup.waitForSelector("button[value=allow]");
    await popup.close();
    await page.waitForFunction(() =>
      document.querySelector("#auth-status")?.getAttribute("data-code"),
    );
    expect(await page.locator("#auth-status").getAttribute("data-code")).toBe("auth/cancelled");
  });

  it("denying consent ends the attempt with auth/cancelled, no account added", async () => {
    await page.evaluate(() => document.querySelector("#auth-status")?.removeAttribute("data-code"));
    const [popup] = await Promise.all([
      page.waitForEvent("popup"),
      page.click("#sign-in-microsoft"),
    ]);
    await popup.waitForSelector("button[value=deny]");
    await Promise.all([popup.waitForEvent("close"), popup.click("button[value=deny]")]);
    await page.waitForFunction(() =>
      document.querySelector("#auth-status")?.getAttribute("data-code"),
    );
    expect(await page.locator("#auth-status").getAttribute("data-code")).toBe("auth/cancelled");
    expect(await accountRows()).toHaveLength(2);
  });

  it("falls back to a full-page redirect when the popup is blocked, and finishes on return", async () => {
    await page.evaluate(() => {
      // What a popup blocker does: window.open answers null.
      window.open = () => null;
    });
    await page.click("#sign-in-google");
    await page.waitForURL(/\/google\/o\/oauth2\/v2\/auth/);
    await page.check("input[name=user][value=sam]");
    await page.click("button[value=allow]");
    // The callback page hands the answer back to the app page, which completes the sign-in.
    await page.waitForURL(`${server.url}?cloud=${encodeURIComponent(cloud.url)}`);
    await page.waitForSelector("#accounts li[data-account-id='google:sam']");
    expect(await accountRows()).toHaveLength(3);
  });

  it("signing out removes the account", async () => {
    await page.click("#accounts li[data-account-id='google:alex'] button");
    await page.waitForFunction(() => document.querySelectorAll("#accounts li").length === 2);
    const rows = await accountRows();
    expect(rows.join("\n")).not.toContain("alex@example.com");
  });
});
