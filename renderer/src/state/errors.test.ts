import { describe, expect, it } from 'vitest';
import { combineErrors } from './errors';

describe('combineErrors', () => {
  it('is null when nothing failed', () => {
    expect(combineErrors([])).toBeNull();
  });

  it('says the same message once when every call failed the same way', () => {
    const message = 'Cannot reach the Stakemap host.';
    expect(
      combineErrors([
        { title: 'Could not open the project.', message },
        { title: 'Could not load the influence map.', message },
      ]),
    ).toEqual({ title: 'Could not load the project.', message });
  });

  it('keeps distinct messages, in order', () => {
    expect(
      combineErrors([
        { title: 'A.', message: 'First.' },
        { title: 'B.', message: 'Second.' },
      ]),
    ).toEqual({ title: 'Some of the project could not be loaded.', message: 'First. Second.' });
  });
});
