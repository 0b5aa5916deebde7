// The store itself, for event handlers that read fresh state or act outside a render.
import { useContext } from 'react';
import type { AppStore } from '../store';
import { StoreContext } from '../store/context';

export function useStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useStoreApi outside <StoreContext>');
  return store;
}
