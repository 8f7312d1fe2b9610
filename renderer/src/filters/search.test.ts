import { describe, expect, it } from 'vitest';
import { blankStakeholder, type Stakeholder } from '../../../db/domain/model';
import { searchStakeholders } from './MapSearch';

const person = (id: number, name: string, extra: Partial<Stakeholder> = {}): Stakeholder => ({
  ...blankStakeholder(name),
  id,
  createdAt: '',
  updatedAt: '',
  ...extra,
});

const people = [
  person(1, 'Dr. Amara Okafor', { tags: ['critic'] }),
  person(2, 'Okapi Ventures'),
  person(3, 'Department for Science, Innovation and Technology', { role: 'Ministry' }),
  person(4, 'Zoë Brook', { sector: 'Academia' }),
];

describe('searchStakeholders', () => {
  it('ranks names that start with the query, then words, then anywhere in the name, then other fields', () => {
    expect(searchStakeholders(people, 'oka').map((s) => s.id)).toEqual([2, 1]);
    expect(searchStakeholders(people, 'science').map((s) => s.id)).toEqual([3]);
    expect(searchStakeholders(people, 'critic').map((s) => s.id)).toEqual([1]);
    expect(searchStakeholders(people, 'ministry').map((s) => s.id)).toEqual([3]);
  });

  it('ignores case and accents, and finds nothing for an empty query', () => {
    expect(searchStakeholders(people, 'ZOE').map((s) => s.id)).toEqual([4]);
    expect(searchStakeholders(people, '   ')).toEqual([]);
    expect(searchStakeholders(people, 'nobody')).toEqual([]);
  });
});
