// Transport icons as inline SVG, so they look the same whatever fonts the system has.

const common = {
  width: 18,
  height: 18,
  viewBox: '0 0 24 24',
  'aria-hidden': true,
  focusable: false,
} as const;

export const PlayIcon = () => (
  <svg {...common}>
    <path d="M7 4.5v15l13-7.5z" fill="currentColor" />
  </svg>
);

export const PauseIcon = () => (
  <svg {...common}>
    <path d="M6 4h4v16H6zM14 4h4v16h-4z" fill="currentColor" />
  </svg>
);

export const NextIcon = () => (
  <svg {...common}>
    <path d="M5 4.5v15L15 12zM16 4h3v16h-3z" fill="currentColor" />
  </svg>
);
