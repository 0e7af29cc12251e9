/** A list of sites the reader can add to and remove from; what is typed is checked and normalized first. */
import { useState } from 'preact/hooks';
import { MAX_SITES } from '../core/settings';
import { normalizeSite } from '../core/sites';
import type { MessageKey } from '../shared/i18n';

interface Props {
  label: string;
  hint?: string;
  sites: string[];
  onChange: (sites: string[]) => void;
  t: (key: MessageKey, substitutions?: string[]) => string;
}

export function SiteListEditor({ label, hint, sites, onChange, t }: Props) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState('');
  const id = label.replace(/\W+/g, '-').toLowerCase();
  const add = (event: Event) => {
    event.preventDefault();
    const site = normalizeSite(typed);
    if (!site) return setError(t('optionsSiteInvalid', [typed.trim()]));
    if (sites.includes(site)) return setError(t('optionsSiteDuplicate', [site]));
    if (sites.length >= MAX_SITES) return setError(t('optionsSiteLimit', [String(MAX_SITES)]));
    setError('');
    setTyped('');
    onChange([...sites, site]);
  };
  return (
    <div class="site-list">
      <p class="label" id={`${id}-label`}>{label}</p>
      {hint && <p class="hint">{hint}</p>}
      <ul aria-labelledby={`${id}-label`}>
        {sites.length === 0 && <li class="empty">{t('optionsEmptyList')}</li>}
        {sites.map((site) => (
          <li key={site}>
            <span>{site}</span>
            <button type="button" class="remove" aria-label={t('optionsRemove', [site])} onClick={() => onChange(sites.filter((s) => s !== site))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} class="row">
        <input
          type="text"
          value={typed}
          placeholder={t('optionsSiteInput')}
          aria-label={`${label}: ${t('optionsSiteInput')}`}
          aria-invalid={error !== ''}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
        <button type="submit" class="secondary">{t('optionsAdd')}</button>
      </form>
      {error && <p id={`${id}-error`} class="error" role="alert">{error}</p>}
    </div>
  );
}
