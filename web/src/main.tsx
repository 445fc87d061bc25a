import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { sessionQuery } from './access/use-session.js';
import { App } from './app/app.js';
import { initI18n } from './i18n/i18n.js';
import { startOutbox } from './offline/outbox-runner.js';
import { prefetchMap } from './overview/map-prefetch.js';
import { registerServiceWorker } from './offline/register-service-worker.js';
import './app/app.css';

registerServiceWorker();
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 30_000, refetchOnWindowFocus: false } } });
void startOutbox(queryClient);
// On the first page the map is the slowest part: who is signed in, the overview's code, then the map's code and its
// points are asked for now, beside the reader's language, not one after the other after the first render.
if (location.pathname === '/') {
  void import('./overview/overview-page.js');
  void queryClient
    .fetchQuery(sessionQuery)
    .then((me) => prefetchMap(queryClient, me))
    // Only a head start: the app's own queries ask again, and show what failed.
    .catch(() => undefined);
}
const root = document.getElementById('root');
// The first render waits for the reader's language (a chunk of its own), so no text shows as its key.
if (root !== null) {
  void initI18n().then(() => {
    createRoot(root).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </StrictMode>,
    );
  });
}
