import fs from 'node:fs';

/**
 * Debian's Chromium (`apt-get install chromium`; .ci/run installs it), or CHROMIUM_PATH. Never a
 * browser download: playwright-core drives whatever is installed.
 */
export const CHROMIUM =
  [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && fs.existsSync(p)) ?? null;

/** Headless, and quiet on a machine whose network reaches nothing but loopback. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
