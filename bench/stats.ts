/**
 * Measurement helpers. The machine these run on is shared and noisy, so nothing here reports a
 * single timing: every case is measured in several rounds, the cases of a round run back to back
 * (interleaved, in a rotating order), and a ratio is the median of the per-round ratios. Two
 * cases measured in the same second see the same background load; their ratio survives noise
 * that would swamp an absolute figure.
 */

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** One measurement of a case in one round. */
export interface Sample {
  /** Operations (or requests) per second. */
  rate: number;
  /** Latencies in ms, when the case records them. */
  p50?: number;
  p99?: number;
  /** Failed operations (non-2xx, wrong result): a case with failures is not a valid figure. */
  failures?: number;
  /**
   * Operations per second of CPU time of the process doing the work, all its threads (libuv's
   * pool included): this process for in-process cases, the server for HTTP ones (`serverPid`).
   * What an operation costs, as opposed to how long the caller waits for it.
   */
  cpuRate?: number;
}

export type Measure = () => Promise<Sample>;

/**
 * Runs `rounds` rounds over the cases; each round measures every case once, starting one case
 * later than the round before, so no case always runs first (cold) or last (after the others).
 */
export async function interleave(
  cases: Record<string, Measure>,
  rounds: number,
  onProgress?: (round: number, name: string) => void,
): Promise<Record<string, Sample[]>> {
  const names = Object.keys(cases);
  const samples: Record<string, Sample[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length];
      onProgress?.(round, name);
      samples[name].push(await cases[name]());
    }
  }
  return samples;
}

/** Median CPU time per operation in ms over a case's rounds; NaN when a sample carries none (no /proc). */
export function cpuMsPerOp(samples: Sample[] | undefined): number {
  const perOp = (samples ?? []).map((s) => (s.cpuRate ? 1000 / s.cpuRate : Number.NaN));
  return perOp.length > 0 && perOp.every(Number.isFinite) ? median(perOp) : Number.NaN;
}

/** Median rate of a case over its rounds. */
export const medianRate = (samples: Sample[]) => median(samples.map((s) => s.rate));

/** Median over rounds of rate(case) / rate(reference), both measured in the same round. */
export function ratioOf(samples: Sample[], reference: Sample[]): number {
  return median(samples.map((s, i) => s.rate / reference[i].rate));
}

/**
 * Calls `fn` back to back for about `durationMs` and returns calls per second. Synchronous
 * functions are not awaited (an await would add a microtask to a 20 µs operation); the clock is
 * read once per batch so that reading it costs nothing measurable.
 */
export async function opsPerSecond(fn: () => unknown, durationMs: number): Promise<Sample> {
  let ops = 0;
  let batch = 1;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let i = 0; i < batch; i++) {
      const result = fn();
      if (result instanceof Promise) await result;
    }
    ops += batch;
    elapsed = performance.now() - start;
    if (elapsed < durationMs / 20) batch *= 2;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { rate: (ops * 1000) / elapsed, cpuRate: (ops * 1e6) / Math.max(1, cpu.user + cpu.system) };
}

/** Like ratioOf, on operations per CPU-second: a ratio of costs rather than of waits. */
export function cpuRatioOf(samples: Sample[], reference: Sample[]): number {
  return median(samples.map((s, i) => (s.cpuRate ?? Number.NaN) / (reference[i].cpuRate ?? Number.NaN)));
}

/**
 * Keeps `concurrency` calls of `fn` in flight for about `durationMs`; returns completed calls
 * per second and latency percentiles. For operations that wait on a thread pool or a database
 * (argon2id, Prisma), where one call at a time would leave the machine idle.
 */
export async function concurrentRate(fn: () => Promise<boolean>, concurrency: number, durationMs: number): Promise<Sample> {
  const latencies: number[] = [];
  let failures = 0;
  // CPU per call counts every call that ran, the late ones too, with all the CPU they used.
  let calls = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const worker = async () => {
    while (performance.now() - start < durationMs) {
      const t0 = performance.now();
      const ok = await fn();
      calls++;
      const t1 = performance.now();
      // Counted like autocannon counts: only what completes inside the window. Calls still in
      // flight at its end are left out, as autocannon leaves out unanswered requests.
      if (t1 - start > durationMs) break;
      if (!ok) failures++;
      latencies.push(t1 - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpuStart);
  return {
    rate: (latencies.length * 1000) / durationMs,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
    cpuRate: (calls * 1e6) / Math.max(1, cpu.user + cpu.system),
  };
}
