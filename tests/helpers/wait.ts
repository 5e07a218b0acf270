/**
 * Waits for something a test can see to become true (a message arrived, a socket closed), polling
 * every 10 ms for at most `ms`; resolves with whether it held. Tests wait for events, not fixed times.
 */
export async function until(check: () => boolean, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end && !check();) await sleep(10);
  return check();
}

/** For the few places where time itself is the subject (a freeze that lasts, a grace period). */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
