// hls.js's light build (its package names no types for it): the same API as the full build, without the
// parts Cloudcue never uses (alternate audio, subtitles, DRM, CMCD, interstitials).
declare module 'hls.js/light' {
  export * from 'hls.js';
  export { default } from 'hls.js';
}
