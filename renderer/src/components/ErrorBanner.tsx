import type { ShownError } from '../state/errors';

interface ErrorBannerProps {
  error: ShownError;
  onDismiss: () => void;
  onRetry: () => void;
  retrying: boolean;
}

export function ErrorBanner({ error, onDismiss, onRetry, retrying }: ErrorBannerProps) {
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <svg className="error-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <circle cx="10" cy="10" r="8.5" />
        <path d="M10 5.5v5.5M10 13.6v.9" />
      </svg>
      <div className="error-text">
        <p className="error-title">{error.title}</p>
        <p className="error-message">{error.message}</p>
      </div>
      <div className="error-actions">
        <button type="button" className="button button-primary" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
