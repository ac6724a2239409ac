// Measured contrast (WCAG 2.x) of the default colours on a light and a dark host page, in
// Chromium: error and muted text ≥ 4.5:1, the chosen reward's border and the buttons' borders
// ≥ 3:1 against the page. axe does not see through color-mix() and translucency; this does.

import { expect, fixture, html } from '@open-wc/testing';
import '../src/index';
import type { SpendgoLoyalty } from '../src/index';
import { CLIENT_ID, PROXY } from './fake-proxy';
import { part, proxy, radios, ready, until, useFakeProxy } from './widget-helpers';

type Rgba = [number, number, number, number];

/** A computed colour (`rgb()`, `rgba()` or `color(srgb …)`) as 0–255 channels and alpha. */
function parse(value: string): Rgba {
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)$/.exec(value);
  if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, Number(srgb[4] ?? 1)];
  const rgb = /^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)$/.exec(value);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), Number(rgb[4] ?? 1)];
  throw new Error(`unparsed colour ${value}`);
}

const over = ([r, g, b, a]: Rgba, [R, G, B]: Rgba): Rgba => [
  r * a + R * (1 - a),
  g * a + G * (1 - a),
  b * a + B * (1 - a),
  1,
];

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(fg: string, page: Rgba): number {
  const [a, b] = [luminance(over(parse(fg), page)), luminance(page)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

useFakeProxy('Jordan');

const hosts = [
  { name: 'light', background: 'rgb(255, 255, 255)', color: 'rgb(17, 17, 17)' },
  { name: 'dark', background: 'rgb(18, 18, 18)', color: 'rgb(238, 238, 238)' },
];

for (const host of hosts) {
  describe(`default colours on a ${host.name} host`, () => {
    async function mountOn(): Promise<SpendgoLoyalty> {
      const page = await fixture<HTMLDivElement>(
        html`<div style="background: ${host.background}; color: ${host.color}; padding: 1rem">
          <spendgo-loyalty client-id=${CLIENT_ID} proxy=${PROXY} store="999999" lang="en"></spendgo-loyalty>
        </div>`,
      );
      return page.querySelector('spendgo-loyalty')!;
    }
    const background = parse(host.background);

    it('text, the chosen reward and the buttons stand out enough', async () => {
      const el = await mountOn();
      await ready(el);
      radios(el)[1]!.click();
      await el.updateComplete;
      const style = (name: string) => getComputedStyle(part(el, name)!);
      const chosen = el.shadowRoot!.querySelector<HTMLElement>('[part~="reward"]:has(input:checked)')!;
      const figures = {
        muted: contrast(style('reward-detail').color, background),
        border: contrast(getComputedStyle(chosen).borderTopColor, background),
        button: contrast(style('sign-out-button').borderTopColor, background),
      };
      expect(figures.muted, 'muted text').to.be.at.least(4.5);
      expect(figures.border, 'chosen reward border').to.be.at.least(3);
      expect(figures.button, 'button border').to.be.at.least(3);
    });

    it('error text is readable', async () => {
      proxy.failures = [503, 503];
      const el = await mountOn();
      await until(() => part(el, 'error'), 'no error shown');
      expect(contrast(getComputedStyle(part(el, 'error')!).color, background)).to.be.at.least(4.5);
    });
  });
}
