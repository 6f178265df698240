// Golden pictures: each pane's SVG at an instant compared with its file under tests/golden/, so a drawing
// does not drift unnoticed. UPDATE_GOLDEN=1 (or a file not there yet) writes them instead.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * Compare each SVG matching `selector` with `tests/golden/<prefix>-<name>.svg` (names in pane order), or
 * write it when UPDATE_GOLDEN=1 or the file is new; returns the files that differ.
 */
export async function goldens(page: Page, prefix: string, paneNames: readonly string[], selector = 'svg[data-testid^="picture-"]'): Promise<string[]> {
  const update = process.env.UPDATE_GOLDEN === '1';
  mkdirSync('tests/golden', { recursive: true });
  const pictures = await page.locator(selector).evaluateAll((els) => els.map((e) => e.outerHTML));
  const mismatches: string[] = [];
  for (const [i, svg] of pictures.entries()) {
    const file = `tests/golden/${prefix}-${paneNames[i]}.svg`;
    // One element a line, so a change reads as a small diff in review.
    const text = `${svg.replace(/></g, '>\n<')}\n`;
    if (update || !existsSync(file)) writeFileSync(file, text);
    else if (readFileSync(file, 'utf8') !== text) mismatches.push(file);
  }
  return mismatches;
}
