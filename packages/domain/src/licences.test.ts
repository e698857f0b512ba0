import { describe, expect, it } from 'vitest';
import { isLicenceField, licenceDescribes, licenceValidityMonths, validUntilOf } from './licences.ts';

describe('licence validity', () => {
  it('ends at the start of the same date N months later, China time', () => {
    // Issued 2026-03-02 09:00 China time.
    expect(validUntilOf(new Date('2026-03-02T01:00:00Z'), 60)?.toISOString()).toBe('2031-03-01T16:00:00.000Z');
    // 23:30 on 31 January (China): one month on is the last day of February; 00:30 on 1 February
    // (China, still 31 January in UTC) counts from 1 February.
    expect(validUntilOf(new Date('2026-01-31T15:30:00Z'), 1)?.toISOString()).toBe('2026-02-27T16:00:00.000Z');
    expect(validUntilOf(new Date('2026-01-31T16:30:00Z'), 1)?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(validUntilOf(new Date('2026-11-15T04:00:00Z'), 3)?.toISOString()).toBe('2027-02-14T16:00:00.000Z');
    expect(validUntilOf(new Date('2026-03-02T01:00:00Z'), 0)).toBeNull();
  });

  it('knows the demo catalogue’s types', () => {
    expect(licenceValidityMonths['TEMPORARY-ID-CARD']).toBe(3);
    expect(licenceValidityMonths['BUSINESS-LICENCE']).toBe(0);
  });
});

describe('licence fields', () => {
  it('keeps what describes the licence, drops contact, agent and delivery details', () => {
    expect(['enterprise.name', 'applicant.id_number', 'premises.address', 'mobile_phone.model'].every((k) => isLicenceField(k))).toBe(true);
    expect(['applicant.mobile', 'enterprise.contact_mobile', 'agent.name', 'delivery.address'].some((k) => isLicenceField(k))).toBe(false);
  });

  it('keeps a person’s ID number off a licence that describes an enterprise, not off the person’s own', () => {
    const founding = { applicantType: 'both' as const, form: [{ key: 'enterprise.name' }, { key: 'applicant.id_number' }] };
    expect(licenceDescribes(founding as never)).toBe('enterprise');
    expect(licenceDescribes({ applicantType: 'person', form: [{ key: 'applicant.id_number' }] } as never)).toBe('person');
    expect(isLicenceField('enterprise.legal_representative_id_number', 'enterprise')).toBe(false);
    expect(isLicenceField('applicant.id_number', 'enterprise')).toBe(false);
    expect(isLicenceField('enterprise.legal_representative', 'enterprise')).toBe(true);
    expect(isLicenceField('applicant.id_number', 'person')).toBe(true);
  });
});
