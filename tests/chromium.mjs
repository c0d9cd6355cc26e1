// How the e2e tests (playwright.config.ts) and the bench scripts start Debian's Chromium, never
// a downloaded browser. Without the background-networking flags Chromium keeps trying to reach
// hosts this network refuses. CHROMIUM_PATH overrides the path.
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Options for `chromium.launch`, with `extraArgs` after the shared flags. */
export function launchOptions(extraArgs = []) {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...chromiumArgs, ...extraArgs],
  };
}
