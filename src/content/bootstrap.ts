/**
 * The declared content script: a few hundred bytes that every page pays for. It decides whether
 * this page is an article and only then loads the scanner and card (DESIGN.md decision 9).
 */
import { browser } from '../shared/browser-api';
import { isArticlePage } from './page-kind';

if (isArticlePage(document, location.hostname)) {
  import(browser.runtime.getURL('content/main.js'))
    .then((main: typeof import('./main')) => main.start())
    .catch((error: unknown) => console.warn('Context Cards could not start on this page:', error));
}
