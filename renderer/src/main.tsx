// Renderer entry: one store, its observers (main's events, the engine, the OS media controls, the offline
// watch, persistence), one React root.
import { Howler } from 'howler';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api';
import { App } from './components/App';
import { startEngine } from './player/engine';
import { createHlsSound, setHlsVolume } from './player/hls-sound';
import { createHowlSound } from './player/howl';
import { startOfflineWatch } from './player/offline';
import { playerPosition } from './player/position';
import { createAppStore } from './store';
import { StoreContext } from './store/context';
import { startMainEvents } from './store/main-events';
import { startMediaSession } from './store/media-session';
import { startPersistence } from './store/persist';
import './styles.css';

const api = getApi();
const store = createAppStore(api);
startMainEvents(store, api);
startEngine({
  store,
  getStream: api.getStream,
  createSound: createHowlSound,
  createHlsSound,
  isOnline: () => navigator.onLine,
  position: playerPosition,
  // Howler's global volume reaches its own sounds only; the HLS sounds take theirs alongside.
  setVolume: (volume) => {
    Howler.volume(volume);
    setHlsVolume(volume);
  },
});

startMediaSession({ store, position: playerPosition });
startOfflineWatch({ store, events: window });
startPersistence(store, api, { getPosition: () => playerPosition.get().position });

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
