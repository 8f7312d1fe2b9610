/** An export that could not be made, with a sentence for the user (nothing was saved). */
export class ExportError extends Error {}
