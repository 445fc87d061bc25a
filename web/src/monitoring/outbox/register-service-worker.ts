/**
 * Registers web/public/sw.js, which keeps the app shell for offline use. Only on a secure origin (https or
 * localhost), where browsers allow service workers; a failure leaves the app working online.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((e: unknown) => console.warn('service worker not registered', e));
}
