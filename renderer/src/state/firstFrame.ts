// When the map was first on screen (a large map's still picture, or Cytoscape's first frame): marked once
// per page for the bench (`stakemap:map-first-frame`), in the task after the frame that shows it. Work the
// first picture does not need (the stakeholder list, Cytoscape's code and instance) waits for
// `afterFirstPicture`, so it does not compete with it for the page's one thread.
const FIRST_FRAME_MARK = 'stakemap:map-first-frame';

let shown: () => void = () => {};
const firstFrame = new Promise<void>((resolve) => {
  shown = resolve;
});

export const markFirstFrame = (): void => {
  if (performance.getEntriesByName(FIRST_FRAME_MARK).length === 0) performance.mark(FIRST_FRAME_MARK);
  shown();
};

/** The map will draw no still picture after all (no room for it): whatever waits for one goes ahead. */
export const noFirstPicture = (): void => shown();

/** Resolves when the map's first frame is on screen, or after `limitMs` (a map that never draws). */
const firstFrameShown = (limitMs: number): Promise<void> =>
  Promise.race([firstFrame, new Promise<void>((resolve) => setTimeout(resolve, limitMs))]);

/** The longest the rest of the first load waits for a large map's picture. */
const PICTURE_WAIT_MS = 3000;

let picture: Promise<void> = Promise.resolve();

/**
 * Set by the first load (prefetch) once the first view's size is known: a large map drawn as a still
 * picture first makes later work wait for that picture (at most 3 s); a small one, or a failed read, does not.
 */
export const holdUntilFirstPicture = (isLargeMap: Promise<boolean>): void => {
  picture = isLargeMap.then((large) => (large ? firstFrameShown(PICTURE_WAIT_MS) : undefined));
};

/** Resolves once the first load's still picture is on screen, or at once when there is none to wait for. */
export const afterFirstPicture = (): Promise<void> => picture;
