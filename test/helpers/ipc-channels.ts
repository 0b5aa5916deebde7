// The names main registers for the renderer's calls, written out here rather than read from the contract,
// so that a channel added or dropped shows in every test of registration.
export const REGISTERED_CHANNELS = [
  'cloudcue:addLinks',
  'cloudcue:desktopReady',
  'cloudcue:getSettings',
  'cloudcue:getStream',
  'cloudcue:loadPlaylists',
  'cloudcue:loadSession',
  'cloudcue:nowPlaying',
  'cloudcue:recallTrack',
  'cloudcue:related',
  'cloudcue:rememberTrack',
  'cloudcue:retry',
  'cloudcue:savePlaylists',
  'cloudcue:saveSession',
  'cloudcue:setSettings',
  'cloudcue:windowMode',
];
