import { describe, expect, it } from 'vitest';
import { timeZoneSchema } from './person-schema.js';

describe('a person’s time zone', () => {
  it('is an IANA name or UTC, never a machine-dependent or fixed-offset zone', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Europe/Kyiv', 'Etc/GMT+5'])
      expect(timeZoneSchema.safeParse(tz).success, tz).toBe(true);
    for (const tz of [
      'system',
      'local',
      'UTC+5',
      'utc+05:00',
      'GMT+1',
      'EST',
      'Mars/Olympus',
      '',
      'Europe/Berlin ',
    ])
      expect(timeZoneSchema.safeParse(tz).success, tz).toBe(false);
  });
});
