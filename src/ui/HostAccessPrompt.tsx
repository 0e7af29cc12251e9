/**
 * Shown by the popup and the options page while the reader has not let the extension read pages
 * (see shared/host-access.ts): says what that means and asks, with one button. Renders nothing
 * once access is granted, and follows grants made elsewhere (the browser's extensions panel).
 */
import { useEffect, useState } from 'preact/hooks';
import { hasHostAccess, onHostAccessChanged, requestHostAccess } from '../shared/host-access';
import { message } from '../shared/i18n';

export type HostAccess = 'checking' | 'granted' | 'missing' | 'refused';

/** Whether pages may be read, kept up to date, and how to ask the reader. */
export function useHostAccess(): [HostAccess, () => void] {
  const [access, setAccess] = useState<HostAccess>('checking');
  useEffect(() => {
    const check = () =>
      void hasHostAccess().then((granted) => setAccess((now) => (granted ? 'granted' : now === 'refused' ? now : 'missing')));
    check();
    return onHostAccessChanged(check);
  }, []);
  // No await before the request: Firefox accepts it only while handling the reader's click
  // (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/permissions/request).
  const ask = () =>
    requestHostAccess().then(
      (granted) => setAccess(granted ? 'granted' : 'refused'),
      () => setAccess('refused'),
    );
  return [access, ask];
}

export function HostAccessPrompt({ access, onAsk }: { access: HostAccess; onAsk: () => void }) {
  if (access === 'checking' || access === 'granted') return null;
  return (
    <section class="host-access" aria-labelledby="host-access-title">
      <h2 id="host-access-title">{message('hostAccessTitle')}</h2>
      <p>{message('hostAccessExplain')}</p>
      {access === 'refused' && (
        <p class="error" role="alert">
          {message('hostAccessRefused')}
        </p>
      )}
      <button type="button" class="primary" onClick={onAsk}>
        {message('hostAccessAllow')}
      </button>
    </section>
  );
}
