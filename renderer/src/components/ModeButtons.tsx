// Shuffle (on/off) and repeat (off → all → one).
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/context';
import { RepeatIcon, ShuffleIcon } from './icons';

export function ModeButtons() {
  const { shuffle, repeat, toggleShuffle, cycleRepeat } = useAppStore(
    useShallow((s) => ({
      shuffle: s.shuffle,
      repeat: s.repeat,
      toggleShuffle: s.toggleShuffle,
      cycleRepeat: s.cycleRepeat,
    })),
  );
  return (
    <div className="modes">
      <button
        type="button"
        className={`icon-button mode${shuffle ? ' on' : ''}`}
        aria-label="Shuffle"
        aria-pressed={shuffle}
        title={shuffle ? 'Shuffle is on (S)' : 'Shuffle is off (S)'}
        onClick={toggleShuffle}
      >
        <ShuffleIcon />
      </button>
      <button
        type="button"
        className={`icon-button mode${repeat !== 'off' ? ' on' : ''}${repeat === 'one' ? ' repeat-one' : ''}`}
        aria-label={`Repeat: ${repeat}`}
        title={`Repeat: ${repeat} (R)`}
        onClick={cycleRepeat}
      >
        <RepeatIcon one={repeat === 'one'} />
        {/* Repeat one wears a "1", so it cannot be taken for repeat all at a glance. */}
        {repeat === 'one' && (
          <span className="mode-badge" aria-hidden="true">
            1
          </span>
        )}
      </button>
    </div>
  );
}
