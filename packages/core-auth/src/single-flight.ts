/**
 * Runs at most one operation per key at a time: callers that arrive while one
 * is running get the same promise instead of starting another.
 *
 * @example
 * ```ts
 * const flights = new SingleFlight<string, string>();
 * const [a, b] = await Promise.all([flights.run("x", refresh), flights.run("x", refresh)]); // one refresh
 * ```
 */
export class SingleFlight<K, V> {
  readonly #running = new Map<K, Promise<V>>();

  /** The running operation for `key`, or a new one started with `start`. */
  run(key: K, start: () => Promise<V>): Promise<V> {
    const running = this.#running.get(key);
    if (running !== undefined) return running;
    const flight = Promise.resolve()
      .then(start)
      .finally(() => {
        if (this.#running.get(key) === flight) this.#running.delete(key);
      });
    this.#running.set(key, flight);
    return flight;
  }

  /** The running operation for `key`, if any. */
  get(key: K): Promise<V> | undefined {
    return this.#running.get(key);
  }

  /** How many operations are running. */
  get size(): number {
    return this.#running.size;
  }
}
