/**
 * The launcher's words in the visitor's language. The launcher (web/public/widget/embed.js) runs
 * on the shop's page with no catalogue; the frame knows the language, so it posts the translated
 * labels up ({omnihook:'labels'}) and the launcher uses them from then on (English until the frame
 * has loaded). The unread count is the launcher's, so it gets one template per plural form of the
 * language (`{count}` left in) and picks the form itself with Intl.PluralRules.
 */
import { useEffect } from 'react';
import { language, t, tn } from '../i18n/index.ts';

export interface LauncherLabels {
  omnihook: 'labels';
  /** the language's tag, for Intl.PluralRules on the shop's page */
  lang: string;
  open: string;
  close: string;
  frame: string;
  /** a template per plural category present in the language (`other` always), `{count}` inside */
  unread: Partial<Record<Intl.LDMLPluralRule, string>>;
  /** the preview's label, `{author}` inside */
  preview: string;
}

/** A sample count for each plural category the language uses (French and Spanish have "many" at a million). */
function samples(lang: string): Map<Intl.LDMLPluralRule, number> {
  const rules = new Intl.PluralRules(lang);
  const found = new Map<Intl.LDMLPluralRule, number>();
  for (const n of [...Array.from({ length: 200 }, (_, i) => i), 1_000_000]) {
    const form = rules.select(n);
    if (!found.has(form)) found.set(form, n);
  }
  return found;
}

export function launcherLabels(): LauncherLabels {
  const lang = language();
  const unread: Partial<Record<Intl.LDMLPluralRule, string>> = {};
  for (const [form, n] of samples(lang)) unread[form] = tn('launcher.unread', n, { count: '{count}' });
  return {
    omnihook: 'labels',
    lang,
    open: t('launcher.open'),
    close: t('launcher.close'),
    frame: t('widget.livechat'),
    unread,
    preview: t('launcher.preview', { author: '{author}' }),
  };
}

/** Tells the launcher its labels once the widget has rendered (the language is chosen by then). */
export function useLauncherLabels(): void {
  useEffect(() => {
    if (window.parent === window) return;
    window.parent.postMessage(launcherLabels(), '*');
  }, []);
}
