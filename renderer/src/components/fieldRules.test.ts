import { describe, expect, it } from 'vitest';
import { checkStakeholderField, issueFor, issuesByField, sameValue } from './fieldRules';

describe('inline field rules (the backend’s own messages)', () => {
  it('refuses an empty or whitespace-only name with the analyst’s sentence', () => {
    expect(checkStakeholderField('name', '   ')).toEqual({ ok: false, message: 'Give the stakeholder a name.' });
    expect(checkStakeholderField('name', '  Ofcom ')).toEqual({ ok: true, value: 'Ofcom' });
  });

  it('checks emails, web addresses and ranges', () => {
    expect(checkStakeholderField('emails', ['not-an-email'])).toEqual({
      ok: false,
      message: 'Enter an email address like name@example.org.',
    });
    expect(checkStakeholderField('website', 'ofcom.org.uk')).toMatchObject({ ok: false });
    expect(checkStakeholderField('website', '')).toEqual({ ok: true, value: null });
    expect(checkStakeholderField('influence', 6)).toEqual({ ok: false, message: 'Influence must be from 1 to 5.' });
    expect(checkStakeholderField('stance', null)).toEqual({ ok: true, value: null });
  });

  it('keeps emoji and right-to-left text, refuses control characters', () => {
    expect(checkStakeholderField('name', 'وزارة 🚀')).toEqual({ ok: true, value: 'وزارة 🚀' });
    expect(checkStakeholderField('name', 'Of\u0007com')).toMatchObject({ ok: false });
  });

  it('finds the server’s message for a field', () => {
    const error = {
      code: 'INVALID_INPUT' as const,
      message: 'Check the highlighted fields.',
      issues: [
        { path: 'patch.website', message: 'The website must be a web address starting with https:// or http://.' },
        { path: 'fields.targetId', message: 'A relationship needs two different stakeholders.' },
      ],
    };
    expect(issueFor(error, 'website')).toMatch(/web address/);
    expect(issueFor(error, 'name')).toBeNull();
    expect(issuesByField(error)).toEqual({
      website: 'The website must be a web address starting with https:// or http://.',
      targetId: 'A relationship needs two different stakeholders.',
    });
  });

  it('compares values as saved (null and undefined alike, lists by content)', () => {
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue(['a'], ['a'])).toBe(true);
    expect(sameValue(['a'], ['a', 'b'])).toBe(false);
  });
});
