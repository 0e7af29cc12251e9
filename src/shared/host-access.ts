/**
 * Host access: the extension reads pages through its content script, which runs only where it has
 * host permission. Firefox (MV3) lets the reader grant or withhold them, at install or later in
 * the extensions panel; Chrome grants them at install but lets the reader withhold them ("site
 * access: on click"). Until they are granted the content script does not run, so nothing is
 * highlighted — the popup and options page say so and offer to ask for them.
 */
import { browser } from './browser-api';

/** The host permissions the manifest asks for, read from it so they cannot drift. */
function pageOrigins(): string[] {
  return browser.runtime.getManifest().host_permissions ?? [];
}

export function hasHostAccess(): Promise<boolean> {
  return browser.permissions.contains({ origins: pageOrigins() });
}

/**
 * Asks the reader (the browser shows its own prompt). Call it straight from a click handler:
 * Firefox accepts the request only while handling the reader's input
 * (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/permissions/request).
 */
export function requestHostAccess(): Promise<boolean> {
  return browser.permissions.request({ origins: pageOrigins() });
}

/** Calls `listener` whenever permissions are granted or withdrawn; returns the unsubscribe. */
export function onHostAccessChanged(listener: () => void): () => void {
  browser.permissions.onAdded.addListener(listener);
  browser.permissions.onRemoved.addListener(listener);
  return () => {
    browser.permissions.onAdded.removeListener(listener);
    browser.permissions.onRemoved.removeListener(listener);
  };
}
