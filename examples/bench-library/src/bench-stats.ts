/** Median and 95th percentile of a set of timings, in milliseconds. */
export interface Timing {
  medianMs: number;
  p95Ms: number;
  samples: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Summarises timings (nearest-rank percentiles). */
export function summarise(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianMs: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    samples: sorted.length,
  };
}

/** Runs `work` and pushes its duration onto `samples`; resolves its result. */
export async function timed<T>(samples: number[], work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await work();
  samples.push(performance.now() - started);
  return result;
}
