// The About dialog and the top bar's button that opens it: name, version, licence, the project's page, and the
// line SoundCloud's API terms ask of apps built on it.
import { useState } from 'react';
import { Dialog } from './Dialog';

/** What the build knows of the app (electron.vite.config.ts defines it from package.json). */
export interface AboutFacts {
  version: string;
  license: string;
  homepage: string;
}

declare global {
  // Replaced at build time by Vite's `define`; absent where the renderer runs unbuilt (unit tests).
  const __CLOUDCUE_ABOUT__: AboutFacts | undefined;
}

/** The build's facts, or honest placeholders when the renderer was not built by electron-vite. */
export function aboutFacts(): AboutFacts {
  if (typeof __CLOUDCUE_ABOUT__ === 'object') return __CLOUDCUE_ABOUT__;
  return { version: 'development build', license: 'see the project page', homepage: '' };
}

export function AboutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const facts = aboutFacts();
  return (
    <Dialog open={open} onClose={onClose} title="About Cloudcue" className="about-dialog">
      <p className="about-name">
        <img src="icon.svg" alt="" width={48} height={48} />
        <span>
          Cloudcue <span className="about-version">version {facts.version}</span>
        </span>
      </p>
      <p>A desktop player for SoundCloud links.</p>
      <dl className="about-facts">
        <div>
          <dt>Licence</dt>
          <dd>{facts.license}</dd>
        </div>
        {facts.homepage !== '' && (
          <div>
            <dt>Project</dt>
            <dd>
              {/* A new-window link: main's open handler hands it to the user's browser (the renderer has no shell). */}
              <a href={facts.homepage} target="_blank" rel="noreferrer">
                {facts.homepage.replace(/^https:\/\//, '')}
              </a>
            </dd>
          </div>
        )}
      </dl>
      <p className="about-attribution">
        Cloudcue is not made or endorsed by SoundCloud. Every track links back to its page on SoundCloud.
      </p>
    </Dialog>
  );
}

/** The top bar's "About Cloudcue" button; it owns its dialog, so the window's layout need not know of it. */
export function AboutButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label="About Cloudcue"
        title="About Cloudcue"
        onClick={() => setOpen(true)}
      >
        <svg width={18} height={18} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth={2} />
          <path d="M12 11v6M12 7.5v.01" stroke="currentColor" strokeWidth={2} strokeLinecap="round" />
        </svg>
      </button>
      <AboutDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}
