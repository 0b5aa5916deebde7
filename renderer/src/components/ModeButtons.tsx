// Shuffle (on/off) and repeat (off → all → one).
import { IconButton } from './IconButton';
import { RepeatIcon, ShuffleIcon } from './icons';
import { useStoreFields } from './useStoreFields';

export function ModeButtons() {
  const { shuffle, repeat, toggleShuffle, cycleRepeat } = useStoreFields(
    'shuffle',
    'repeat',
    'toggleShuffle',
    'cycleRepeat',
  );
  return (
    <div className="modes">
      <IconButton
        className={`mode${shuffle ? ' on' : ''}`}
        label="Shuffle"
        aria-pressed={shuffle}
        title={shuffle ? 'Shuffle is on (S)' : 'Shuffle is off (S)'}
        onClick={toggleShuffle}
      >
        <ShuffleIcon />
      </IconButton>
      <IconButton
        className={`mode${repeat !== 'off' ? ' on' : ''}${repeat === 'one' ? ' repeat-one' : ''}`}
        label={`Repeat: ${repeat}`}
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
      </IconButton>
    </div>
  );
}
