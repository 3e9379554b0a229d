import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core; a test of a page is skipped, saying why, where there is none. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const NO_BROWSER = !existsSync(CHROMIUM) && `no browser at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
/** A common phone's screen, the size residents and officers in the field use. */
export const PHONE = { width: 390, height: 844 };

/** Where a test's screenshots go (`SCREENSHOT_DIR`, by default under the temporary folder), made when missing. */
export function screenshotDir(name = ''): string {
  const dir = join(process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'mohalla-screenshots'), name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A headless Chromium, closed when the test ends. */
export async function launchBrowser(t: TestContext): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  t.after(() => browser.close());
  return browser;
}
