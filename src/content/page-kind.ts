/**
 * Is this a news or article page? (docs/ARCHITECTURE.md, decision 3.) The one check every page pays for, so it
 * reads a handful of elements and nothing else: schema.org JSON-LD of the Article family,
 * `og:type=article`, or an `<article>` element. (The bundled list of news sites needs no check: the
 * browser runs the scan on them directly, core/news-sites.ts.)
 */
import { JSON_LD, jsonLdNodes, typesOf } from './json-ld';

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

export function isArticlePage(doc: Document): boolean {
  return (
    doc.querySelector('article') !== null ||
    doc.querySelector('meta[property="og:type" i][content="article" i]') !== null ||
    hasArticleJsonLd(doc)
  );
}

function hasArticleJsonLd(doc: Document): boolean {
  // Most pages have no JSON-LD: one `querySelector` says so without gathering a list.
  return doc.querySelector(JSON_LD) !== null && jsonLdNodes(doc).some(isArticleNode);
}

/** Whether a JSON-LD node is of the Article family. */
export function isArticleNode(node: Record<string, unknown>): boolean {
  return typesOf(node).some((type) => ARTICLE_TYPES.has(type));
}
