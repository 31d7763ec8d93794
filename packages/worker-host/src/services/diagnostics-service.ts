import { type EventBus, requireArrayBuffer, requireInteger } from "@player/core-runtime";
import { transfer } from "comlink";
import type { DiagnosticsApi } from "../worker-api.js";

/** Largest burst one call may ask for. */
export const MAX_BURST = 1_000_000;

/** Self-test and measurement calls; see {@link DiagnosticsApi}. */
export class DiagnosticsService implements DiagnosticsApi {
  constructor(
    private readonly bus: EventBus,
    private readonly now: () => number = () => performance.now(),
  ) {}

  ping(): number {
    return this.now();
  }

  echo(buffer: ArrayBuffer): ArrayBuffer {
    requireArrayBuffer(buffer, "buffer");
    return transfer(buffer, [buffer]);
  }

  emitBurst(count: number): number {
    requireInteger(count, "count", 1, MAX_BURST);
    for (let seq = 0; seq < count; seq++) this.bus.emit("diagnostics:tick", { seq, total: count });
    return count;
  }
}
