/**
 * The card about one topic: its summary, the key statistics with a chart, the partner-search
 * timeline, how the topic relates to the other one, and the source and date of every figure.
 */
import type { Language, Pack, Topic } from '../core/pack';
import { message } from '../shared/i18n';
import { Provenance, Sources, Statistics, Timeline } from './facts';

export interface CardProps {
  pack: Pack;
  topic: Topic;
  language: Language;
  onClose: () => void;
}

export function Card({ pack, topic, language, onClose }: CardProps) {
  const close = message('cardClose', [], language);
  return (
    <div class="card surface" role="dialog" aria-modal="false" aria-labelledby="card-title" tabIndex={-1} lang={language}>
      <header>
        <p class="story">{pack.title[language]}</p>
        <h2 id="card-title">{topic.name[language]}</h2>
        <button type="button" class="close" aria-label={close} title={close} onClick={onClose}>
          ×
        </button>
      </header>
      <p class="summary">{topic.summary.text[language]}</p>
      <Provenance pack={pack} language={language} sources={topic.summary.sources} asOf={topic.summary.asOf} />
      <Statistics pack={pack} language={language} ids={topic.keyStatistics} headingId="card-statistics" />
      <Timeline pack={pack} language={language} headingId="card-timeline" />
      <section aria-labelledby="card-relation">
        <h3 id="card-relation">{message('cardRelation', [], language)}</h3>
        {topic.relations.map((relation) => (
          <div key={relation.topic}>
            <p>{relation.text[language]}</p>
            <Provenance pack={pack} language={language} sources={relation.sources} asOf={relation.asOf} />
          </div>
        ))}
      </section>
      <Sources pack={pack} language={language} headingId="card-sources" />
    </div>
  );
}
