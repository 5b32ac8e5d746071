import { describe, expect, it } from 'vitest';
import { interpolate, pickLanguage } from '../../web/src/i18n/language.ts';

const shipped = ['de', 'en', 'es', 'fr', 'pt-BR'];

describe('pickLanguage', () => {
  it('takes the first browser language shipped, exact tag first', () => {
    expect(pickLanguage(['fr-FR', 'de'], shipped, 'en')).toBe('fr');
    expect(pickLanguage(['pt-BR'], shipped, 'en')).toBe('pt-BR');
  });
  it('reads a regional variant as its language', () => {
    expect(pickLanguage(['de-AT'], shipped, 'en')).toBe('de');
    expect(pickLanguage(['pt-PT', 'en'], shipped, 'en')).toBe('pt-BR');
    expect(pickLanguage(['PT'], shipped, 'en')).toBe('pt-BR');
  });
  it('falls back to the server setting, then to English', () => {
    expect(pickLanguage(['ja', 'ko'], shipped, 'es')).toBe('es');
    expect(pickLanguage(['ja'], shipped, 'xx')).toBe('en');
    expect(pickLanguage([], shipped, '')).toBe('en');
  });
  it('a dropped-in catalogue is picked like a shipped one', () => {
    expect(pickLanguage(['it-IT'], [...shipped, 'it'], 'en')).toBe('it');
  });
});

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Hello {name}, {n} new', { name: 'Ana', n: 3 })).toBe('Hello Ana, 3 new');
    expect(interpolate('Hello {name}', {})).toBe('Hello {name}');
    expect(interpolate('No vars')).toBe('No vars');
  });
});
