/** A list of sites the reader can add to and remove from; what is typed is checked and normalized first. */
import { useState } from 'preact/hooks';
import { MAX_SITES } from '../core/settings';
import { normalizeSite } from '../core/sites';
import { message } from '../shared/i18n';

interface Props {
  label: string;
  hint?: string;
  sites: string[];
  onChange: (sites: string[]) => void;
}

export function SiteListEditor({ label, hint, sites, onChange }: Props) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState('');
  const id = label.replace(/\W+/g, '-').toLowerCase();
  const add = (event: Event) => {
    event.preventDefault();
    const site = normalizeSite(typed);
    if (!site) return setError(message('optionsSiteInvalid', [typed.trim()]));
    if (sites.includes(site)) return setError(message('optionsSiteDuplicate', [site]));
    if (sites.length >= MAX_SITES) return setError(message('optionsSiteLimit', [String(MAX_SITES)]));
    setError('');
    setTyped('');
    onChange([...sites, site]);
  };
  return (
    <div class="site-list">
      <p class="label" id={`${id}-label`}>
        {label}
      </p>
      {hint && <p class="hint">{hint}</p>}
      <ul aria-labelledby={`${id}-label`}>
        {sites.length === 0 && <li class="empty">{message('optionsEmptyList')}</li>}
        {sites.map((site) => (
          <li key={site}>
            <span>{site}</span>
            <button
              type="button"
              class="remove"
              aria-label={message('optionsRemove', [site])}
              onClick={() => onChange(sites.filter((s) => s !== site))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} class="row">
        <input
          type="text"
          value={typed}
          placeholder={message('optionsSiteInput')}
          aria-label={`${label}: ${message('optionsSiteInput')}`}
          aria-invalid={error !== ''}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
        <button type="submit" class="secondary">
          {message('optionsAdd')}
        </button>
      </form>
      {error && (
        <p id={`${id}-error`} class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
