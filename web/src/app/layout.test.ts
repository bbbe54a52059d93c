import { describe, expect, it } from 'vitest';
import type { Me, Role } from '../lib/types';
import { homeOf } from './home-redirect';
import { navFor } from './layout';

const me = (roles: Role[], person = true): Me => ({
  account: { id: 'a', email: 'x@example.com', roles, orgId: 'o' },
  person: person ? ({ id: 'p', name: 'X' } as Me['person']) : null,
  enrolments: [],
});

describe('navigation by role', () => {
  it('gives each role its own places', () => {
    expect(navFor(me(['participant'])).map((i) => i.label)).toEqual(['My mentoring']);
    expect(navFor(me(['programme_manager', 'participant'])).map((i) => i.label)).toEqual([
      'My mentoring',
      'Programmes',
      'People',
      'Invitations',
      'Topics',
      'Reports',
    ]);
    expect(navFor(me(['org_admin'])).map((i) => i.label)).toEqual([
      'My mentoring',
      'Programmes',
      'People',
      'Invitations',
      'Topics',
      'Accounts',
      'Settings',
      'Mail',
      'Reports',
    ]);
    expect(navFor(me(['sponsor'], false)).map((i) => i.label)).toEqual(['Reports']);
  });

  it('starts managers on programmes and participants on their own mentoring', () => {
    expect(homeOf(me(['programme_manager']))).toBe('/programmes');
    expect(homeOf(me(['participant']))).toBe('/my');
    expect(homeOf(me(['sponsor'], false))).toBe('/reports');
  });
});
