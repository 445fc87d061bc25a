/**
 * Registers web/public/sw.js, which keeps the app shell for offline use. Only on a secure origin (https or
 * localhost), where browsers allow service workers; a failure leaves the app working online.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const container = navigator.serviceWorker;
  container.register('/sw.js', { scope: '/' }).catch((e: unknown) => console.warn('service worker not registered', e));
  // The worker claims open pages when it activates, but a page still loading at that moment can be missed; without
  // this it would stay uncontrolled (and not work offline) until the next navigation.
  void container.ready.then((registration) => {
    if (container.controller === null) registration.active?.postMessage('claim');
  });
}
