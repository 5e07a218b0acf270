/**
 * Milliseconds on the machine's monotonic clock (libuv's `uv_hrtime`, CLOCK_MONOTONIC on Linux):
 * the same clock in every process of one machine, and never stepped. Timestamps compared across
 * processes — a commit in one, its receipt in another (the benchmark's fan-out and cluster parts,
 * the broadcaster's trace) — must use it. `performance.timeOrigin + performance.now()` reads the
 * wall clock once at each process's start, so a step of the wall clock between two processes'
 * starts shifts one against the other: a full benchmark run read every receipt ~0.9 s late that way.
 */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;
