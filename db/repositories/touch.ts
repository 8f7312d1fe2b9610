// `updated_at` doubles as the version an editor saw (see `expectedUpdatedAt`), so every write must
// move it on, even two writes within one millisecond.
export const TOUCH =
  "updated_at = max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'))";
