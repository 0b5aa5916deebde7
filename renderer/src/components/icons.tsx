// Icons as inline SVG, so they look the same whatever fonts the system has. All decorative: the
// control that shows one carries the accessible name.
import type { ReactNode } from 'react';

const stroke = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

/** The frame every icon is drawn in: 18 px on a 24-unit grid, hidden from screen readers. */
function Icon({ size = 18, children }: { size?: number | undefined; children: ReactNode }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden focusable={false}>
      {children}
    </svg>
  );
}

/** An icon that is one filled shape. */
const filledIcon = (d: string, size?: number) =>
  function FilledIcon() {
    return (
      <Icon size={size}>
        <path d={d} fill="currentColor" />
      </Icon>
    );
  };

/** An icon that is one line drawing. */
const strokedIcon = (d: string) =>
  function StrokedIcon() {
    return (
      <Icon>
        <path {...stroke} d={d} />
      </Icon>
    );
  };

export const PlayIcon = filledIcon('M7 4.5v15l13-7.5z');
export const PauseIcon = filledIcon('M6 4h4v16H6zM14 4h4v16h-4z');
export const NextIcon = filledIcon('M5 4.5v15L15 12zM16 4h3v16h-3z');
export const PreviousIcon = filledIcon('M19 4.5v15L9 12zM5 4h3v16H5z');
export const ShuffleIcon = strokedIcon('M16 3h5v5M4 20 21 3M21 16v5h-5M15 15l6 6M4 4l5 5');
export const RemoveIcon = strokedIcon('M6 6l12 12M18 6 6 18');
export const RetryIcon = strokedIcon('M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5');
/** Corners pulled outwards: "back to the full window". */
export const FullWindowIcon = strokedIcon('M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5');
/** A tracklist's lines with an arrow pointing out of them: back to the left, on to the right. */
export const PreviousChapterIcon = filledIcon('M11 6h10v2H11zM11 11h10v2H11zM11 16h10v2H11zM9 7.5v9L3 12z');
export const NextChapterIcon = filledIcon('M3 6h10v2H3zM3 11h10v2H3zM3 16h10v2H3zM15 7.5v9l6-4.5z');
/** The sleep timer's badge: a crescent moon, drawn small. */
export const MoonIcon = filledIcon('M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5z', 9);

export const RepeatIcon = ({ one = false }: { one?: boolean }) => (
  <Icon>
    <path {...stroke} d="M17 2l4 4-4 4M3 11V10a4 4 0 0 1 4-4h14M7 22l-4-4 4-4M21 13v1a4 4 0 0 1-4 4H3" />
    {one && <path d="M11 10h2v5h-2z" fill="currentColor" />}
  </Icon>
);

export const VolumeIcon = ({ level }: { level: 'muted' | 'low' | 'high' }) => (
  <Icon>
    <path d="M4 9v6h4l5 4V5L8 9z" fill="currentColor" />
    {level === 'muted' && <path {...stroke} d="M17 9l5 6M22 9l-5 6" />}
    {level !== 'muted' && <path {...stroke} d="M16 9.5a3.5 3.5 0 0 1 0 5" />}
    {level === 'high' && <path {...stroke} d="M18.5 6.5a7 7 0 0 1 0 11" />}
  </Icon>
);

export const SettingsIcon = () => (
  <Icon>
    <circle {...stroke} cx="12" cy="12" r="3" />
    <path
      {...stroke}
      d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z"
    />
  </Icon>
);

export const KeyboardIcon = () => (
  <Icon>
    <rect {...stroke} x="2" y="6" width="20" height="12" rx="2" />
    <path {...stroke} d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10" />
  </Icon>
);

export const PlayNextIcon = () => (
  <Icon>
    <path d="M4 5v8l6-4z" fill="currentColor" />
    <path {...stroke} d="M13 7h8M13 12h8M4 17h17" />
  </Icon>
);

export const NoteIcon = () => (
  <Icon>
    <path {...stroke} d="M9 18V5l11-2v13" />
    <circle cx="6" cy="18" r="3" fill="currentColor" />
    <circle cx="17" cy="16" r="3" fill="currentColor" />
  </Icon>
);

/** A target: "jump to the current track". */
export const JumpIcon = () => (
  <Icon>
    <circle {...stroke} cx="12" cy="12" r="7" />
    <circle cx="12" cy="12" r="2.5" fill="currentColor" />
    <path {...stroke} d="M12 2v3M12 19v3M2 12h3M19 12h3" />
  </Icon>
);

/** A small window in the corner of a large one: "the mini player". */
export const MiniPlayerIcon = () => (
  <Icon>
    <rect {...stroke} x="2" y="4" width="20" height="16" rx="2" />
    <rect x="12" y="12" width="7" height="5" rx="1" fill="currentColor" />
  </Icon>
);

/** A speedometer's dial and needle: "playback speed" and the other playback options. */
export const SpeedIcon = () => (
  <Icon>
    <path {...stroke} d="M4.5 17a8.5 8.5 0 1 1 15 0M12 13.5l4-5" />
    <circle cx="12" cy="14" r="1.6" fill="currentColor" />
  </Icon>
);
