// Types for the cytoscape-svg extension (it ships none): `cy.svg()` returns the map as an SVG document.
declare module 'cytoscape-svg' {
  import type cytoscape from 'cytoscape';

  const extension: cytoscape.Ext;
  export default extension;
}

declare namespace cytoscape {
  interface SvgExportOptions {
    full?: boolean;
    scale?: number;
    maxWidth?: number;
    maxHeight?: number;
    bg?: string;
  }
  interface Core {
    svg(options?: SvgExportOptions): string;
  }
}
