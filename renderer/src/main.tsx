// Renderer entry: one store, its observers (main's events, the engine, the OS media controls, the offline
// watch, the desktop shell, persistence), one React root.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api';
import { startPlayerAudio } from './audio/player-audio';
import { App } from './components/App';
import { startEngine } from './player/engine';
import { startOfflineWatch } from './player/offline';
import { playerPosition } from './player/position';
import { resumeNote } from './player/resume-note';
import { createAppStore } from './store';
import { StoreContext } from './store/context';
import { startDesktop } from './store/desktop';
import { startMainEvents } from './store/main-events';
import { startMediaSession } from './store/media-session';
import { startPersistence } from './store/persist';
import './styles.css';

const api = getApi();
const store = createAppStore(api);
startMainEvents(store, api);
// The sound's graph, which every sound goes through, and the loudness normalization following the store.
const audio = startPlayerAudio({ store, memory: api });
startEngine({
  store,
  getStream: api.getStream,
  createSound: audio.createSound,
  createHlsSound: audio.createHlsSound,
  isOnline: () => navigator.onLine,
  position: playerPosition,
  resume: { memory: api, note: resumeNote, events: window },
  setVolume: audio.setVolume,
  fader: audio.fader,
});

startMediaSession({ store, position: playerPosition });
startOfflineWatch({ store, events: window });
// The desktop's links wait for the saved queue: they are added after it, never under it.
let onRestored: () => void = () => undefined;
const restored = new Promise<void>((resolve) => (onRestored = resolve));
const getPosition = (): number => playerPosition.get().position;
startDesktop(store, api, { getPosition, restored });
startPersistence(store, api, { getPosition, onRestored: () => onRestored() });

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
