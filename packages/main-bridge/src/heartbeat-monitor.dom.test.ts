import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_HEARTBEAT, HeartbeatMonitor, type HeartbeatOptions } from "./heartbeat-monitor.js";

/**
 * A fake worker end of the heartbeat: records every send with its fake time,
 * and answers according to `answer` (after `delayMs`), or never.
 */
class FakeWorker {
  readonly sent: Array<{ seq: number; at: number }> = [];
  readonly answers: Array<{ seq: number; at: number }> = [];
  /** Which heartbeats to answer, and with which number. `undefined`: stay silent. */
  answer: (seq: number) => number | undefined = (seq) => seq;
  delayMs = 0;

  readonly send = (seq: number): Promise<number> => {
    this.sent.push({ seq, at: Date.now() });
    const echoed = this.answer(seq);
    if (echoed === undefined) return new Promise<number>(() => {});
    return new Promise<number>((resolve) => {
      const reply = () => {
        this.answers.push({ seq, at: Date.now() });
        resolve(echoed);
      };
      if (this.delayMs === 0) reply();
      else setTimeout(reply, this.delayMs);
    });
  };

  /** Number of heartbeats sent but not answered. */
  get unanswered(): number {
    return this.sent.length - this.answers.length;
  }
}

const lost: Array<{ at: number; silentForMs: number }> = [];
const monitors: HeartbeatMonitor[] = [];
let t0 = 0;

function monitor(worker: FakeWorker, options: HeartbeatOptions = DEFAULT_HEARTBEAT) {
  const heartbeat = new HeartbeatMonitor(
    worker.send,
    (silentForMs) => lost.push({ at: Date.now() - t0, silentForMs }),
    options,
    () => Date.now(),
  );
  monitors.push(heartbeat);
  return heartbeat;
}

/** Fake time elapsed since the test started. */
const elapsed = () => Date.now() - t0;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_700_000_000_000);
  t0 = Date.now();
  lost.length = 0;
});

afterEach(() => {
  for (const heartbeat of monitors.splice(0)) heartbeat.stop();
  vi.useRealTimers();
});

