/**
 * A sample paragraph with its mentions highlighted exactly as pages show them (the same matcher
 * and `::highlight()` rules), and the card of its first mention, in the chosen language.
 */
import { useEffect, useRef } from 'preact/hooks';
import { ACTIVE_HIGHLIGHT, MENTION_HIGHLIGHT, highlightCss } from '../core/highlight-css';
import { compileMatcher } from '../core/matcher';
import type { Language, Pack } from '../core/pack';
import type { Settings } from '../core/settings';
import { aliasesOf, firstOfEachTopic } from '../core/topics';
import { Card } from '../ui/Card';

const sheet = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

export function Preview({ settings, pack, language, text }: { settings: Settings; pack: Pack; language: Language; text: string }) {
  const paragraph = useRef<HTMLParagraphElement>(null);
  const matches = compileMatcher(aliasesOf(pack, settings.topics)).find(text);
  const shown = settings.highlight.firstOnly ? firstOfEachTopic(matches) : matches;
  const first = pack.topics.find((topic) => topic.id === shown[0]?.topicId);
  const topicsOnPage = [...new Set(shown.map((match) => match.topicId))];

  useEffect(() => {
    sheet.replaceSync(highlightCss(settings.highlight));
    const node = paragraph.current?.firstChild;
    const highlight = new Highlight();
    if (node)
      for (const m of shown)
        highlight.add(new StaticRange({ startContainer: node, startOffset: m.start, endContainer: node, endOffset: m.end }));
    CSS.highlights.set(MENTION_HIGHLIGHT, highlight);
    CSS.highlights.set(ACTIVE_HIGHLIGHT, new Highlight());
  });

  return (
    <div class="preview">
      <p class="sample" ref={paragraph} lang={language}>
        {text}
      </p>
      {first && (
        <div class="preview-card">
          <Card pack={pack} topic={first} language={language} topicsOnPage={topicsOnPage} onClose={() => undefined} />
        </div>
      )}
    </div>
  );
}
