import { describe, expect, it } from 'vitest';
import { switchOrganizationHref } from './organization-switch';

describe('switchOrganizationHref', () => {
  it('keeps the section and the period', () => {
    expect(switchOrganizationHref('/orgs/A/reports', '?period=2026-10', 'B')).toBe('/orgs/B/reports?period=2026-10');
    expect(switchOrganizationHref('/orgs/A/periods', 'year=2026-01', 'B')).toBe('/orgs/B/periods?year=2026-01');
    expect(switchOrganizationHref('/orgs/A/reports', '?period=2026-10&view=balance-sheet', 'B')).toBe(
      '/orgs/B/reports?period=2026-10&view=balance-sheet',
    );
  });

  it('goes to the list instead of a record of the other organization', () => {
    expect(switchOrganizationHref('/orgs/A/entries/5b1c', '', 'B')).toBe('/orgs/B/entries');
    expect(switchOrganizationHref('/orgs/A/entries/new', '', 'B')).toBe('/orgs/B/entries/new');
  });

  it('drops parameters that name the other organization’s records, keeps a date range', () => {
    expect(switchOrganizationHref('/orgs/A/entries', '?account=1100&from=2026-10-01&to=2026-10-31', 'B')).toBe(
      '/orgs/B/entries?from=2026-10-01&to=2026-10-31',
    );
  });

  it('opens the dashboard from pages outside an organization', () => {
    expect(switchOrganizationHref('/orgs', '', 'B')).toBe('/orgs/B');
    expect(switchOrganizationHref('/close', '?period=2026-10', 'B')).toBe('/orgs/B');
    expect(switchOrganizationHref('/orgs/A', '', 'B')).toBe('/orgs/B');
  });
});
