// Renderer entry: one store, one audio engine, one React root.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api';
import { App } from './components/App';
import { startEngine } from './player/engine';
import { createHowlSound } from './player/howl';
import { createAppStore } from './store';
import { StoreContext } from './store/context';
import './styles.css';

const api = getApi();
const store = createAppStore(api);
startEngine({ store, getStream: api.getStream, createSound: createHowlSound });

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
