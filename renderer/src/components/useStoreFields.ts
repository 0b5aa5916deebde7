// Named fields of the app store read together: the component re-renders only when one of them changes.
import { useShallow } from 'zustand/react/shallow';
import type { AppState } from '../store';
import { useAppStore } from '../store/context';

export function useStoreFields<K extends keyof AppState>(...keys: K[]): Pick<AppState, K> {
  return useAppStore(
    useShallow((state) => Object.fromEntries(keys.map((key) => [key, state[key]])) as Pick<AppState, K>),
  );
}
