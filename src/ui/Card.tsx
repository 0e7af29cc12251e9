/**
 * The card about one topic, in two steps. The first view is a glance that fits without scrolling:
 * the topic, one or two sentences — how it connects to the other topic when the page mentions
 * both, its brief otherwise — the one figure that matters most with its chart, where each comes
 * from, and, on an article newer than the facts, the line that says so. "More" (a native
 * disclosure: a button to the keyboard and to assistive technology, with no state of ours) opens
 * the rest inside the card: the full summary, the other figures, the partner-search timeline, how
 * the topics connect, and the sources with when the facts were reported.
 */
import type { Claim, Language, Pack, Topic } from '../core/pack';
import { message } from '../shared/i18n';
import { ArticleAge, Provenance, Sources, StatisticFigure, Statistics, Timeline } from './facts';

export interface CardProps {
  pack: Pack;
  topic: Topic;
  language: Language;
  /** The ids of the topics the page mentions: with the other one there too, the card leads with how they connect. */
  topicsOnPage: readonly string[];
  /** The date of the article the card is shown on (YYYY-MM or YYYY-MM-DD), if it says one. */
  articleDate?: string;
  onClose: () => void;
}

export function Card({ pack, topic, language, topicsOnPage, articleDate, onClose }: CardProps) {
  const close = message('cardClose', [], language);
  const connection = topic.relations.find((relation) => relation.topic !== topic.id && topicsOnPage.includes(relation.topic));
  const lead: Claim = connection ?? topic.brief;
  const [leadFigure, ...otherFigures] = topic.keyStatistics;
  const statistic = pack.statistics.find((s) => s.id === leadFigure);
  const otherRelations = topic.relations.filter((relation) => relation !== connection);
  return (
    <div class="card surface" role="dialog" aria-modal="false" aria-labelledby="card-title" tabIndex={-1} lang={language}>
      <header>
        <h2 id="card-title">{topic.name[language]}</h2>
        <button type="button" class="close" aria-label={close} title={close} onClick={onClose}>
          ×
        </button>
      </header>
      <ArticleAge pack={pack} language={language} articleDate={articleDate} />
      <p class="lead">{lead.text[language]}</p>
      <Provenance pack={pack} language={language} evidence={lead.evidence} />
      {statistic && <StatisticFigure pack={pack} language={language} statistic={statistic} compact />}
      <details class="more">
        <summary>{message('cardMore', [], language)}</summary>
        <p class="story">{pack.title.text[language]}</p>
        <p class="summary">{topic.summary.text[language]}</p>
        <Provenance pack={pack} language={language} evidence={topic.summary.evidence} />
        {otherFigures.length > 0 && <Statistics pack={pack} language={language} ids={otherFigures} headingId="card-statistics" />}
        <Timeline pack={pack} language={language} headingId="card-timeline" />
        {otherRelations.length > 0 && (
          <section aria-labelledby="card-relation">
            <h3 id="card-relation">{message('cardRelation', [], language)}</h3>
            {otherRelations.map((relation) => (
              <div key={relation.topic}>
                <p>{relation.text[language]}</p>
                <Provenance pack={pack} language={language} evidence={relation.evidence} />
              </div>
            ))}
          </section>
        )}
        <Sources pack={pack} language={language} headingId="card-sources" />
      </details>
    </div>
  );
}
