import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app/app.js';
import { initI18n } from './i18n/i18n.js';
import { startOutbox } from './offline/outbox-runner.js';
import { registerServiceWorker } from './offline/register-service-worker.js';
import './app/app.css';

registerServiceWorker();
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 30_000, refetchOnWindowFocus: false } } });
void startOutbox(queryClient);
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
