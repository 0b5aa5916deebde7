// Lets any part of the window open the Settings dialog: a row that SoundCloud's human check failed offers
// it as a way out (the official API, or a client id of one's own).
import { createContext, useContext } from 'react';

export const OpenSettingsContext = createContext<() => void>(() => undefined);

export const useOpenSettings = (): (() => void) => useContext(OpenSettingsContext);
