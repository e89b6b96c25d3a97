import { CHANNEL_NAME_MAX, incidentChannelName, slugify, withCollisionSuffix } from '../../src/incidents/channel-name';

const at = new Date('2026-11-22T23:30:00-05:00'); // 04:30 UTC on the 23rd

describe('incident channel names', () => {
  it('are inc-YYYYMMDD (UTC day) then the slugged title', () => {
    expect(incidentChannelName('Checkout returns 500s!', at)).toBe('inc-20261123-checkout-returns-500s');
  });

  it.each([
    ['Café Crème — São Paulo', 'cafe-creme-sao-paulo'],
    ['Straße/Øresund Łódź', 'strasse-oresund-lodz'],
    ['  DB: primary  down…  ', 'db-primary-down'],
    ['API_v2 → 503', 'api-v2-503'],
    ['שלום עולם', 'shlvm-vlm'],
    ['Œuvre đ þ ı', 'oeuvre-d-th-i'],
    ['🔥🔥', ''],
  ])('slug of %j is %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('fall back to "incident" when nothing in the title is usable', () => {
    expect(incidentChannelName('🔥🚨', at)).toBe('inc-20261123-incident');
  });

  it('never exceed 80 characters nor end in a hyphen', () => {
    const name = incidentChannelName(`${'word '.repeat(40)}`, at);
    expect(name.length).toBeLessThanOrEqual(CHANNEL_NAME_MAX);
    expect(name).not.toMatch(/-$/);
    expect(name).toMatch(/^[a-z0-9-]+$/);
  });

  it('number collisions, shortening the base to fit', () => {
    expect(withCollisionSuffix('inc-20261123-db', 1)).toBe('inc-20261123-db');
    expect(withCollisionSuffix('inc-20261123-db', 2)).toBe('inc-20261123-db-2');
    const long = incidentChannelName('x'.repeat(200), at);
    expect(long).toHaveLength(80);
    const suffixed = withCollisionSuffix(long, 12);
    expect(suffixed).toHaveLength(80);
    expect(suffixed.endsWith('x-12')).toBe(true);
  });
});
