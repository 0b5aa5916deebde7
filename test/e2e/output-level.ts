// The window's "Output level" meter read as a listener would see it: its value, and its value once it holds still.
import type { Page } from 'playwright-core';

/** The meter's short-term loudness (LUFS). */
export async function meterLevel(page: Page): Promise<number> {
  return Number(await page.getByRole('meter', { name: 'Output level' }).getAttribute('aria-valuenow'));
}

/**
 * The meter's reading once it holds still: four readings half a second apart within 0.4 dB of each other,
 * above silence (and within 1 dB of `near`, when given); throws after `timeoutMs`.
 */
export async function settledLevel(page: Page, timeoutMs: number, near?: number): Promise<number> {
  const recent: number[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    recent.push(await meterLevel(page));
    if (recent.length > 4) recent.shift();
    const spread = Math.max(...recent) - Math.min(...recent);
    const last = recent.at(-1) ?? -Infinity;
    if (
      recent.length === 4 &&
      spread < 0.4 &&
      last > -60 &&
      (near === undefined || Math.abs(last - near) < 1)
    ) {
      return last;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`the output level did not settle: last readings ${recent.join(', ')}`);
}
