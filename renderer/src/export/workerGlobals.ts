// The headless export script also runs as a band worker (headless.ts), where there is no `window`:
// cytoscape-svg's module wrapper passes `window` as its root while loading. In a worker, `self` stands in.
// Imported first, before any library loads.
const scope = globalThis as { window?: unknown; document?: unknown; self?: unknown };
if (scope.window === undefined && scope.document === undefined && scope.self !== undefined) scope.window = scope.self;
