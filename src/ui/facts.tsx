/**
 * The parts of the partnership story that the card and the popup both show: key statistics with
 * their chart, the partner-search timeline, the list of sources, and under every claim the line
 * that says where it comes from, with its evidence — the quotes — one step away. Text only: pack
 * strings are rendered as text nodes, never parsed as HTML. Stateless, so the content script can
 * render them without Preact (content/card/dom-jsx.ts).
 */
import { isNewerThanFacts } from '../core/dates';
import type { Evidence, Language, Localized, Outcome, Pack, Reported, Statistic, TimelineEvent } from '../core/pack';
import { formatList, formatMonth, formatPercent, message, messageParts, type MessageKey } from '../shared/i18n';
import { StatisticChart } from './StatisticChart';

interface FactProps {
  pack: Pack;
  language: Language;
}

/**
 * "Source: Article 1 and Article 2", or "Source: IDC, via Article 2" — a disclosure: the line is
 * its button, and opening it shows the quotes.
 */
export function Provenance({ pack, language, evidence, reportedBy }: FactProps & { evidence: Evidence[]; reportedBy?: Localized }) {
  const names = [...new Set(evidence.map((e) => e.source))].map((id) => shortName(pack, id, language));
  const line = reportedBy
    ? message('cardReportedBy', [reportedBy[language], formatList(names, language)], language)
    : message('cardSourceLine', [formatList(names, language)], language);
  return (
    <details class="provenance">
      <summary>
        <span class="source-line">{line}</span> <span class="evidence-toggle">{message('cardEvidence', [], language)}</span>
      </summary>
      <ul>
        {unique(evidence).map((e, i) => (
          <li key={i}>
            <q lang="en">{e.quote}</q> {message('cardQuoteSource', [shortName(pack, e.source, language)], language)}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function Statistics({ pack, language, ids, headingId }: FactProps & { ids: string[]; headingId: string }) {
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{message('cardKeyStatistics', [], language)}</h3>
      {ids.map((id) => {
        const statistic = pack.statistics.find((s) => s.id === id);
        return statistic && <StatisticFigure key={id} pack={pack} language={language} statistic={statistic} />;
      })}
    </section>
  );
}

/**
 * One figure: what it measures and over when, its value (and what it compares with), its chart,
 * where it comes from. `compact` (the card's first view) leaves the values to the chart's rows.
 */
export function StatisticFigure({ pack, language, statistic, compact = false }: FactProps & { statistic: Statistic; compact?: boolean }) {
  const { comparison } = statistic;
  return (
    <figure class="statistic">
      <figcaption>
        {compact
          ? message('cardStatisticTitle', [statistic.label[language], statistic.period[language]], language)
          : messageParts(
              'cardStatistic',
              [statistic.label[language], statistic.period[language], <strong>{formatPercent(statistic.value, language)}</strong>],
              language,
            )}
        {comparison &&
          !compact &&
          messageParts(
            'cardComparison',
            [comparison.label[language], <strong>{formatPercent(comparison.value, language)}</strong>],
            language,
          )}
      </figcaption>
      <StatisticChart statistic={statistic} language={language} />
      <Provenance
        pack={pack}
        language={language}
        evidence={[...statistic.evidence, ...(comparison?.evidence ?? [])]}
        reportedBy={statistic.reportedBy}
      />
    </figure>
  );
}

const OUTCOME_LABEL: Record<Outcome, MessageKey> = {
  'worked-with': 'outcomeWorkedWith',
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
              <EventHeading event={event} language={language} />{' '}
              <span class="outcome">{message(OUTCOME_LABEL[event.outcome], [], language)}</span>
            </p>
            <p>{event.text[language]}</p>
            <Provenance pack={pack} language={language} evidence={event.evidence} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** "In December (year not stated) · Baidu", or only the partner where the sources give no time. */
function EventHeading({ event, language }: { event: TimelineEvent; language: Language }) {
  const partner = <strong>{event.partner[language]}</strong>;
  return <>{event.when ? messageParts('cardEventWhen', [event.when[language], partner], language) : partner}</>;
}

export function Sources({ pack, language, headingId }: FactProps & { headingId: string }) {
  return (
    <footer aria-labelledby={headingId}>
      <h3 id={headingId}>{message('cardSources', [], language)}</h3>
      <ul class="sources">
        {pack.sources.map((source) => (
          <li key={source.id}>
            {messageParts('cardSourceEntry', [<strong>{source.shortName[language]}</strong>, source.name[language]], language)}
          </li>
        ))}
      </ul>
      <ReportedNote reported={pack.reported} language={language} />
    </footer>
  );
}

/** When the facts were reported: an estimate, said to be one, with its reason. */
export function ReportedNote({ reported, language }: { reported: Reported; language: Language }) {
  return <p class="reported">{message('cardReported', [reported.label[language], reported.reason[language]], language)}</p>;
}

/** Where the article is newer than the facts: the one line that says so. Nothing otherwise. */
export function ArticleAge({ pack, language, articleDate }: FactProps & { articleDate: string | undefined }) {
  if (!articleDate || !isNewerThanFacts(articleDate, pack.reported)) return null;
  return (
    <p class="article-age" role="note">
      {message('cardArticleNewer', [formatMonth(articleDate, language), pack.reported.label[language]], language)}
    </p>
  );
}

function shortName(pack: Pack, id: string, language: Language): string {
  return pack.sources.find((s) => s.id === id)?.shortName[language] ?? id;
}

/** The same quote cited twice (a figure and its comparison in one sentence) is shown once. */
function unique(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => !seen.has(`${e.source} ${e.quote}`) && Boolean(seen.add(`${e.source} ${e.quote}`)));
}
