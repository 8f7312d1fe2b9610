import { initApi } from './api/client';
import { prefetchProjectData } from './state/useProjectData';
import './styles.css';

// Take the token out of the address bar before anything renders.
initApi();
// The project's data is asked for now: the host answers while the interface's code (React, Cytoscape,
// the panels; most of the script) loads and runs, instead of after it.
prefetchProjectData();
void import('./boot');
