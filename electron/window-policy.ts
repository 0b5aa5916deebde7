// Which pages may call IPC, and which links may leave the app for the user's browser.

/** True when `url` is the app's own renderer page (the built index.html, or the dev server). */
export function isTrustedRendererUrl(url: string | undefined, rendererUrl: string): boolean {
  if (url === undefined) return false;
  let sender: URL;
  let expected: URL;
  try {
    sender = new URL(url);
    expected = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (expected.protocol === 'file:') {
    return (
      sender.protocol === 'file:' && sender.host === expected.host && sender.pathname === expected.pathname
    );
  }
  return sender.origin === expected.origin;
}

/** Only SoundCloud pages open in the user's browser; everything else is refused. */
export function isOpenableExternally(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' &&
      parsed.hostname === 'soundcloud.com' &&
      parsed.port === '' &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}
