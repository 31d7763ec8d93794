/**
 * A PlayerHost on fake-indexeddb against a real dev-cloud over HTTP, with
 * its forwarded events recorded: the fixture of the host's end-to-end tests.
 */
import { devCloudEndpoints, fetchWithOrigin } from "@player/core-auth";
import { isPlayerError, type PlayerErrorCode } from "@player/core-runtime";
import { audioFileKind } from "@player/core-sync";
import { approveSignIn, type DevCloud } from "@player/dev-cloud";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { PlayerHost } from "../player-host.js";
import type { EventBatchMessage } from "../worker-api.js";

const APP_ORIGIN = "http://127.0.0.1:5173";
const REDIRECT = `${APP_ORIGIN}/callback`;

/** Hosts and channels made by {@link HostFixture.setUp}, closed by `tearDown`. */
export class HostFixture {
  readonly #hosts: PlayerHost[] = [];
  readonly #channels: MessageChannel[] = [];
  readonly #cloud: () => DevCloud;

  constructor(cloud: () => DevCloud) {
    this.#cloud = cloud;
  }

  /** A host with its own empty IndexedDB; `auth` off when `signIn` is false. */
  setUp(
    signIn: boolean,
    indexedDB: IDBFactory = new IDBFactory(),
    config: Parameters<PlayerHost["init"]>[0]["config"] = undefined,
  ) {
    const cloud = this.#cloud();
    const channel = new MessageChannel();
    this.#channels.push(channel);
    const events: Array<readonly [string, unknown]> = [];
    channel.port2.addEventListener("message", (event: MessageEvent<EventBatchMessage>) => {
      events.push(...event.data.events);
    });
    channel.port2.start();
    const host = new PlayerHost({
      indexedDB,
      IDBKeyRange,
      // A page or worker sends Origin itself; Node's fetch does not.
      fetch: fetchWithOrigin(APP_ORIGIN) as typeof fetch,
      logSink: () => {},
    });
    this.#hosts.push(host);
    const { google, microsoft } = devCloudEndpoints(cloud.url);
    host.init({
      eventPort: channel.port1,
      ...(config === undefined ? {} : { config }),
      ...(signIn
        ? {
            auth: {
              google: {
                clientId: "dev-google-client.apps.googleusercontent.com",
                redirectUri: REDIRECT,
                ...google,
                apiBaseUrl: `${cloud.url}/google/drive/v3`,
              },
              microsoft: {
                clientId: "11111111-2222-3333-4444-555555555555",
                redirectUri: REDIRECT,
                ...microsoft,
                apiBaseUrl: `${cloud.url}/graph/v1.0`,
              },
            },
          }
        : {}),
    });
    return { host, events };
  }

  tearDown(): void {
    for (const host of this.#hosts.splice(0)) host.dispose();
    for (const { port1, port2 } of this.#channels.splice(0)) {
      port1.close();
      port2.close();
    }
  }
}

/** Music files the sync should keep: live, and music by name or MIME type (not `.lrc` or covers). */
export function expectedTrackCount(cloud: DevCloud): number {
  return cloud.context.library.all().filter((item) => {
    if (item.kind !== "file" || item.trashed) return false;
    const kind = audioFileKind(item.name, item.mimeType);
    return kind !== undefined && kind !== "lrc" && kind !== "cover";
  }).length;
}

/** Polls `read` until it gives a value. */
export async function until<T>(read: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The code a promise rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<PlayerErrorCode> {
  try {
    await promise;
  } catch (error) {
    if (isPlayerError(error)) return error.code;
    throw error;
  }
  throw new Error("expected a rejection");
}

/** Signs in through the dev-cloud's consent form; the authorization code. */
export async function approvedCode(authorizeUrl: string): Promise<string> {
  const { code, location } = await approveSignIn(authorizeUrl);
  if (code === undefined) throw new Error(`consent redirected without a code: ${location}`);
  return code;
}
