/**
 * A small diverging bar chart: a statistic beside what it is compared with, bars growing left
 * for a fall and right for a rise from a shared zero line. The figures are in the caption, so
 * the chart is one image to assistive technology, labelled with the same figures.
 */
import type { Language, Statistic } from '../core/pack';
import { formatPercent, message } from '../shared/i18n';

export function StatisticChart({ statistic, language }: { statistic: Statistic; language: Language }) {
  const bars = [{ label: statistic.chartLabel[language], value: statistic.value }];
  if (statistic.comparison) bars.push({ label: statistic.comparison.chartLabel[language], value: statistic.comparison.value });
  const largest = Math.max(...bars.map((bar) => Math.abs(bar.value)), 1);
  const spoken = bars.map((bar) => message('cardChartLabel', [bar.label, formatPercent(bar.value, language)], language)).join('; ');
  return (
    <div class="chart" role="img" aria-label={spoken}>
      {bars.map((bar, i) => (
        <div class="bar-row" key={i}>
          <span class="bar-label">{bar.label}</span>
          <span class="bar-track">
            <span
              class={`bar ${bar.value < 0 ? 'fall' : 'rise'} ${i === 0 ? 'subject' : 'comparison'}`}
              style={{ width: `${(Math.abs(bar.value) / largest) * 50}%` }}
            />
          </span>
          <span class="bar-value">{formatPercent(bar.value, language)}</span>
        </div>
      ))}
    </div>
  );
}
