// Whether the stakeholder list beside the map is folded away. The analyst's own choice is remembered on this
// computer. Opening the Analysis panel in a window too narrow for list, map, panel and details folds the list
// for as long as the panel is open (the panel's key players stand in for it), so the map keeps a useful width;
// closing the panel brings the list back unless the analyst changed it meanwhile.
import { useCallback, useEffect, useRef, useState } from 'react';

const STORAGE_KEY = 'stakemap.stakeholderList.folded';
/** Below this window width, list (300) + details (340) + analysis panel (330) leave the map under 600 px. */
const ROOM_FOR_EVERY_PANEL = 1600;

function readStored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'true';
  } catch {
    return false; // storage blocked: the list starts shown
  }
}

function store(folded: boolean): void {
  try {
    localStorage.setItem(STORAGE_KEY, String(folded));
  } catch {
    // Not remembered; the choice still holds for this session.
  }
}

export function useFoldedList(analysisOpen: boolean) {
  const [folded, setFoldedState] = useState(readStored);
  /** The list was folded by the Analysis panel, not by the analyst. */
  const foldedForAnalysis = useRef(false);

  const setFolded = useCallback((next: boolean) => {
    foldedForAnalysis.current = false;
    setFoldedState(next);
    store(next);
  }, []);

  useEffect(() => {
    if (analysisOpen) {
      if (window.innerWidth >= ROOM_FOR_EVERY_PANEL) return;
      setFoldedState((was) => {
        if (!was) foldedForAnalysis.current = true;
        return true;
      });
    } else if (foldedForAnalysis.current) {
      foldedForAnalysis.current = false;
      setFoldedState(false);
    }
  }, [analysisOpen]);

  return { folded, setFolded };
}
