/** What every panel shares: the language, the message line, and running a server call safely. */
import { byId } from './dom';
import { pickLanguage, textsFor, type Texts } from './i18n';
import { ServerUnavailableError } from './rpc';

export const root = document.documentElement;
export const lang = pickLanguage(root.dataset.lang, navigator.language);
export const t: Texts = textsFor(lang);

export function say(text: string): void {
  byId('message').textContent = text;
  byId('error').textContent = '';
}

export function fail(err: unknown): void {
  const message =
    err instanceof ServerUnavailableError ? t.noServer : err instanceof Error ? err.message : String(err);
  byId('message').textContent = '';
  byId('error').textContent = `${t.errorPrefix}: ${message}`;
}

/**
 * Runs a call with the panel's controls disabled (so nothing is sent twice), shows failures as a
 * readable message, and restores the controls whatever happens. Controls marked `data-keep` (the
 * import's cancel button) stay usable.
 */
export async function busy<T>(panel: string, note: string, work: () => Promise<T>): Promise<T | undefined> {
  const section = byId(`panel-${panel}`);
  const controls = Array.from(section.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLSelectElement>('button, input, select'))
    .filter((c) => !c.disabled && c.dataset.keep === undefined);
  controls.forEach((c) => (c.disabled = true));
  section.setAttribute('aria-busy', 'true');
  say(note);
  try {
    const result = await work();
    say('');
    return result;
  } catch (err) {
    fail(err);
    return undefined;
  } finally {
    section.removeAttribute('aria-busy');
    controls.forEach((c) => (c.disabled = false));
  }
}
