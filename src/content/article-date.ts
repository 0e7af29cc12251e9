/**
 * The article's own publication date, as the page states it, in this order: schema.org
 * `datePublished` (JSON-LD, an Article's first), the `article:published_time` meta tag, and a
 * `<time datetime>` in the article's header. Only a clear ISO date counts (core/dates.ts): a page
 * that gives none, or a malformed one, has no date, and the card says nothing about its age.
 */
import { readIsoDate } from '../core/dates';
import { jsonLdNodes } from './json-ld';
import { isArticleNode } from './page-kind';

export function articleDate(doc: Document): string | undefined {
  const nodes = jsonLdNodes(doc);
  const published = [...nodes.filter(isArticleNode), ...nodes]
    .map((node) => node.datePublished)
    .find((value) => typeof value === 'string' && readIsoDate(value));
  return (
    readIsoDate(published as string | undefined) ??
    readIsoDate(doc.querySelector('meta[property="article:published_time" i]')?.getAttribute('content')) ??
    readIsoDate(doc.querySelector('article header time[datetime]')?.getAttribute('datetime'))
  );
}
