/**
 * Which catalogue a person gets: the first of the browser's languages that Omnihook ships (exact
 * tag first, then the same language in another region: `de-AT` reads German, `pt` reads Brazilian
 * Portuguese), else the server's `Language` setting, else English. Pure, so it is unit tested.
 */
export function pickLanguage(preferred: readonly string[], available: readonly string[], fallback: string): string {
  const byLower = new Map(available.map((tag) => [tag.toLowerCase(), tag]));
  const base = (tag: string) => tag.toLowerCase().split('-')[0] ?? '';
  const find = (tag: string): string | undefined => {
    if (!tag) return undefined;
    const exact = byLower.get(tag.toLowerCase());
    if (exact) return exact;
    return available.find((a) => base(a) === base(tag));
  };
  for (const tag of preferred) {
    const hit = find(tag);
    if (hit) return hit;
  }
  return find(fallback) ?? find('en') ?? available[0] ?? 'en';
}

/** `{name}` placeholders filled from vars; a placeholder with no value stays visible. */
export function interpolate(text: string, vars?: Readonly<Record<string, string | number>>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
