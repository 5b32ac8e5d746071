/**
 * The widget's colours from livechat/config's `theme`, as CSS custom properties on the widget's
 * root (styles.css, 'Appearance'). Rocket.Chat has one colour (`Livechat_title_color`); Omnihook
 * adds button and bubble colours, '' meaning "follow the header". Each background gets the text
 * colour, white or near-black, with the better contrast, so a shop's light brand colour stays
 * readable (WCAG AA asks 4.5:1 for text).
 */
import type { CSSProperties } from 'react';

export interface WidgetTheme {
  color?: string;
  offlineColor?: string;
  buttonColor?: string;
  agentBubbleColor?: string;
  visitorBubbleColor?: string;
}

const DARK = '#1f2329';
const LIGHT = '#ffffff';
export const DEFAULT_COLOR = '#1d74f5';

/** #rgb, #rgba, #rrggbb or #rrggbbaa to [r, g, b] (0-255); undefined for anything else. */
export function parseHex(colour: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{3,8})$/i.exec(colour.trim());
  if (!m) return undefined;
  let hex = m[1]!;
  if (hex.length === 3 || hex.length === 4) hex = [...hex.slice(0, 3)].map((c) => c + c).join('');
  if (hex.length !== 6 && hex.length !== 8) return undefined;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance. */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: string, b: string): number {
  const la = luminance(parseHex(a) ?? [0, 0, 0]);
  const lb = luminance(parseHex(b) ?? [0, 0, 0]);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The readable text colour on a background. */
export function textOn(background: string): string {
  return contrast(background, LIGHT) >= contrast(background, DARK) ? LIGHT : DARK;
}

/** A colour 12% darker, for hover states. */
function darker(colour: string): string {
  const rgb = parseHex(colour);
  if (!rgb) return colour;
  return `#${rgb
    .map((c) =>
      Math.round(c * 0.88)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

const valid = (c: string | undefined): c is string => !!c && parseHex(c) !== undefined;

/** The header colour in use: the offline colour on the offline form. */
export function headerColour(theme: WidgetTheme | undefined, offline: boolean): string {
  const c = offline ? theme?.offlineColor : theme?.color;
  return valid(c) ? c : DEFAULT_COLOR;
}

/** CSS custom properties for the widget's root element. */
export function themeStyle(theme: WidgetTheme | undefined, offline = false): CSSProperties {
  const header = headerColour(theme, offline);
  const button = valid(theme?.buttonColor) ? theme.buttonColor : header;
  const visitor = valid(theme?.visitorBubbleColor) ? theme.visitorBubbleColor : button;
  const agent = valid(theme?.agentBubbleColor) ? theme.agentBubbleColor : '#eef0f2';
  return {
    '--w-header': header,
    '--w-header-fg': textOn(header),
    '--w-button': button,
    '--w-button-hover': darker(button),
    '--w-button-fg': textOn(button),
    '--w-visitor-bubble': visitor,
    '--w-visitor-fg': textOn(visitor),
    '--w-agent-bubble': agent,
    '--w-agent-fg': textOn(agent),
  } as CSSProperties;
}

/** What the launcher (embed.js) needs: the button colour, its readable text and the side. */
export function launcherTheme(
  theme: (WidgetTheme & { position?: string }) | undefined,
): { color: string; fg: string; position: string } | undefined {
  if (!theme) return undefined;
  const color = valid(theme.buttonColor) ? theme.buttonColor : headerColour(theme, false);
  return { color, fg: textOn(color), position: theme.position === 'left' ? 'left' : 'right' };
}
