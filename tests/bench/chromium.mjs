// How the bench scripts start Debian's Chromium (never a downloaded browser): the flags of the
// e2e tests (`chromiumLaunch` in playwright.config.ts). Without the background-networking ones
// Chromium keeps trying to reach hosts this network refuses. CHROMIUM overrides the path.
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
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [...chromiumArgs, ...extraArgs],
  };
}
