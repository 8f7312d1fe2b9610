import { describe, expect, it } from 'vitest';
import { projectArg } from './args';

describe('projectArg', () => {
  it('finds a project file after the executable, skipping switches and the app path', () => {
    expect(projectArg(['/opt/electron', '.', '--no-sandbox', 'maps/EU.stakemap'], '/home/a')).toBe(
      '/home/a/maps/EU.stakemap',
    );
    expect(projectArg(['/opt/Stakemap', '/data/UK.STAKEMAP'], '/home/a')).toBe('/data/UK.STAKEMAP');
  });

  it('ignores anything that is not a project file', () => {
    expect(projectArg(['/opt/electron', '.'], '/home/a')).toBeNull();
    expect(projectArg(['/opt/electron', '.', 'notes.txt', '--flag=x.stakemap'], '/home/a')).toBeNull();
    expect(projectArg(['/opt/stakemap.stakemap'], '/home/a')).toBeNull();
  });
});
