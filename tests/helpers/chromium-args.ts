/** How Chromium is started for the browser tests and the benchmarks that load pages. */

/**
 * Chromium 15x preloads its omnibox popup (chrome://omnibox-popup.top-chrome) as a WebUI page in
 * a renderer of its own for every new context, even headless: measured here, half of the CPU a
 * test spends opening a board (2.2 of 4.3 s) and so about half of the whole suite's time.
 * Chromium reads one --disable-features switch (the last), so Playwright's own list (as
 * playwright-core 1.5x passes it) is repeated here with ours added.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AimEnabled', 'AvoidCorsURLLoaderRestartOnRedirect', 'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsFirstBalancedModeAutoEnable',
  'HttpsUpgrades', 'LensOverlay', 'MediaRouter', 'NetworkTimeServiceQuerying', 'OptimizationHints', 'PaintHolding', 'PreconnectToSearch', 'TcpPortRandomizationWin',
  'ThirdPartyStoragePartitioning', 'msEdgeUpdateLaunchServicesPreferredVersion', 'msForceBrowserSignIn',
];
const OMNIBOX_POPUP_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_POPUP_FEATURES].join(',')}`,
];
