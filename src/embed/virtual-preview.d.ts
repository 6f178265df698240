// The built-in scenarios' first pictures, computed at build time (vite-plugins.ts, previewManifest()).
declare module 'virtual:durability-lab-preview' {
  const manifest: import('./preview-types').PreviewManifest;
  export default manifest;
}
