// End to end in Chromium: the Output device picker and the equalizer. The picker lists System default and
// only outputs the window can name (headless Chromium names none), and choosing keeps the audio moving; in a
// Chromium with fake audio devices (named outputs), choosing one moves the graph's AudioContext to it by
// setSinkId while the track plays on from where it was. The equalizer's Bass preset lifts a low tone at the
// Output level meter by what its bands give there, Flat and off leave it as it was; axe finds nothing in
// the Settings dialog with the equalizer open. Chromium's compressor, set as the limiter is, lifts what it
// passes by its makeup gain, which the limiter's gain after it takes back to the level that came in.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bandType, EQ_FREQUENCIES, EQ_PRESETS, EQ_Q } from '../../renderer/src/audio/eq-bands';
import {
  LIMIT_ATTACK_SECONDS,
  LIMIT_DBFS,
  LIMIT_RATIO,
  LIMIT_RELEASE_SECONDS,
  makeupGainDb,
} from '../../renderer/src/audio/limit';
import { toneLevelDb } from '../simulator/media/audio';
import { axeViolations } from './axe';
import {
  addAndPlay,
  advanceOver,
  openApp,
  openSettings,
  playingStream,
  saveSettings,
  simTrack,
  useChromium,
  withApp,
} from './harness';
import { settledLevel } from './output-level';

const browser = useChromium();

/** Records every AudioContext.setSinkId the page makes (in `__sinkMoves`), before the app's own scripts run. */
const RECORD_SINK_MOVES = {
  content: `(() => {
    const moves = [];
    globalThis.__sinkMoves = moves;
    const original = AudioContext.prototype.setSinkId;
    if (original === undefined) return;
    AudioContext.prototype.setSinkId = function (id) {
      moves.push(id);
      return original.call(this, id);
    };
  })();`,
};

/** The AudioContext moves recorded so far. */
function sinkMoves(page: Page): Promise<string[]> {
  return page.evaluate('globalThis.__sinkMoves') as Promise<string[]>;
}

/** The audio outputs the page lists with a name, aliases left out. */
function namedOutputs(page: Page): Promise<{ id: string; label: string }[]> {
  return page.evaluate(`navigator.mediaDevices.enumerateDevices().then((devices) => devices
    .filter((d) => d.kind === 'audiooutput' && d.label !== '' && !['', 'default', 'communications'].includes(d.deviceId))
    .map((d) => ({ id: d.deviceId, label: d.label })))`) as Promise<{ id: string; label: string }[]>;
}

/** The position of the stream playing now (seconds). */
async function position(page: Page): Promise<number> {
  return (await playingStream(page)).currentTime;
}

/** The meter's settled reading once a full short-term window (3 s) has passed since a change. */
async function levelAfterChange(page: Page): Promise<number> {
  await page.waitForTimeout(3_200);
  return settledLevel(page, 20_000);
}

/** Turns normalization off (so only the equalizer changes the level) and sets the equalizer. */
async function setEqualizer(page: Page, enabled: boolean, preset?: 'Flat' | 'Bass'): Promise<void> {
  const dialog = await openSettings(page);
  await dialog.getByRole('switch', { name: 'Normalize loudness' }).setChecked(false);
  await dialog.getByRole('switch', { name: 'Equalizer' }).setChecked(enabled);
  if (preset !== undefined) {
    await dialog.getByRole('combobox', { name: 'Equalizer preset' }).selectOption({ label: preset });
  }
  await saveSettings(page);
}

/**
 * What the Bass preset's bands give at `frequency` (dB), as Web Audio computes the response of biquads made
 * as the equalizer makes them.
 */
async function bassGainAt(page: Page, frequency: number): Promise<number> {
  const bands = EQ_FREQUENCIES.map((centre, i) => ({
    type: bandType(i),
    centre,
    gain: EQ_PRESETS.bass[i] ?? 0,
  }));
  const args = JSON.stringify({ bands, frequency, q: EQ_Q });
  return page.evaluate(`(() => {
    const { bands, frequency, q } = ${args};
    const context = new OfflineAudioContext(1, 128, 48000);
    let total = 0;
    for (const band of bands) {
      const filter = context.createBiquadFilter();
      filter.type = band.type;
      filter.frequency.value = band.centre;
      filter.Q.value = q;
      filter.gain.value = band.gain;
      const magnitude = new Float32Array(1);
      filter.getFrequencyResponse(new Float32Array([frequency]), magnitude, new Float32Array(1));
      total += 20 * Math.log10(magnitude[0]);
    }
    return total;
  })()`) as Promise<number>;
}

