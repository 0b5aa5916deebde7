// Vite's `?worker&url` import: the URL of a module bundled on its own (the meter's AudioWorklet).
declare module '*?worker&url' {
  const url: string;
  export default url;
}
