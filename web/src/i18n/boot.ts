/**
 * Picks the UI language before the first render: the browser's languages first, then the server's
 * `Language` setting (public, so the widget and the login page can read it). A server that does
 * not answer within a moment must not keep the page blank: English (or the browser's) it is.
 */
import { chooseLanguage } from './index.ts';

export async function startLanguage(): Promise<void> {
  let serverDefault = 'en';
  try {
    const r = await fetch('/api/v1/settings/Language', { signal: AbortSignal.timeout(1500) });
    if (r.ok) {
      const body = (await r.json()) as { value?: unknown };
      if (typeof body.value === 'string') serverDefault = body.value;
    }
  } catch {
    // offline or slow: the browser's languages and English still apply
  }
  chooseLanguage(navigator.languages, serverDefault);
}
