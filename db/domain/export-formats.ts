// The data export formats by name: pure data, so the contract (which the Electron main process bundles)
// can validate a format without pulling in the exporters.
export const DATA_FORMATS = [
  'stakeholders-csv',
  'relationships-csv',
  'graphml',
  'gexf',
  'cytoscape-json',
  'backup-json',
] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];
