/**
 * The console's alert tones, synthesised with the Web Audio API: no audio file to ship or cache.
 * Browsers keep an AudioContext suspended until the page has had a user gesture, so the first
 * click or key press anywhere unlocks it (and the "Enable notifications" button does too).
 */
let ctx: AudioContext | undefined;

function context(): AudioContext | undefined {
  if (ctx) return ctx;
  try {
    ctx = new AudioContext();
  } catch {
    return undefined; // no Web Audio here: alerts stay silent, notifications still show
  }
  return ctx;
}

export function unlockSound(): void {
  const c = context();
  if (c?.state === 'suspended') void c.resume().catch(() => undefined);
}

// Unlock on the first gesture; `once` removes the listeners after it.
for (const ev of ['pointerdown', 'keydown'] as const) document.addEventListener(ev, unlockSound, { once: true });

/** A short chime: one note for a message, two rising notes for a new chat in the queue. */
export function playTone(kind: 'message' | 'chat'): void {
  const c = context();
  if (!c) return;
  if (c.state === 'suspended') void c.resume().catch(() => undefined);
  const notes = kind === 'chat' ? [660, 880] : [880];
  notes.forEach((freq, i) => {
    const start = c.currentTime + i * 0.16;
    const osc = c.createOscillator();
    const gain = c.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    // A quick attack and an exponential fade: a soft "ding", no click at either end.
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
    osc.connect(gain).connect(c.destination);
    osc.start(start);
    osc.stop(start + 0.32);
  });
}