describe("HeartbeatMonitor", () => {
  it("never declares a worker that answers every heartbeat lost, over 60 s", async () => {
    const worker = new FakeWorker();
    monitor(worker).start();

    await vi.advanceTimersByTimeAsync(60_000);

    expect(lost).toEqual([]);
    // One beat at start, then one per interval, numbered 1, 2, 3...
    expect(worker.sent).toHaveLength(60_000 / DEFAULT_HEARTBEAT.intervalMs + 1);
    expect(worker.sent.map(({ seq }) => seq)).toEqual(worker.sent.map((_, index) => index + 1));
    expect(worker.unanswered).toBe(0);
  });

  it("never declares a slow but live worker lost (answers 1 s late, under the timeout)", async () => {
    const worker = new FakeWorker();
    worker.delayMs = 1_000;
    monitor(worker).start();

    await vi.advanceTimersByTimeAsync(60_000);

    expect(lost).toEqual([]);
    expect(worker.answers.length).toBeGreaterThan(40);
  });

  it.each([0, 1, 100, 249, 250, 251, 800, 1_249])(
    "declares a worker that goes silent lost within intervalMs + timeoutMs of its last answer (answers after %i ms)",
    async (delayMs) => {
      const worker = new FakeWorker();
      worker.delayMs = delayMs;
      const answerCount = 5;
      worker.answer = (seq) => (seq <= answerCount ? seq : undefined);
      monitor(worker).start();

      await vi.advanceTimersByTimeAsync(20_000);

      expect(worker.answers).toHaveLength(answerCount);
      const lastAnswerAt = (worker.answers.at(-1)?.at ?? Number.NaN) - t0;
      expect(lost).toHaveLength(1);
      const [{ at, silentForMs }] = lost as [{ at: number; silentForMs: number }];
      // 250 + 1250 = 1500 ms with the defaults: well within 2 s.
      expect(at - lastAnswerAt).toBeLessThanOrEqual(
        DEFAULT_HEARTBEAT.intervalMs + DEFAULT_HEARTBEAT.timeoutMs,
      );
      // Not earlier than a full timeout after the unanswered heartbeat.
      const unansweredAt = (worker.sent[answerCount]?.at ?? Number.NaN) - t0;
      expect(at - unansweredAt).toBe(DEFAULT_HEARTBEAT.timeoutMs);
      expect(silentForMs).toBe(at - lastAnswerAt);
    },
  );

  it("fires onLost at exactly the deadline, once, and stops beating", async () => {
    const worker = new FakeWorker();
    worker.answer = (seq) => (seq === 1 ? seq : undefined);
    monitor(worker).start();
    // Answered at 0; beat 2 goes out at 250 and is never answered.
    await vi.advanceTimersByTimeAsync(250 + DEFAULT_HEARTBEAT.timeoutMs - 1);
    expect(lost).toEqual([]);

    await vi.advanceTimersByTimeAsync(1);
    expect(lost).toEqual([{ at: 1_500, silentForMs: 1_500 }]);

    const sentWhenLost = worker.sent.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lost).toHaveLength(1);
    expect(worker.sent).toHaveLength(sentWhenLost);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("allows startupTimeoutMs for the first answer instead of timeoutMs", async () => {
    const worker = new FakeWorker();
    worker.answer = () => undefined;
    monitor(worker, { intervalMs: 250, timeoutMs: 1_250, startupTimeoutMs: 3_000 }).start();

    await vi.advanceTimersByTimeAsync(2_999);
    expect(lost).toEqual([]);

    await vi.advanceTimersByTimeAsync(1);
    expect(lost).toEqual([{ at: 3_000, silentForMs: 3_000 }]);
  });

  it("a worker whose script loads slowly is not lost if its first answer beats startupTimeoutMs", async () => {
    const worker = new FakeWorker();
    worker.delayMs = 2_500;
    monitor(worker, { intervalMs: 250, timeoutMs: 1_250, startupTimeoutMs: 3_000 }).start();

    await vi.advanceTimersByTimeAsync(2_600);
    expect(worker.answers).toHaveLength(1);
    expect(lost).toEqual([]);
  });

  it("stop() prevents onLost", async () => {
    const worker = new FakeWorker();
    worker.answer = (seq) => (seq <= 2 ? seq : undefined);
    const heartbeat = monitor(worker);
    heartbeat.start();
    await vi.advanceTimersByTimeAsync(1_000);
    const sentWhenStopped = worker.sent.length;

    heartbeat.stop();
    await vi.advanceTimersByTimeAsync(60_000);

    expect(lost).toEqual([]);
    expect(worker.sent).toHaveLength(sentWhenStopped);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps only one heartbeat in flight while the worker does not answer", async () => {
    const worker = new FakeWorker();
    worker.answer = (seq) => (seq === 1 ? seq : undefined);
    monitor(worker).start();

    await vi.advanceTimersByTimeAsync(1_400);

    // Beat 1 answered at once; beat 2 at 250 is still waiting, so no beat 3.
    expect(worker.sent.map(({ seq, at }) => ({ seq, at: at - t0 }))).toEqual([
      { seq: 1, at: 0 },
      { seq: 2, at: 250 },
    ]);
    expect(worker.unanswered).toBe(1);
    expect(elapsed()).toBe(1_400);
  });

  it("does not count an answer with the wrong sequence number", async () => {
    const worker = new FakeWorker();
    worker.answer = (seq) => (seq === 1 ? seq : seq + 100);
    monitor(worker).start();

    await vi.advanceTimersByTimeAsync(250 + DEFAULT_HEARTBEAT.timeoutMs);

    // Beat 2 was "answered" with 102: still in flight, so nothing else was sent.
    expect(worker.answers.map(({ seq }) => seq)).toEqual([1, 2]);
    expect(worker.sent).toHaveLength(2);
    expect(lost).toEqual([{ at: 1_500, silentForMs: 1_500 }]);
  });

  it("a wrong answer before the first right one leaves the startup deadline in force", async () => {
    const worker = new FakeWorker();
    worker.answer = () => 0;
    monitor(worker).start();

    await vi.advanceTimersByTimeAsync(DEFAULT_HEARTBEAT.startupTimeoutMs);

    expect(worker.sent).toHaveLength(1);
    expect(lost).toEqual([{ at: 10_000, silentForMs: 10_000 }]);
  });

  it("a rejected heartbeat call is left to time out, not treated as an answer", async () => {
    let calls = 0;
    const heartbeat = new HeartbeatMonitor(
      (seq) => (++calls === 1 ? Promise.resolve(seq) : Promise.reject(new Error("port closed"))),
      (silentForMs) => lost.push({ at: elapsed(), silentForMs }),
      DEFAULT_HEARTBEAT,
      () => Date.now(),
    );
    monitors.push(heartbeat);
    heartbeat.start();

    await vi.advanceTimersByTimeAsync(1_499);
    expect(lost).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(lost).toEqual([{ at: 1_500, silentForMs: 1_500 }]);
    expect(calls).toBe(2);
  });

  it("after stop() and start() with a heartbeat unanswered, a silent worker is still declared lost", async () => {
    const worker = new FakeWorker();
    const heartbeat = monitor(worker);
    heartbeat.start();
    await vi.advanceTimersByTimeAsync(100);
    worker.answer = () => undefined;
    await vi.advanceTimersByTimeAsync(300);
    heartbeat.stop();
    heartbeat.start();
    await vi.advanceTimersByTimeAsync(DEFAULT_HEARTBEAT.intervalMs + DEFAULT_HEARTBEAT.timeoutMs);
    expect(lost).toHaveLength(1);
  });
});
