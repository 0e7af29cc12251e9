/**
 * The parts of the partnership story that the card and the popup both show: key statistics with
 * their chart, the partner-search timeline, the list of sources, and the provenance line under
 * each figure. Text only: pack strings are rendered as text nodes, never parsed as HTML.
 */
import type { Language, Pack, TimelineEvent } from '../core/pack';
import { formatAsOf, formatPercent, message, type MessageKey } from '../shared/i18n';
import { StatisticChart } from './StatisticChart';

interface FactProps {
  pack: Pack;
  language: Language;
}

/** "Source: Article 1; IDC, via article 2 · as of Feb 2025". */
export function Provenance({ pack, language, sources, asOf }: FactProps & { sources: string[]; asOf: string }) {
  const names = sources.map((id) => pack.sources.find((s) => s.id === id)?.shortName[language] ?? id).join('; ');
  return <p class="provenance">{message('cardSourceLine', [names, formatAsOf(asOf, language)], language)}</p>;
}

export function Statistics({ pack, language, ids, headingId }: FactProps & { ids: string[]; headingId: string }) {
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{message('cardKeyStatistics', [], language)}</h3>
      {ids.map((id) => {
        const statistic = pack.statistics.find((s) => s.id === id);
        if (!statistic) return null;
        return (
          <figure class="statistic" key={id}>
            <figcaption>
              {statistic.label[language]}, {statistic.period[language]}: <strong>{formatPercent(statistic.value, language)}</strong>
              {statistic.comparison && (
                <>
                  {' · '}
                  {statistic.comparison.label[language]}: <strong>{formatPercent(statistic.comparison.value, language)}</strong>
                </>
              )}
            </figcaption>
            <StatisticChart statistic={statistic} language={language} />
            <Provenance pack={pack} language={language} sources={statistic.sources} asOf={statistic.asOf} />
          </figure>
        );
      })}
    </section>
  );
}

const OUTCOME_LABEL: Record<TimelineEvent['outcome'], MessageKey> = {
  'ruled-out': 'outcomeRuledOut',
  chosen: 'outcomeChosen',
  pending: 'outcomePending',
  planned: 'outcomePlanned',
};

export function Timeline({ pack, language, headingId }: FactProps & { headingId: string }) {
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{message('cardTimeline', [], language)}</h3>
      <ol class="timeline">
        {pack.timeline.map((event) => (
          <li key={event.id} class={`event ${event.outcome}`}>
            <p class="when">
              {event.when[language]} · <strong>{event.partner}</strong>{' '}
              <span class="outcome">{message(OUTCOME_LABEL[event.outcome], [], language)}</span>
            </p>
            <p>{event.text[language]}</p>
            <Provenance pack={pack} language={language} sources={event.sources} asOf={event.asOf} />
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Sources({ pack, language, headingId }: FactProps & { headingId: string }) {
  return (
    <footer aria-labelledby={headingId}>
      <h3 id={headingId}>{message('cardSources', [], language)}</h3>
      <ul class="sources">
        {pack.sources.map((source) => (
          <li key={source.id}>
            <strong>{source.shortName[language]}</strong>:{' '}
            {message('cardPublished', [source.name[language], formatAsOf(source.published, language)], language)}
          </li>
        ))}
      </ul>
    </footer>
  );
}
