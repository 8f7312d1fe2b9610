// When the map was first on screen (a large map's still picture, or Cytoscape's first frame): marked once
// per page for the bench (`stakemap:map-first-frame`), and awaited by the first load, which asks for the
// stakeholder list only then on a large map (see useProjectData).
const FIRST_FRAME_MARK = 'stakemap:map-first-frame';

let shown: () => void = () => {};
const firstFrame = new Promise<void>((resolve) => {
  shown = resolve;
});

export const markFirstFrame = (): void => {
  if (performance.getEntriesByName(FIRST_FRAME_MARK).length === 0) performance.mark(FIRST_FRAME_MARK);
  shown();
};

/** Resolves when the map's first frame is on screen, or after `limitMs` (a map that never draws). */
export const firstFrameShown = (limitMs: number): Promise<void> =>
  Promise.race([firstFrame, new Promise<void>((resolve) => setTimeout(resolve, limitMs))]);
