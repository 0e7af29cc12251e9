/**
 * The options page: every setting a reader can shape, each taking effect in open tabs as soon as
 * it is saved, with a live preview of the highlight and the card.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Pack } from '../core/pack';
import { DEFAULTS, HOVER_DELAY_RANGE, type Settings } from '../core/settings';
import { browser } from '../shared/browser-api';
import { message, resolveLanguage, type MessageKey } from '../shared/i18n';
import { NEXT_MENTION_COMMAND, isFirefox } from '../shared/platform';
import { HostAccessPrompt, useHostAccess } from '../ui/HostAccessPrompt';
import { useSettings, type SettingsHandle } from '../ui/use-settings';
import { Preview } from './Preview';
import { SiteListEditor } from './SiteListEditor';

export function Options({ pack }: { pack: Pack }) {
  const handle = useSettings();
  const [hostAccess, askHostAccess] = useHostAccess();
  if (!handle) return null;
  const { settings, update } = handle;
  // The page speaks the browser's language; the pack's text (topic names, the preview card) the card's.
  const language = resolveLanguage(settings.card.language);
  const t = (key: MessageKey, substitutions: string[] = []) => message(key, substitutions);
  const set = <K extends keyof Settings>(key: K, value: Partial<Settings[K]>) =>
    update({ ...settings, [key]: { ...(settings[key] as object), ...value } });

  return (
    <main class="options surface" aria-busy={hostAccess === 'checking' || undefined}>
      <h1>{t('optionsTitle')}</h1>
      <HostAccessPrompt access={hostAccess} onAsk={askHostAccess} />
      <SaveStatus handle={handle} t={t} />

      <fieldset>
        <legend>{t('optionsTopics')}</legend>
        <p class="hint">{t('optionsTopicsHint')}</p>
        {pack.topics.map((topic) => (
          <label class="row" key={topic.id}>
            <input
              type="checkbox"
              checked={settings.topics[topic.id] !== false}
              onChange={(e) => update({ ...settings, topics: { ...settings.topics, [topic.id]: e.currentTarget.checked } })}
            />
            {topic.name[language]}
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('optionsWhere')}</legend>
        {(['news', 'all', 'listed'] as const).map((mode) => (
          <label class="row" key={mode}>
            <input type="radio" name="mode" checked={settings.sites.mode === mode} onChange={() => set('sites', { mode })} />
            {t(mode === 'news' ? 'optionsModeNews' : mode === 'all' ? 'optionsModeAll' : 'optionsModeListed')}
          </label>
        ))}
        <SiteListEditor label={t('optionsAllowed')} hint={t('optionsAllowedHint')} sites={settings.sites.allowed} onChange={(allowed) => set('sites', { allowed })} t={t} />
        <SiteListEditor label={t('optionsBlocked')} sites={settings.sites.blocked} onChange={(blocked) => set('sites', { blocked })} t={t} />
      </fieldset>

      <fieldset>
        <legend>{t('optionsHighlight')}</legend>
        <p class="label">{t('optionsStyle')}</p>
        {(['background', 'underline', 'none'] as const).map((style) => (
          <label class="row" key={style}>
            <input type="radio" name="style" checked={settings.highlight.style === style} onChange={() => set('highlight', { style })} />
            {t(style === 'background' ? 'optionsStyleBackground' : style === 'underline' ? 'optionsStyleUnderline' : 'optionsStyleNone')}
          </label>
        ))}
        <label class="row">
          {t('optionsColour')}
          <input type="color" value={settings.highlight.colour} onInput={(e) => set('highlight', { colour: e.currentTarget.value })} />
        </label>
        <label class="row">
          <input type="checkbox" checked={settings.highlight.firstOnly} onChange={(e) => set('highlight', { firstOnly: e.currentTarget.checked })} />
          {t('optionsFirstOnly')}
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('optionsCard')}</legend>
        <p class="label">{t('optionsOpenOn')}</p>
        {(['hover', 'click'] as const).map((openOn) => (
          <label class="row" key={openOn}>
            <input type="radio" name="open-on" checked={settings.card.openOn === openOn} onChange={() => set('card', { openOn })} />
            {t(openOn === 'hover' ? 'optionsOpenHover' : 'optionsOpenClick')}
          </label>
        ))}
        <label class="row">
          {t('optionsHoverDelay')}
          <input
            type="range"
            min={HOVER_DELAY_RANGE.min}
            max={HOVER_DELAY_RANGE.max}
            step={50}
            value={settings.card.hoverDelayMs}
            disabled={settings.card.openOn !== 'hover'}
            onInput={(e) => set('card', { hoverDelayMs: Number(e.currentTarget.value) })}
          />
          <output>{t('optionsMilliseconds', [String(settings.card.hoverDelayMs)])}</output>
        </label>
        <label class="row">
          {t('optionsLanguage')}
          <select value={settings.card.language} onChange={(e) => set('card', { language: e.currentTarget.value as Settings['card']['language'] })}>
            <option value="browser">{t('optionsLanguageBrowser')}</option>
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
          </select>
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('optionsKeyboard')}</legend>
        <Shortcut t={t} />
      </fieldset>

      <section class="preview-section" aria-labelledby="preview-title">
        <h2 id="preview-title">{t('optionsPreview')}</h2>
        <Preview settings={settings} pack={pack} language={language} text={t('optionsPreviewText')} />
      </section>

      <ResetButton handle={handle} t={t} />
    </main>
  );
}

type Translate = (key: MessageKey, substitutions?: string[]) => string;

function SaveStatus({ handle, t }: { handle: SettingsHandle; t: Translate }) {
  const { saveState, problems } = handle;
  return (
    <div class="status" role="status" aria-live="polite">
      {problems.length > 0 && <p class="warning">{t('optionsLoadProblems', [problems.join('; ')])}</p>}
      {saveState.status === 'failed' && (
        <p class="error" role="alert">
          {t('optionsSaveFailed', [saveState.error])}{' '}
          <button type="button" class="link" onClick={handle.retry}>{t('optionsRetry')}</button>
        </p>
      )}
      {saveState.status === 'saving' && <p class="saved">{t('optionsSaving')}</p>}
      {saveState.status === 'saved' && <p class="saved">{t('optionsSaved')}</p>}
    </div>
  );
}

function Shortcut({ t }: { t: Translate }) {
  const [keys, setKeys] = useState<string>();
  useEffect(() => {
    void browser.commands.getAll().then((commands) => setKeys(commands.find((c) => c.name === NEXT_MENTION_COMMAND)?.shortcut || t('optionsNoShortcut')));
  }, []);
  return (
    <>
      <p>{t('optionsShortcut', [keys ?? '…'])}</p>
      {isFirefox ? (
        <p class="hint">{t('optionsShortcutFirefox')}</p>
      ) : (
        <p class="hint">
          {t('optionsShortcutChrome')}{' '}
          <button type="button" class="link" onClick={() => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' })}>
            {t('optionsShortcutOpen')}
          </button>
        </p>
      )}
    </>
  );
}

function ResetButton({ handle, t }: { handle: SettingsHandle; t: Translate }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return <button type="button" class="secondary" onClick={() => setConfirming(true)}>{t('optionsReset')}</button>;
  }
  return (
    <div class="confirm" role="alertdialog" aria-labelledby="reset-question">
      <p id="reset-question">{t('optionsResetConfirm')}</p>
      <button type="button" class="primary" onClick={() => void handle.saveNow(structuredClone(DEFAULTS)).then(() => setConfirming(false))}>
        {t('optionsResetYes')}
      </button>{' '}
      <button type="button" class="secondary" onClick={() => setConfirming(false)} autoFocus>
        {t('optionsCancel')}
      </button>
    </div>
  );
}
