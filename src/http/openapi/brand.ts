/**
 * Omnihook's mark for the API docs page (replaces Swagger UI's default logo): a speech bubble
 * with a hook, drawn as a small SVG so it needs no file on disk.
 */
export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="170" height="40" viewBox="0 0 170 40" role="img" aria-label="Omnihook">
<rect x="2" y="4" width="34" height="26" rx="8" fill="#1d74f5"/>
<path d="M10 30 L10 37 L18 30 Z" fill="#1d74f5"/>
<path d="M23 10 v9 a5 5 0 0 1 -10 0" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"/>
<text x="46" y="27" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="20" font-weight="600" fill="#ffffff" textLength="112" lengthAdjust="spacingAndGlyphs">Omnihook</text>
</svg>`;

/** The same mark without the words, for the browser tab. */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">
<rect x="2" y="4" width="34" height="26" rx="8" fill="#1d74f5"/>
<path d="M10 30 L10 37 L18 30 Z" fill="#1d74f5"/>
<path d="M23 10 v9 a5 5 0 0 1 -10 0" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"/>
</svg>`;
