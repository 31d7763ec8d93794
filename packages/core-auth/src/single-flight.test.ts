import { describe, expect, it } from "vitest";
import { SingleFlight } from "./single-flight.js";

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("SingleFlight", () => {
  it("runs one operation per key while it is under way", async () => {
    const flights = new SingleFlight<string, number>();
    const gate = deferred<number>();
    let starts = 0;
    const start = () => {
      starts += 1;
      return gate.promise;
    };
    const calls = [flights.run("a", start), flights.run("a", start), flights.run("a", start)];
    expect(flights.size).toBe(1);
    gate.resolve(7);
    expect(await Promise.all(calls)).toEqual([7, 7, 7]);
    expect(starts).toBe(1);
    expect(flights.size).toBe(0);
  });

  it("starts a new operation once the previous one settled, also after a failure", async () => {
    const flights = new SingleFlight<string, number>();
    await expect(flights.run("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(flights.get("a")).toBeUndefined();
    await expect(flights.run("a", async () => 2)).resolves.toBe(2);
  });

  it("turns a synchronous throw into a rejection shared by the callers", async () => {
    const flights = new SingleFlight<string, number>();
    const start = () => {
      throw new Error("sync");
    };
    await expect(flights.run("a", start)).rejects.toThrow("sync");
  });

  it("keeps keys apart", async () => {
    const flights = new SingleFlight<string, string>();
    const [a, b] = await Promise.all([
      flights.run("a", async () => "A"),
      flights.run("b", async () => "B"),
    ]);
    expect([a, b]).toEqual(["A", "B"]);
  });
});
