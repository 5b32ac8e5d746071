/**
 * A conversation as a transcript, in plain text and as a printable HTML page (issue 13).
 *
 * One transcript for every reader: it may be emailed to the visitor, so it shows what the visitor
 * saw. Messages carry the text as typed (stored decoded, messages.ts); files appear by name;
 * internal notes are left out, and so are the comments agents write for colleagues on a forward or
 * a close: those system rows become neutral lines ("The chat was forwarded"). A system row of a
 * type this file does not know is left out too: its text may be meant for staff only.
 */
import { CLOSING_MESSAGE_TYPE } from '../../domain/models.ts';
import { escapeHtml } from '../../domain/visibility.ts';
import { parseJson } from '../../store/mappers.ts';
import type { MessageRow } from '../../store/mappers.ts';

export interface TranscriptHead {
  title: string;
  /** Facts under the title: "Visitor: ...", "Agent: ...", "Started: ..." */
  facts: string[];
}

export interface TranscriptLine {
  when: string;
  /** Undefined for a neutral system line. */
  who?: string;
  text: string;
  files: string[];
}

const NEUTRAL: Record<string, string> = {
  [CLOSING_MESSAGE_TYPE]: 'The chat was closed',
  livechat_transfer_history: 'The chat was forwarded',
};

export function stamp(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}

/** The rows of a transcript, in order; notes, comments and unknown system rows left out. */
export function transcriptLines(rows: MessageRow[]): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  for (const m of rows) {
    const when = stamp(m.ts);
    if (m.t) {
      const neutral = NEUTRAL[m.t];
      if (neutral) lines.push({ when, text: neutral, files: [] });
      continue;
    }
    const file = parseJson<{ name?: string } | null>(m.file, null);
    lines.push({ when, who: m.u_name || m.u_username, text: m.msg, files: file?.name ? [file.name] : [] });
  }
  return lines;
}

export function transcriptText(rows: MessageRow[], head: TranscriptHead): string {
  const out = [head.title, ...head.facts, ''];
  for (const l of transcriptLines(rows)) {
    const files = l.files.map((f) => ` [file: ${f}]`).join('');
    out.push((l.who ? `${l.when}  ${l.who}: ${l.text}${files}` : `${l.when}  -- ${l.text} --`).trimEnd());
  }
  return out.join('\n') + '\n';
}

// Print-friendly and self-contained: no script, no remote resource, readable on paper and on a phone.
const CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;margin:2rem auto;max-width:46rem;padding:0 1rem}
h1{font-size:1.35rem;margin:0 0 .25rem}
.facts{color:#555;margin:0 0 1.5rem;padding:0;list-style:none}
.msg{margin:0 0 .9rem;break-inside:avoid}
.meta{font-size:.8rem;color:#666}
.who{font-weight:600;color:#1d1d1f;margin-right:.5rem}
.text{margin:.1rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
.file{margin:.1rem 0 0;font-style:italic}
.system{color:#666;font-style:italic;text-align:center;font-size:.85rem}
@media print{body{margin:0;max-width:none;font-size:11pt}.meta{color:#444}}
`;

/** A whole HTML document; everything anyone typed is escaped, so nothing becomes markup. */
export function transcriptHtml(rows: MessageRow[], head: TranscriptHead): string {
  const body = transcriptLines(rows)
    .map((l) =>
      l.who === undefined
        ? `<p class="msg system">${escapeHtml(l.text)} <span class="meta">${escapeHtml(l.when)}</span></p>`
        : `<div class="msg"><div class="meta"><span class="who">${escapeHtml(l.who)}</span>${escapeHtml(l.when)}</div>` +
          (l.text ? `<p class="text">${escapeHtml(l.text)}</p>` : '') +
          l.files.map((f) => `<p class="file">File: ${escapeHtml(f)}</p>`).join('') +
          `</div>`,
    )
    .join('\n');
  const facts = head.facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(head.title)}</title><style>${CSS}</style></head>
<body><h1>${escapeHtml(head.title)}</h1><ul class="facts">${facts}</ul>
${body}
</body></html>
`;
}
