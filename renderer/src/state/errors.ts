/** What the error banner shows: a short statement of what failed, then the error's own words. */
export interface ShownError {
  title: string;
  message: string;
}

/** One banner for several failures of the same load: the distinct messages, in order. */
export const combineErrors = (errors: ShownError[]): ShownError | null => {
  const first = errors[0];
  if (!first) return null;
  const messages = [...new Set(errors.map((e) => e.message))];
  const title = errors.every((e) => e.title === first.title)
    ? first.title
    : messages.length === 1
      ? 'Could not load the project.'
      : 'Some of the project could not be loaded.';
  return { title, message: messages.join(' ') };
};
