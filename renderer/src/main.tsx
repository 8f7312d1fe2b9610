import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initApi } from './api/client';
import { prefetchProjectData } from './state/useProjectData';
import './styles.css';

// Take the token out of the address bar before anything renders.
initApi();
// The project's data is asked for now, while React builds the interface.
prefetchProjectData();

const root = document.getElementById('root');
if (!root) throw new Error('Stakemap: the page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
