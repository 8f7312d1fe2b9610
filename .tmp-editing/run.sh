#!/bin/sh
# Private build + run of the editing spec (does not touch dist/).
set -e
cd /work/main
sed "s#from './fixtures'#from './fixtures-private'#; s#from './checks'#from '../e2e/checks'#" e2e/editing.spec.ts > .tmp-editing/editing.private.ts
sed "s#from './fixtures'#from './fixtures-private'#; s#from './checks'#from '../e2e/checks'#" e2e/app.spec.ts > .tmp-editing/app.private.ts
npx vite build --logLevel warn --outDir /tmp/sm-ed/dist/renderer --emptyOutDir
SM_RENDERER_DIR=/tmp/sm-ed/dist/renderer npx playwright test -c .tmp-editing/pw.config.ts "$@"
