// Which nodes show their label, and how large, at a label threshold (see labelThreshold in style.ts):
// one routine for the map on screen and for exported pictures, so both show the same labels.
import type { Core } from 'cytoscape';
import { LABEL_TIER_CLASSES, labelTier, labelTierClass } from './style';

/** Hides the labels below `threshold` and enlarges the rest for its tier, in one batch (only changed classes). */
export function applyLabelClasses(cy: Core, threshold: number): void {
  const big = labelTierClass(labelTier(threshold));
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const hide = (Number(n.data('labelRank')) || 0) < threshold;
      if (hide !== n.hasClass('label-hidden')) n.toggleClass('label-hidden', hide);
      for (const c of LABEL_TIER_CLASSES) {
        const want = !hide && big === c;
        if (want !== n.hasClass(c)) n.toggleClass(c, want);
      }
    });
  });
}
