// The one Content-Security-Policy of the app, sent by both hosts (and mirrored in renderer/index.html's
// meta tag, which cannot import it). Styles allow 'unsafe-inline' only because Cytoscape sets inline
// styles; scripts never do.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