/**
 * The featured track with the lowest tone that plays long enough to measure three times (257 Hz, 36 s):
 * Bass lifts it by several dB (the simulator's tones go from 220 to 880 Hz, where Bass has faded out).
 */
const LOW_TRACK = 'Harbour Lights';
/** A simulator tone's peak at 0 dB of level, in dBFS (its reference amplitude in 16 bits). */
const TONE_PEAK_DBFS = 20 * Math.log10(9000 / 32768);

/**
 * What Chromium's compressor, set as the limiter is, makes of a 1 kHz sine at `inputDbfs` (peak), then a gain of
 * `afterDb`: the output's level over its last half second (dB, as the peak of a sine of the same power) and
 * its highest sample (dBFS).
 */
async function throughLimiter(
  page: Page,
  inputDbfs: number,
  afterDb: number,
): Promise<{ level: number; peak: number }> {
  const limiter = {
    threshold: LIMIT_DBFS,
    knee: 0,
    ratio: LIMIT_RATIO,
    attack: LIMIT_ATTACK_SECONDS,
    release: LIMIT_RELEASE_SECONDS,
  };
  const args = JSON.stringify({ inputDbfs, afterDb, limiter });
  return page.evaluate(`(async () => {
    const { inputDbfs, afterDb, limiter } = ${args};
    const rate = 44100;
    const context = new OfflineAudioContext(1, rate, rate);
    const tone = context.createOscillator();
    tone.frequency.value = 1000;
    const level = context.createGain();
    level.gain.value = 10 ** (inputDbfs / 20);
    const compressor = context.createDynamicsCompressor();
    for (const [name, value] of Object.entries(limiter)) compressor[name].value = value;
    const after = context.createGain();
    after.gain.value = 10 ** (afterDb / 20);
    tone.connect(level).connect(compressor).connect(after).connect(context.destination);
    tone.start();
    const out = (await context.startRendering()).getChannelData(0).subarray(rate / 2);
    let power = 0;
    let peak = 0;
    for (const x of out) {
      power += x * x;
      peak = Math.max(peak, Math.abs(x));
    }
    return { level: 10 * Math.log10((2 * power) / out.length), peak: 20 * Math.log10(peak) };
  })()`) as Promise<{ level: number; peak: number }>;
}

describe('limiter', () => {
  it('passes what stays under its threshold at its own level once its makeup gain is taken back, and holds a full-scale tone near −0.95 dBFS', async () => {
    const page = await browser().newPage();
    try {
      const takeBack = -makeupGainDb(LIMIT_DBFS, LIMIT_RATIO);
      // The compressor alone lifts a tone under its threshold by its makeup gain (about +0.57 dB)…
      const raw = await throughLimiter(page, -6, 0);
      expect(raw.level - -6).toBeGreaterThan(0.5);
      expect(Math.abs(raw.level - -6 - makeupGainDb(LIMIT_DBFS, LIMIT_RATIO))).toBeLessThan(0.02);
      // …which the gain after it takes back, so that such a tone leaves as it came.
      for (const input of [-20, -6, -1.5]) {
        expect(Math.abs((await throughLimiter(page, input, takeBack)).level - input)).toBeLessThan(0.02);
      }
      // Above it, the limit holds: a full-scale tone leaves at the threshold plus 1/20 of its excess.
      const full = await throughLimiter(page, 0, takeBack);
      // (−0.95 dBFS, give or take the ripple of its 100 ms release on each cycle.)
      expect(full.peak).toBeLessThan(-0.8);
      expect(full.peak).toBeGreaterThan(-1.1);
    } finally {
      await page.close();
    }
  });
});

