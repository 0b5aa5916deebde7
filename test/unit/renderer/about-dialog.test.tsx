// @vitest-environment jsdom
// The About dialog: reached from the top bar by name, it shows the built version, the licence, a project link
// main will let out to the browser, and the line SoundCloud's API terms ask for.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import pkg from '../../../package.json';
import { isOpenableExternally } from '../../../electron/window-policy';
import { AboutButton, aboutFacts } from '../../../renderer/src/components/AboutDialog';

const built = { version: pkg.version, license: pkg.license, homepage: pkg.homepage };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function openAbout() {
  render(<AboutButton />);
  fireEvent.click(screen.getByRole('button', { name: 'About Cloudcue' }));
  return screen.getByRole('dialog', { name: 'About Cloudcue' });
}

describe('the About dialog', () => {
  it('opens from a button named "About Cloudcue" and closes again', () => {
    vi.stubGlobal('__CLOUDCUE_ABOUT__', built);
    const dialog = openAbout();
    expect(dialog.hasAttribute('open')).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(within(dialog).queryByText(/version/)).toBeNull();
  });

  it('shows the version and licence the build took from package.json', () => {
    vi.stubGlobal('__CLOUDCUE_ABOUT__', built);
    const dialog = openAbout();
    expect(within(dialog).getByText(`version ${pkg.version}`)).toBeTruthy();
    const licence = within(dialog).getByText('Licence').nextElementSibling;
    expect(licence?.textContent).toBe(pkg.license);
  });

  it('links to the project in a new window, a link main hands to the browser', () => {
    vi.stubGlobal('__CLOUDCUE_ABOUT__', built);
    const link = within(openAbout()).getByRole('link', { name: pkg.homepage.replace('https://', '') });
    expect(link.getAttribute('href')).toBe(pkg.homepage);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noreferrer');
    expect(isOpenableExternally(link.getAttribute('href') ?? '')).toBe(true);
    // Only that page: a look-alike stays refused.
    expect(isOpenableExternally(`${pkg.homepage}/../../evil`)).toBe(false);
  });

  it('says Cloudcue is not made or endorsed by SoundCloud, and that tracks link back', () => {
    vi.stubGlobal('__CLOUDCUE_ABOUT__', built);
    const text = openAbout().textContent ?? '';
    expect(text).toMatch(/not made or endorsed by SoundCloud/);
    expect(text).toMatch(/Every track links back to its page on SoundCloud/);
  });

  it('has no accessibility violation axe can find without layout', async () => {
    vi.stubGlobal('__CLOUDCUE_ABOUT__', built);
    const dialog = openAbout();
    // jsdom draws nothing, so contrast cannot be judged here (the e2e accessibility test does, in Chromium).
    const results = await axe.run(dialog, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(0);
  });

  it('says "development build" and shows no link when the renderer was not built', () => {
    expect(aboutFacts().version).toBe('development build');
    const dialog = openAbout();
    expect(within(dialog).getByText('version development build')).toBeTruthy();
    expect(within(dialog).queryByRole('link')).toBeNull();
  });
});
