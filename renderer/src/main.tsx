import { initApi } from './api/client';
import { prefetchProjectData } from './state/useProjectData';
import './styles.css';

// Take the token out of the address bar before anything renders.
initApi();
// The interface's code (React and the panels; most of the script) is asked for first, then the project's
// data: the host answers both at once, and the script is compiled and run while the data comes in.
const boot = import('./boot');
prefetchProjectData();
void boot;
