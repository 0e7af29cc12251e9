/** Runs axe-core in a page (injected through DevTools, so extension-page CSP does not stop it). */
import type { AxeResults } from 'axe-core';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The violations axe finds, as "rule: target — why" lines (empty when there are none). */
export async function axeViolations(page: Page, context = 'body'): Promise<string[]> {
  await page.evaluate(await axeSource);
  const results = await page.evaluate(
    (selector) =>
      (globalThis as unknown as { axe: { run(context: string, options: object): Promise<AxeResults> } }).axe.run(selector, {
        resultTypes: ['violations'],
      }),
    context,
  );
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`),
  );
}

export interface FocusVisit {
  tag: string;
  name: string;
  /** Whether the focused element shows an outline. */
  focusVisible: boolean;
}

/** Tabs through the page; returns each focused element with whether its focus can be seen. */
export async function tabThrough(page: Page, steps: number): Promise<FocusVisit[]> {
  const visits: FocusVisit[] = [];
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press('Tab');
    visits.push(
      await page.evaluate(() => {
        const el = document.activeElement ?? document.body;
        const style = getComputedStyle(el);
        const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        return {
          tag: el.tagName.toLowerCase(),
          name: el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 40) || el.getAttribute('type') || '',
          focusVisible: visible,
        };
      }),
    );
  }
  return visits;
}
