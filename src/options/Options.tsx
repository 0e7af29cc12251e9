/**
 * The options page: every setting a reader can shape, each taking effect in open tabs as soon as
 * it is saved, with a live preview of the highlight and the card.
 */
import { useState } from 'preact/hooks';
import type { Pack } from '../core/pack';
import { DEFAULTS } from '../core/settings';
import { message, resolveLanguage } from '../shared/i18n';
import { keyboardShortcuts } from '../shared/platform';
import { HostAccessPrompt, useHostAccess } from '../ui/HostAccessPrompt';
import { useSettings, type SettingsHandle } from '../ui/use-settings';
import { CardFieldset, HighlightFieldset, KeyboardFieldset, SitesFieldset, TopicsFieldset, type FieldsetProps } from './fieldsets';
import { Preview } from './Preview';

export function Options({ pack }: { pack: Pack }) {
  const handle = useSettings();
  const [hostAccess, askHostAccess] = useHostAccess();
  if (!handle) return null;
  const { settings, update } = handle;
  const shortcuts = keyboardShortcuts();
  // The page speaks the browser's language; the pack's text (topic names, the preview card) the card's.
  const language = resolveLanguage(settings.card.language);
  const set: FieldsetProps['set'] = (section, fields) => update({ ...settings, [section]: { ...settings[section], ...fields } });

  return (
    <main class="options surface" aria-busy={hostAccess === 'checking' || undefined}>
      <h1>{message('optionsTitle')}</h1>
      <HostAccessPrompt access={hostAccess} onAsk={askHostAccess} />
      <SaveStatus handle={handle} />
      <TopicsFieldset settings={settings} pack={pack} language={language} onChange={(topics) => update({ ...settings, topics })} />
      <SitesFieldset settings={settings} set={set} />
      <HighlightFieldset settings={settings} set={set} />
      <CardFieldset settings={settings} set={set} />
      {shortcuts && <KeyboardFieldset shortcuts={shortcuts} />}
      <section class="preview-section" aria-labelledby="preview-title">
        <h2 id="preview-title">{message('optionsPreview')}</h2>
        <Preview settings={settings} pack={pack} language={language} text={message('optionsPreviewText')} />
      </section>
      <ResetButton handle={handle} />
    </main>
  );
}

function SaveStatus({ handle }: { handle: SettingsHandle }) {
  const { saveState, problems } = handle;
  return (
    <div class="status" role="status" aria-live="polite">
      {problems.length > 0 && <p class="warning">{message('optionsLoadProblems', [problems.join('; ')])}</p>}
      {saveState.status === 'failed' && (
        <p class="error" role="alert">
          {message('optionsSaveFailed', [saveState.error])}{' '}
          <button type="button" class="link" onClick={handle.retry}>
            {message('optionsRetry')}
          </button>
        </p>
      )}
      {saveState.status === 'saving' && <p class="saved">{message('optionsSaving')}</p>}
      {saveState.status === 'saved' && <p class="saved">{message('optionsSaved')}</p>}
    </div>
  );
}

function ResetButton({ handle }: { handle: SettingsHandle }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" class="secondary" onClick={() => setConfirming(true)}>
        {message('optionsReset')}
      </button>
    );
  }
  return (
    <div class="confirm" role="alertdialog" aria-labelledby="reset-question">
      <p id="reset-question">{message('optionsResetConfirm')}</p>
      <button type="button" class="primary" onClick={() => void handle.saveNow(structuredClone(DEFAULTS)).then(() => setConfirming(false))}>
        {message('optionsResetYes')}
      </button>{' '}
      <button type="button" class="secondary" onClick={() => setConfirming(false)} autoFocus>
        {message('optionsCancel')}
      </button>
    </div>
  );
}
