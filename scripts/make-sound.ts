/**
 * Writes web/public/widget/notification.wav: the widgets' notification sound, synthesised here so
 * it is ours to license (CC0, docs/ui.md 'Notification sound'). Two soft sine notes, a fifth
 * apart, each with a short attack and an exponential decay; 16-bit mono PCM at 22.05 kHz, which
 * every browser plays without a codec (an MP3 or OGG would need an encoder we do not ship).
 *
 * Usage: node --import tsx scripts/make-sound.ts   (the output is committed; rerun after a change)
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const RATE = 22_050;
const OUT = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'web/public/widget/notification.wav');

/** [frequency Hz, start s, length s] */
const NOTES: readonly [number, number, number][] = [
  [880, 0, 0.22],
  [1318.5, 0.11, 0.3],
];
const LENGTH = 0.42;

function samples(): Int16Array {
  const out = new Float64Array(Math.round(LENGTH * RATE));
  for (const [freq, start, len] of NOTES) {
    const from = Math.round(start * RATE);
    const n = Math.round(len * RATE);
    for (let i = 0; i < n && from + i < out.length; i++) {
      const t = i / RATE;
      const attack = Math.min(1, t / 0.008); // 8 ms, so the note does not click
      const decay = Math.exp(-t * 14);
      // a quiet second harmonic makes the sine sound like a bell rather than a test tone
      const tone = Math.sin(2 * Math.PI * freq * t) + 0.25 * Math.sin(4 * Math.PI * freq * t);
      out[from + i]! += 0.32 * attack * decay * tone;
    }
  }
  const pcm = new Int16Array(out.length);
  for (let i = 0; i < out.length; i++) pcm[i] = Math.round(Math.max(-1, Math.min(1, out[i]!)) * 32_767);
  return pcm;
}

function wav(pcm: Int16Array): Buffer {
  const data = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); // fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(RATE, 24);
  h.writeUInt32LE(RATE * 2, 28); // byte rate
  h.writeUInt16LE(2, 32); // block align
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

const file = wav(samples());
writeFileSync(OUT, file);
process.stdout.write(`wrote ${OUT} (${file.length} bytes)\n`);
