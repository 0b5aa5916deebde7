// The player bar's "Playback options" menu: the speed, "stop after this track" and the sleep timer, whose time
// left shows in the menu and as a badge on its button while it runs.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { formatDuration } from '../format';
import type { SleepChoice } from '../store/listening';
import { SPEED_STEPS, speedOf } from '../store/speeds';
import { useAppStore } from '../store/context';
import { MoonIcon, SpeedIcon } from './icons';
import './PlayerMenu.css';
import { useStoreFields } from './useStoreFields';

const SLEEP_CHOICES: readonly { choice: SleepChoice; label: string }[] = [
  { choice: 'off', label: 'Off' },
  { choice: 15, label: '15 min' },
  { choice: 30, label: '30 min' },
  { choice: 60, label: '60 min' },
  { choice: 'end', label: 'End of track' },
];

/** "1.25×"; a whole speed without decimals ("2×"). */
export const speedLabel = (speed: number): string => `${speed}×`;

const SPEED_CHOICES: readonly { choice: number; label: string }[] = SPEED_STEPS.map((step) => ({
  choice: step,
  label: speedLabel(step),
}));

/** The sleep timer's time left (ms), read from the store's clock once a second while a timer runs. */
function useSleepLeft(): number | null {
  const { sleepAt, sleepLeftMs } = useStoreFields('sleepAt', 'sleepLeftMs');
  const [, setTick] = useState(0);
  useEffect(() => {
    if (sleepAt === null) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 1_000);
    return () => clearInterval(timer);
  }, [sleepAt]);
  return sleepAt === null ? null : sleepLeftMs();
}

/** Up/Down (and Home/End) move between the items, wrapping; Escape and Tab close. */
function moveFocus(menu: HTMLElement, key: string): boolean {
  const items = [...menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const last = items.length - 1;
  const target =
    key === 'ArrowDown'
      ? at === last
        ? 0
        : at + 1
      : key === 'ArrowUp'
        ? at <= 0
          ? last
          : at - 1
        : key === 'Home'
          ? 0
          : key === 'End'
            ? last
            : null;
  if (target === null) return false;
  items[target]?.focus();
  return true;
}

/** One item of the menu: the arrow keys reach it, Tab leaves the menu. */
function MenuItem({
  role,
  checked,
  onClick,
  children,
}: {
  role: 'menuitemradio' | 'menuitemcheckbox';
  checked: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button type="button" role={role} aria-checked={checked} tabIndex={-1} onClick={onClick}>
      {children}
    </button>
  );
}

/** A group of radio items named by `label`, which also shows above them (for the eye only: the group says it). */
function RadioGroup<T extends string | number>({
  label,
  choices,
  checked,
  onChoose,
}: {
  label: string;
  choices: readonly { choice: T; label: string }[];
  checked: T;
  onChoose: (choice: T) => void;
}) {
  return (
    <div role="group" aria-label={label} className="player-menu-group">
      <div className="player-menu-heading" aria-hidden="true">
        {label}
      </div>
      {choices.map(({ choice, label: text }) => (
        <MenuItem
          key={choice}
          role="menuitemradio"
          checked={checked === choice}
          onClick={() => onChoose(choice)}
        >
          {text}
        </MenuItem>
      ))}
    </div>
  );
}

export function PlayerMenu() {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const speed = useAppStore((state) => speedOf(state));
  const { stopAfterCurrent, sleepMinutes, setSpeed, setStopAfterCurrent, setSleepTimer } = useStoreFields(
    'stopAfterCurrent',
    'sleepMinutes',
    'setSpeed',
    'setStopAfterCurrent',
    'setSleepTimer',
  );
  const left = useSleepLeft();
  const sleepChoice: SleepChoice = sleepMinutes ?? (stopAfterCurrent ? 'end' : 'off');

  // Opening puts focus on the checked speed, as a menu of radio items does.
  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitemradio"][aria-checked="true"]')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') close(false);
    else if (menuRef.current !== null && moveFocus(menuRef.current, event.key)) event.preventDefault();
  };

  const sleepText = left === null ? null : `Sleep in ${formatDuration(left)}`;
  const speedText = speed !== 1 ? speedLabel(speed) : null;
  // The name stays put while the timer counts (the tooltip has the seconds), and holds the badge's text.
  const named = (sleep: string | null): string => {
    const states = [speedText, sleep].filter((text) => text !== null);
    return states.length === 0 ? 'Playback options' : `Playback options (${states.join(', ')})`;
  };
  const label = named(left === null ? null : 'sleep timer on');
  return (
    <div className="player-menu">
      <button
        ref={buttonRef}
        type="button"
        className={`icon-button mode${speed !== 1 || left !== null || stopAfterCurrent ? ' on' : ''}`}
        aria-label={label}
        title={named(sleepText)}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <SpeedIcon />
        {left !== null ? (
          <span className="mode-badge player-menu-badge sleeping" aria-hidden="true">
            <MoonIcon />
          </span>
        ) : (
          speedText !== null && (
            <span className="mode-badge player-menu-badge" aria-hidden="true">
              {speedText}
            </span>
          )
        )}
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          className="player-menu-popup"
          role="menu"
          aria-label="Playback options"
          onKeyDown={onMenuKeyDown}
        >
          <RadioGroup label="Speed" choices={SPEED_CHOICES} checked={speed} onChoose={setSpeed} />
          <div role="separator" className="player-menu-separator" />
          <MenuItem
            role="menuitemcheckbox"
            checked={stopAfterCurrent}
            onClick={() => setStopAfterCurrent(!stopAfterCurrent)}
          >
            Stop after this track
          </MenuItem>
          <div role="separator" className="player-menu-separator" />
          <RadioGroup
            label={sleepText ?? 'Sleep timer'}
            choices={SLEEP_CHOICES}
            checked={sleepChoice}
            onChoose={setSleepTimer}
          />
        </div>
      )}
    </div>
  );
}
