// Finds where a pasted embed code ends: the `<iframe>` and the attribution `<div>` SoundCloud writes after it.

/** First index of `needle` at or after each position asked, for positions that only grow: linear overall. */
function forwardFinder(text: string, needle: string): (from: number) => number {
  let searchedFrom = -1;
  let found = -1;
  return (from) => {
    if (searchedFrom !== -1 && searchedFrom <= from && (found === -1 || found >= from)) return found;
    searchedFrom = from;
    found = text.indexOf(needle, from);
    return found;
  };
}

// SoundCloud's code puts `src` last, so `></iframe>` follows the URL at once; its attribution div (two links
// with inline styles) is well under this many characters.
const CLOSE_WITHIN = 300;
const OPEN_WITHIN = 1_000;
const DIV_WITHIN = 4_000;
const DIV_OPEN = /\s{0,200}<div\b/y;

/**
 * For links in order of position: where the embed code around an embed link at [start, end) ends, so the
 * links to the artist and the track in its attribution are not taken as links of their own; `end` when the
 * link is not the `src` of an `<iframe>`. Every search moves forward, so a whole paste costs linear time.
 */
export function embedCodeEnds(text: string): (start: number, end: number) => number {
  const nextOpen = forwardFinder(text, '<iframe');
  const nextClose = forwardFinder(text, '</iframe>');
  const nextDivClose = forwardFinder(text, '</div>');
  let lastOpen = -1;
  let from = 0;
  return (start, end) => {
    for (let at = nextOpen(from); at !== -1 && at < start; at = nextOpen(from)) {
      lastOpen = at;
      from = at + 1;
    }
    if (lastOpen === -1 || start - lastOpen > OPEN_WITHIN) return end;
    if (text.slice(lastOpen, start).includes('>')) return end;
    const close = nextClose(end);
    if (close === -1 || close - end > CLOSE_WITHIN) return end;
    const afterIframe = close + '</iframe>'.length;
    DIV_OPEN.lastIndex = afterIframe;
    if (!DIV_OPEN.test(text)) return afterIframe;
    const divClose = nextDivClose(afterIframe);
    if (divClose === -1 || divClose - afterIframe > DIV_WITHIN) return afterIframe;
    return divClose + '</div>'.length;
  };
}
