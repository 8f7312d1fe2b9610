// Renders the app: loaded by main.tsx after it has asked for the project's data.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { firstGraphSettled } from './state/useProjectData';

const root = document.getElementById('root');
if (!root) throw new Error('Stakemap: the page has no #root element.');

/** The longest the first render waits for the first view's graph (a slow or large project renders without it). */
const FIRST_GRAPH_WAIT_MS = 1000;

// Built once with the map, when its graph is in: building the empty app first costs its whole render,
// layout and paint on the page's one thread just before the map's.
void firstGraphSettled(FIRST_GRAPH_WAIT_MS).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