describe('equalizer', () => {
  it('lifts a low tone at the output by what the Bass preset gives there; Flat and off leave it as it was', async () => {
    await withApp(openApp(browser()), async (app) => {
      const { frequency } = simTrack(app.simulator, LOW_TRACK);
      const expected = await bassGainAt(app.page, frequency);
      expect(expected).toBeGreaterThan(3);
      // A boosted tone must stay under the limiter's threshold for the meter to show the boost whole.
      expect(TONE_PEAK_DBFS + toneLevelDb(frequency) + expected).toBeLessThan(LIMIT_DBFS);
      await setEqualizer(app.page, true, 'Flat');
      await addAndPlay(app, LOW_TRACK);
      const flat = await levelAfterChange(app.page);
      await setEqualizer(app.page, true, 'Bass');
      const bass = await levelAfterChange(app.page);
      expect(bass - flat).toBeGreaterThan(expected - 1);
      expect(bass - flat).toBeLessThan(expected + 1);
      // Off, the equalizer leaves the path: the level is Flat's again.
      await setEqualizer(app.page, false);
      expect(Math.abs((await levelAfterChange(app.page)) - flat)).toBeLessThan(0.5);
    });
  }, 120_000);

  it('leaves the Settings dialog clean for axe with the equalizer on and moved off its presets', async () => {
    await withApp(openApp(browser()), async (app) => {
      const dialog = await openSettings(app.page);
      await dialog.getByRole('switch', { name: 'Equalizer' }).setChecked(true);
      await dialog.getByRole('slider', { name: '2 kHz' }).fill('4.5');
      expect(await dialog.getByRole('combobox', { name: 'Equalizer preset' }).inputValue()).toBe('custom');
      expect(await axeViolations(app.page)).toEqual([]);
    });
  }, 60_000);
});

describe('output device', () => {
  it('lists System default and only outputs it can name, and choosing keeps the track playing', async () => {
    await withApp(openApp(browser(), { initScripts: [RECORD_SINK_MOVES] }), async (app) => {
      await addAndPlay(app, 'Glass Garden');
      const named = (await namedOutputs(app.page)).map((output) => output.label);
      const dialog = await openSettings(app.page);
      const picker = dialog.getByRole('combobox', { name: 'Output device' });
      expect(await picker.isEnabled()).toBe(true);
      const offered = await picker.locator('option').allTextContents();
      expect(offered).toEqual(['System default', ...new Set(named)]);
      await picker.selectOption({ label: 'System default' });
      const before = await position(app.page);
      await saveSettings(app.page);
      expect(await advanceOver(app.page, 2_000)).toBeGreaterThan(1.5);
      expect(await position(app.page)).toBeGreaterThan(before);
      // The compact choice beside the volume offers the same.
      const compact = app.page.getByRole('combobox', { name: 'Output device' });
      expect(await compact.locator('option').allTextContents()).toEqual(offered);
    });
  }, 60_000);
});

describe('output device, with named outputs', () => {
  // Fake capture devices come with named fake outputs; fake UI grants the naming (as Electron's
  // speaker-selection permission does for the app's page).
  const fakeDevices = useChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);

  it('moves the playing sound to the chosen output without restarting it, and back', async () => {
    await withApp(openApp(fakeDevices(), { initScripts: [RECORD_SINK_MOVES] }), async (app) => {
      await addAndPlay(app, 'Low Tide');
      const outputs = await namedOutputs(app.page);
      expect(outputs.length).toBeGreaterThanOrEqual(1);
      const target = outputs[0]!;
      const compact = app.page.getByRole('combobox', { name: 'Output device' });
      await expect.poll(() => compact.locator('option').allTextContents()).toContain(target.label);

      await app.page.waitForTimeout(1_000);
      const before = await position(app.page);
      await compact.selectOption({ label: target.label });
      await expect.poll(() => sinkMoves(app.page)).toContain(target.id);
      // Same stream, on from where it was, still in real time.
      expect(await advanceOver(app.page, 2_000)).toBeGreaterThan(1.5);
      expect(await position(app.page)).toBeGreaterThan(before);

      // Remembered by name: Settings shows it chosen.
      const dialog = await openSettings(app.page);
      expect(await dialog.getByRole('combobox', { name: 'Output device' }).inputValue()).toBe(target.label);
      await dialog.getByRole('combobox', { name: 'Output device' }).selectOption({ label: 'System default' });
      await saveSettings(app.page);
      await expect.poll(async () => (await sinkMoves(app.page)).at(-1)).toBe('');
      expect(await advanceOver(app.page, 1_500)).toBeGreaterThan(1.1);
    });
  }, 60_000);
});
