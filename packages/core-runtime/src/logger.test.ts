import { describe, expect, it } from "vitest";
import { Logger, type LogRecord } from "./logger.js";
import { REDACTED, redact, redactText } from "./redact.js";

function collect(level: "debug" | "warn" = "debug") {
  const records: LogRecord[] = [];
  const logger = new Logger({
    level,
    sink: (record) => records.push(record),
    now: () => 42,
    scope: "test",
  });
  return { logger, records };
}

describe("Logger", () => {
  it("writes records at or above its level, with scope and injected time", () => {
    const { logger, records } = collect("warn");
    logger.debug("hidden");
    logger.info("hidden");
    logger.warn("shown", { attempt: 2 });
    logger.error("also shown");
    expect(records).toEqual([
      { level: "warn", scope: "test", message: "shown", time: 42, context: { attempt: 2 } },
      { level: "error", scope: "test", message: "also shown", time: 42 },
    ]);
  });

  it("child loggers extend the scope; setLevel('silent') mutes everything", () => {
    const { logger, records } = collect();
    logger.child("http").info("retry");
    expect(records[0]?.scope).toBe("test:http");
    logger.setLevel("silent");
    logger.error("muted");
    expect(records).toHaveLength(1);
  });

  it("redacts tokens in messages and context before the sink sees them", () => {
    const { logger, records } = collect();
    logger.info("GET /drive?access_token=ya29.a0AfH6SMBx&pageSize=10 with Bearer abc.def-ghi", {
      headers: { Authorization: "Bearer secret-token", Accept: "application/json" },
      body: '{"refresh_token":"1//0gLongRefreshToken","expires_in":3599}',
    });
    const record = records[0];
    expect(record?.message).toBe(
      `GET /drive?access_token=${REDACTED}&pageSize=10 with Bearer ${REDACTED}`,
    );
    expect(record?.context).toEqual({
      headers: { Authorization: REDACTED, Accept: "application/json" },
      body: `{"refresh_token":"${REDACTED}","expires_in":3599}`,
    });
    expect(JSON.stringify(records)).not.toMatch(/secret-token|ya29|1\/\/0g/);
  });

  it("a throwing sink never breaks the caller", () => {
    const logger = new Logger({
      level: "debug",
      sink: () => {
        throw new Error("sink down");
      },
    });
    expect(() => logger.error("still fine")).not.toThrow();
  });
});

describe("redact", () => {
  it("hides values under secret keys at any depth but keeps ordinary fields", () => {
    expect(
      redact({
        account: { accessToken: "x", refresh_token: "y", client_secret: "z", name: "Ann" },
        code: "http/timeout",
      }),
    ).toEqual({
      account: {
        accessToken: REDACTED,
        refresh_token: REDACTED,
        client_secret: REDACTED,
        name: "Ann",
      },
      code: "http/timeout",
    });
  });

  it("hides JWTs, OAuth codes in URLs and Headers objects", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJlLXZhbHVl";
    expect(redactText(`id ${jwt} end`)).toBe(`id ${REDACTED} end`);
    expect(redactText("/callback?code=4/0AX4XfWh&state=abc")).toBe(
      `/callback?code=${REDACTED}&state=abc`,
    );
    const headers = new Headers({ authorization: "Bearer t0k3n", range: "bytes=0-9" });
    expect(redact(headers)).toEqual({ authorization: REDACTED, range: "bytes=0-9" });
    expect(redact(new Uint8Array(4))).toBe("[Uint8Array 4 bytes]");
  });
});
