import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildExample, launchChromium, serveExample } from "../../scripts/browser-rig.mjs";

let browser: Browser;
let server: Awaited<ReturnType<typeof serveExample>>;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  await buildExample();
  server = await serveExample();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(server.url);
  await page.waitForSelector("#status[data-state=ready]");
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const resultText = () => page.locator("#result").textContent();

describe("the example page in headless Chromium", () => {
  it("loads the built packages, starts the worker and shows the forwarded ready event", async () => {
    expect(await page.locator("#status").textContent()).toMatch(/^ready \(v\d+\.\d+\.\d+/);
    expect(await page.locator("#log").textContent()).toContain("runtime:ready");
    // The worker is a real dedicated worker of this page.
    expect(page.workers().length).toBe(1);
  });

  it("calls a worker method from a click", async () => {
    await page.click("#ping");
    await page.waitForFunction(() =>
      document.querySelector("#result")?.textContent?.startsWith("pong"),
    );
    expect(await resultText()).toMatch(/^pong in \d+\.\d\d ms$/);
  });

  it("receives a burst of forwarded events", async () => {
    await page.click("#burst");
    await page.waitForFunction(() =>
      document.querySelector("#log")?.textContent?.includes("diagnostics:tick ×1000"),
    );
    expect(await page.locator("#log li").first().textContent()).toBe(
      "diagnostics:tick ×1000 (received 1000 so far)",
    );
  });

  it("gets a rejected call with the right error code", async () => {
    await page.click("#bad-config");
    await page.waitForFunction(() => document.querySelector("#result")?.getAttribute("data-code"));
    expect(await page.locator("#result").getAttribute("data-code")).toBe("runtime/invalid-config");
    expect(await resultText()).toBe(
      'runtime/invalid-config: Unknown config key "http.timeotMs" (did you mean "http.timeoutMs"?)',
    );
  });

  it("transfers buffers and rebuilds errors as PlayerError instances on the page", async () => {
    const outcome = await page.evaluate(async () => {
      const { player } = window as unknown as {
        player: import("@player/main-bridge").Player;
      };
      const buffer = new Uint8Array([1, 2, 3, 4]).buffer;
      const echoed = await player.diagnostics.echo(buffer);
      let rejected: { name: string; code: string; isError: boolean } | undefined;
      try {
        await player.diagnostics.emitBurst(-1);
      } catch (error) {
        const e = error as { name: string; code: string };
        rejected = { name: e.name, code: e.code, isError: error instanceof Error };
      }
      return { sentLength: buffer.byteLength, echoed: [...new Uint8Array(echoed)], rejected };
    });
    expect(outcome).toEqual({
      sentLength: 0,
      echoed: [1, 2, 3, 4],
      rejected: { name: "PlayerError", code: "runtime/invalid-argument", isError: true },
    });
  });

  it("a worker URL that does not load fails fast with runtime/worker-lost, not a hang", async () => {
    const outcome = await page.evaluate(async () => {
      const { createPlayerForTest } = window as unknown as {
        createPlayerForTest: typeof import("@player/main-bridge").createPlayer;
      };
      const broken = createPlayerForTest({ worker: "/no-such-worker.js" });
      const lost = new Promise<{ reason: string; message: string }>((resolve) =>
        broken.on("runtime:worker-lost", resolve),
      );
      const ready = await broken.ready.then(
        () => "resolved",
        (error: { code: string }) => error.code,
      );
      return { ready, lost: await lost, disposed: broken.disposed };
    });
    expect(outcome.ready).toBe("runtime/worker-lost");
    expect(outcome.lost.reason).toBe("worker-error");
    expect(outcome.lost.message).toContain("failed to start");
    expect(outcome.disposed).toBe(true);
  });

  it("disposes: the worker is terminated and later calls reject with runtime/disposed", async () => {
    const workerClosed = page.workers()[0]?.waitForEvent("close");
    await page.click("#dispose");
    await workerClosed;
    const code = await page.evaluate(async () => {
      const { player } = window as unknown as { player: import("@player/main-bridge").Player };
      return player.getConfig().then(
        () => "resolved",
        (error: { code: string }) => error.code,
      );
    });
    expect(code).toBe("runtime/disposed");
    expect(pageErrors).toEqual([]);
  });
});
