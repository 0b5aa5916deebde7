// The bar at the bottom: what plays, the transport, where it is, how it plays, and the mini player's button.
import '../truth.css';
import { MiniPlayerButton } from './MiniPlayer';
import { ModeButtons } from './ModeButtons';
import { ResumeNote } from './ResumeNote';
import { PlayerMenu } from './PlayerMenu';
import { Timeline } from './Timeline';
import { TrackInfo } from './TrackInfo';
import { TransportButtons } from './TransportButtons';
import { VolumeControl } from './VolumeControl';

export function NowPlaying() {
  return (
    <section className="now-playing" aria-label="Player">
      <TrackInfo />
      <div className="player-center">
        <ResumeNote />
        <TransportButtons />
        <Timeline />
      </div>
      <div className="player-side">
        <ModeButtons />
        <PlayerMenu />
        <VolumeControl />
        <MiniPlayerButton />
      </div>
    </section>
  );
}
