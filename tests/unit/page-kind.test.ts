// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isArticlePage } from '../../src/content/page-kind';

function page(head: string, body = '<div>Alibaba</div>'): Document {
  return new DOMParser().parseFromString(`<html><head>${head}</head><body>${body}</body></html>`, 'text/html');
}

describe('news and article detection', () => {
  it('recognises schema.org JSON-LD of the Article family, in @graph and with full type URLs', () => {
    expect(isArticlePage(page('<script type="application/ld+json">{"@type":"NewsArticle"}</script>'))).toBe(true);
    const graph = '{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":["Thing","https://schema.org/BlogPosting"]}]}';
    expect(isArticlePage(page(`<script type="application/ld+json">${graph}</script>`))).toBe(true);
  });

  it('recognises og:type=article and an <article> element', () => {
    expect(isArticlePage(page('<meta property="og:type" content="article">'))).toBe(true);
    expect(isArticlePage(page('', '<article><p>Text</p></article>'))).toBe(true);
  });

  it('leaves other pages alone, broken JSON-LD included', () => {
    expect(isArticlePage(page('<script type="application/ld+json">{"@type": </script>'))).toBe(false);
    expect(isArticlePage(page('<script type="application/ld+json">{"@type":"Product"}</script>'))).toBe(false);
    expect(isArticlePage(page('<meta property="og:type" content="website">'))).toBe(false);
  });
});
