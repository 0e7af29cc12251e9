/**
 * The card about one topic: its summary, the key statistics with a chart, the partner-search
 * timeline, how the topic relates to the other one, and under each claim where it comes from
 * and its evidence; when the facts were reported, and — on an article newer than they are — a
 * line that says so.
 */
import type { Language, Pack, Topic } from '../core/pack';
import { message } from '../shared/i18n';
import { ArticleAge, Provenance, Sources, Statistics, Timeline } from './facts';

export interface CardProps {
  pack: Pack;
  topic: Topic;
  language: Language;
  /** The date of the article the card is shown on (YYYY-MM or YYYY-MM-DD), if it says one. */
  articleDate?: string;
  onClose: () => void;
}

export function Card({ pack, topic, language, articleDate, onClose }: CardProps) {
  const close = message('cardClose', [], language);
  return (
    <div class="card surface" role="dialog" aria-modal="false" aria-labelledby="card-title" tabIndex={-1} lang={language}>
      <header>
        <p class="story">{pack.title.text[language]}</p>
        <h2 id="card-title">{topic.name[language]}</h2>
        <button type="button" class="close" aria-label={close} title={close} onClick={onClose}>
          ×
        </button>
      </header>
      <ArticleAge pack={pack} language={language} articleDate={articleDate} />
      <p class="summary">{topic.summary.text[language]}</p>
      <Provenance pack={pack} language={language} evidence={topic.summary.evidence} />
      <Statistics pack={pack} language={language} ids={topic.keyStatistics} headingId="card-statistics" />
      <Timeline pack={pack} language={language} headingId="card-timeline" />
      <section aria-labelledby="card-relation">
        <h3 id="card-relation">{message('cardRelation', [], language)}</h3>
        {topic.relations.map((relation) => (
          <div key={relation.topic}>
            <p>{relation.text[language]}</p>
            <Provenance pack={pack} language={language} evidence={relation.evidence} />
          </div>
        ))}
      </section>
      <Sources pack={pack} language={language} headingId="card-sources" />
    </div>
  );
}
