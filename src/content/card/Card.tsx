/**
 * The card about one topic: summary, key statistics with a chart, the partner-search timeline,
 * how the topic relates to the other one, and the source and date of every figure. Text only:
 * pack strings are rendered as text nodes, never parsed as HTML.
 */
import type { Language, Pack, Statistic, TimelineEvent, Topic } from '../../core/pack';
import { formatAsOf, formatPercent, message, type MessageKey } from '../../shared/i18n';
import { StatisticChart } from './StatisticChart';

export interface CardProps {
  pack: Pack;
  topic: Topic;
  language: Language;
  onClose: () => void;
}

const OUTCOME_LABEL: Record<TimelineEvent['outcome'], MessageKey> = {
  'ruled-out': 'outcomeRuledOut',
  chosen: 'outcomeChosen',
  pending: 'outcomePending',
  planned: 'outcomePlanned',
};

export function Card({ pack, topic, language, onClose }: CardProps) {
  const statistics = topic.keyStatistics.map((id) => pack.statistics.find((s) => s.id === id)!);
  const sourceName = (id: string) => pack.sources.find((s) => s.id === id)?.shortName[language] ?? id;
  const provenance = (sources: string[], asOf: string) =>
    message('cardSourceLine', [sources.map(sourceName).join('; '), formatAsOf(asOf, language)]);
  return (
    <div class="card" role="dialog" aria-modal="false" aria-labelledby="card-title" tabIndex={-1} lang={language}>
      <header>
        <p class="story">{pack.title[language]}</p>
        <h2 id="card-title">{topic.name[language]}</h2>
        <button type="button" class="close" aria-label={message('cardClose')} title={message('cardClose')} onClick={onClose}>
          ×
        </button>
      </header>
      <p class="summary">{topic.summary.text[language]}</p>
      <p class="provenance">{provenance(topic.summary.sources, topic.summary.asOf)}</p>

      <section aria-labelledby="card-statistics">
        <h3 id="card-statistics">{message('cardKeyStatistics')}</h3>
        {statistics.map((statistic) => (
          <StatisticBlock key={statistic.id} statistic={statistic} language={language} provenance={provenance} />
        ))}
      </section>

      <section aria-labelledby="card-timeline">
        <h3 id="card-timeline">{message('cardTimeline')}</h3>
        <ol class="timeline">
          {pack.timeline.map((event) => (
            <li key={event.id} class={`event ${event.outcome}`}>
              <p class="when">
                {event.when[language]} · <strong>{event.partner}</strong>{' '}
                <span class="outcome">{message(OUTCOME_LABEL[event.outcome])}</span>
              </p>
              <p>{event.text[language]}</p>
              <p class="provenance">{provenance(event.sources, event.asOf)}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="card-relation">
        <h3 id="card-relation">{message('cardRelation')}</h3>
        {topic.relations.map((relation) => (
          <div key={relation.topic}>
            <p>{relation.text[language]}</p>
            <p class="provenance">{provenance(relation.sources, relation.asOf)}</p>
          </div>
        ))}
      </section>

      <footer aria-labelledby="card-sources">
        <h3 id="card-sources">{message('cardSources')}</h3>
        <ul>
          {pack.sources.map((source) => (
            <li key={source.id}>
              <strong>{source.shortName[language]}</strong>: {message('cardPublished', [source.name[language], formatAsOf(source.published, language)])}
            </li>
          ))}
        </ul>
      </footer>
    </div>
  );
}

function StatisticBlock(props: { statistic: Statistic; language: Language; provenance: (s: string[], d: string) => string }) {
  const { statistic, language } = props;
  return (
    <figure class="statistic">
      <figcaption>
        {statistic.label[language]}, {statistic.period[language]}: <strong>{formatPercent(statistic.value, language)}</strong>
        {statistic.comparison && (
          <>
            {' '}
            · {statistic.comparison.label[language]}: <strong>{formatPercent(statistic.comparison.value, language)}</strong>
          </>
        )}
      </figcaption>
      <StatisticChart statistic={statistic} language={language} />
      <p class="provenance">{props.provenance(statistic.sources, statistic.asOf)}</p>
    </figure>
  );
}
