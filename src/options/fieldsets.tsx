/**
 * The options page's fieldsets, one per part of the settings: which topics, where it runs, the
 * highlight, the card, and the keyboard. Each changes its own section of the settings.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Language, Pack } from '../core/pack';
import { HOVER_DELAY_RANGE, type CardLanguage, type Settings } from '../core/settings';
import { browser, type Browser } from '../shared/browser-api';
import { message } from '../shared/i18n';
import { NEXT_MENTION_COMMAND, isFirefox } from '../shared/platform';
import { RadioGroup } from './RadioGroup';
import { SiteListEditor } from './SiteListEditor';

type Section = 'sites' | 'highlight' | 'card';
export interface FieldsetProps {
  settings: Settings;
  /** Changes some fields of one section of the settings. */
  set: <K extends Section>(section: K, fields: Partial<Settings[K]>) => void;
}

export function TopicsFieldset({
  settings,
  pack,
  language,
  onChange,
}: {
  settings: Settings;
  pack: Pack;
  language: Language;
  onChange: (topics: Settings['topics']) => void;
}) {
  return (
    <fieldset>
      <legend>{message('optionsTopics')}</legend>
      <p class="hint">{message('optionsTopicsHint')}</p>
      {pack.topics.map((topic) => (
        <label class="row" key={topic.id}>
          <input
            type="checkbox"
            checked={settings.topics[topic.id] !== false}
            onChange={(e) => onChange({ ...settings.topics, [topic.id]: e.currentTarget.checked })}
          />
          {topic.name[language]}
        </label>
      ))}
    </fieldset>
  );
}

export function SitesFieldset({ settings, set }: FieldsetProps) {
  const { sites } = settings;
  return (
    <fieldset>
      <legend>{message('optionsWhere')}</legend>
      <RadioGroup
        name="mode"
        value={sites.mode}
        choices={[
          { value: 'news', label: 'optionsModeNews' },
          { value: 'all', label: 'optionsModeAll' },
          { value: 'listed', label: 'optionsModeListed' },
        ]}
        onChange={(mode) => set('sites', { mode })}
      />
      <SiteListEditor
        label={message('optionsAllowed')}
        hint={message('optionsAllowedHint')}
        sites={sites.allowed}
        onChange={(allowed) => set('sites', { allowed })}
      />
      <SiteListEditor label={message('optionsBlocked')} sites={sites.blocked} onChange={(blocked) => set('sites', { blocked })} />
    </fieldset>
  );
}

export function HighlightFieldset({ settings, set }: FieldsetProps) {
  const { highlight } = settings;
  return (
    <fieldset>
      <legend>{message('optionsHighlight')}</legend>
      <p class="label">{message('optionsStyle')}</p>
      <RadioGroup
        name="style"
        value={highlight.style}
        choices={[
          { value: 'background', label: 'optionsStyleBackground' },
          { value: 'underline', label: 'optionsStyleUnderline' },
          { value: 'none', label: 'optionsStyleNone' },
        ]}
        onChange={(style) => set('highlight', { style })}
      />
      <label class="row">
        {message('optionsColour')}
        <input type="color" value={highlight.colour} onInput={(e) => set('highlight', { colour: e.currentTarget.value })} />
      </label>
      <label class="row">
        <input type="checkbox" checked={highlight.firstOnly} onChange={(e) => set('highlight', { firstOnly: e.currentTarget.checked })} />
        {message('optionsFirstOnly')}
      </label>
    </fieldset>
  );
}

export function CardFieldset({ settings, set }: FieldsetProps) {
  const { card } = settings;
  return (
    <fieldset>
      <legend>{message('optionsCard')}</legend>
      <p class="label">{message('optionsOpenOn')}</p>
      <RadioGroup
        name="open-on"
        value={card.openOn}
        choices={[
          { value: 'hover', label: 'optionsOpenHover' },
          { value: 'click', label: 'optionsOpenClick' },
        ]}
        onChange={(openOn) => set('card', { openOn })}
      />
      <label class="row">
        <input type="checkbox" checked={card.tapToOpen} onChange={(e) => set('card', { tapToOpen: e.currentTarget.checked })} />
        {message('optionsTapToOpen')}
      </label>
      <label class="row">
        {message('optionsHoverDelay')}
        <input
          type="range"
          min={HOVER_DELAY_RANGE.min}
          max={HOVER_DELAY_RANGE.max}
          step={50}
          value={card.hoverDelayMs}
          disabled={card.openOn !== 'hover'}
          onInput={(e) => set('card', { hoverDelayMs: Number(e.currentTarget.value) })}
        />
        <output>{message('optionsMilliseconds', [String(card.hoverDelayMs)])}</output>
      </label>
      <label class="row">
        {message('optionsLanguage')}
        <select value={card.language} onChange={(e) => set('card', { language: e.currentTarget.value as CardLanguage })}>
          <option value="article">{message('optionsLanguageArticle')}</option>
          <option value="browser">{message('optionsLanguageBrowser')}</option>
          <option value="en">English</option>
          <option value="zh-CN">简体中文</option>
        </select>
      </label>
    </fieldset>
  );
}

/**
 * The shortcut the browser registered, and where the reader changes it (each browser has its own
 * page); only where the browser has shortcuts (not Firefox for Android).
 */
export function KeyboardFieldset({ shortcuts }: { shortcuts: Browser.Commands.Static }) {
  const [keys, setKeys] = useState<string>();
  useEffect(() => {
    void shortcuts
      .getAll()
      .then((commands) => setKeys(commands.find((c) => c.name === NEXT_MENTION_COMMAND)?.shortcut || message('optionsNoShortcut')));
  }, []);
  return (
    <fieldset>
      <legend>{message('optionsKeyboard')}</legend>
      <p>{message('optionsShortcut', [keys ?? '…'])}</p>
      {isFirefox ? (
        <p class="hint">{message('optionsShortcutFirefox')}</p>
      ) : (
        <p class="hint">
          {message('optionsShortcutChrome')}{' '}
          <button type="button" class="link" onClick={() => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' })}>
            {message('optionsShortcutOpen')}
          </button>
        </p>
      )}
    </fieldset>
  );
}
