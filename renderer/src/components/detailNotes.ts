// What the detail panel says with nothing selected: shown by the panel, and by the app while the panel's
// code is still loading (App.tsx loads it as a chunk of its own), so the two never differ.
export const NOTHING_SELECTED = 'Select a stakeholder in the list, the table or on the map to see and edit it.';
