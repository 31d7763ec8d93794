import { describe, expectTypeOf, it } from "vitest";
import {
  type DeepPartial,
  type DeepReadonly,
  EventBus,
  type PlayerConfig,
  type PlayerErrorData,
  type PlayerEventMap,
  RUNTIME_CONFIG_DEFAULTS,
  resolveConfig,
  UI_EVENT_NAMES,
  type UiEventName,
} from "./index.js";

describe("event map types", () => {
  it("types emit and on by event name", () => {
    const bus = new EventBus();
    bus.emit("diagnostics:tick", { seq: 1, total: 2 });
    // @ts-expect-error: wrong payload for the event
    bus.emit("diagnostics:tick", { seq: "1", total: 2 });
    // @ts-expect-error: unknown event
    bus.emit("nope:nope", {});
    bus.on("runtime:error", (data) => {
      expectTypeOf(data.error).toEqualTypeOf<PlayerErrorData>();
      expectTypeOf(data.source).toBeString();
    });
    expectTypeOf(bus.on("runtime:ready", () => {})).toEqualTypeOf<() => void>();
  });

  it("forwards only names of the event map, and the page also gets worker-lost", () => {
    expectTypeOf(UI_EVENT_NAMES[0]).toExtend<keyof PlayerEventMap>();
    expectTypeOf<"runtime:worker-lost">().toExtend<UiEventName>();
    expectTypeOf<"runtime:config-changed">().toExtend<UiEventName>();
  });
});

describe("config types", () => {
  it("accepts deep-partial overrides and returns a deep-readonly config", () => {
    const overrides: DeepPartial<PlayerConfig> = { http: { retries: 1 } };
    const config = resolveConfig(RUNTIME_CONFIG_DEFAULTS, overrides);
    expectTypeOf(config).toEqualTypeOf<DeepReadonly<PlayerConfig>>();
    expectTypeOf(config.http.timeoutMs).toBeNumber();
    // @ts-expect-error: resolved config is read-only
    config.http.timeoutMs = 5;
    // @ts-expect-error: unknown key in a deep partial
    const typo: DeepPartial<PlayerConfig> = { http: { timeotMs: 1 } };
    expectTypeOf(typo).toEqualTypeOf<DeepPartial<PlayerConfig>>();
  });
});
