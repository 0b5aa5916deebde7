// The bar at the bottom: what plays, the transport, where it is, and how it plays.
import '../truth.css';
import { ModeButtons } from './ModeButtons';
import { Timeline } from './Timeline';
import { TrackInfo } from './TrackInfo';
import { TransportButtons } from './TransportButtons';
import { VolumeControl } from './VolumeControl';

export function NowPlaying() {
  return (
    <section className="now-playing" aria-label="Player">
      <TrackInfo />
      <div className="player-center">
        <TransportButtons />
        <Timeline />
      </div>
      <div className="player-side">
        <ModeButtons />
        <VolumeControl />
      </div>
    </section>
  );
}
