/**
 * Is this a news or article page? (docs/ARCHITECTURE.md, decision 3.) The one check every page pays for, so it
 * reads a handful of elements and nothing else: schema.org JSON-LD of the Article family,
 * `og:type=article`, an `<article>` element, or a host on the bundled list of news sites.
 */
import { NEWS_HOSTS } from './news-hosts';

const ARTICLE_TYPES = new Set([
  'Article',
  'NewsArticle',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'BackgroundNewsArticle',
  'ReviewNewsArticle',
  'AskPublicNewsArticle',
  'LiveBlogPosting',
  'BlogPosting',
  'SocialMediaPosting',
  'Report',
  'ScholarlyArticle',
  'TechArticle',
]);

export function isArticlePage(doc: Document, hostname: string): boolean {
  return (
    isNewsHost(hostname) ||
    doc.querySelector('article') !== null ||
    doc.querySelector('meta[property="og:type" i][content="article" i]') !== null ||
    hasArticleJsonLd(doc)
  );
}

/** `www.bbc.co.uk` and `news.bbc.co.uk` both count when `bbc.co.uk` is listed. */
function isNewsHost(hostname: string): boolean {
  for (let host = hostname.toLowerCase(); host.includes('.'); host = host.slice(host.indexOf('.') + 1)) {
    if (NEWS_HOSTS.has(host)) return true;
  }
  return false;
}

function hasArticleJsonLd(doc: Document): boolean {
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    try {
      if (containsArticleType(JSON.parse(script.textContent ?? ''), 0)) return true;
    } catch {
      // A page's broken JSON-LD is its own business; it just does not count as a signal.
    }
  }
  return false;
}

/** Looks through `@graph`, arrays and nested objects (`mainEntity`), a few levels deep. */
function containsArticleType(value: unknown, depth: number): boolean {
  if (depth > 4 || typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some((item) => containsArticleType(item, depth + 1));
  const node = value as Record<string, unknown>;
  const types = ([] as unknown[]).concat(node['@type'] ?? []);
  if (types.some((type) => typeof type === 'string' && ARTICLE_TYPES.has(type.replace(/^.*[/#:]/, '')))) return true;
  return Object.values(node).some((child) => typeof child === 'object' && containsArticleType(child, depth + 1));
}
