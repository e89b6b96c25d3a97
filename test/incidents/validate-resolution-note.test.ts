import { validateResolutionNote } from '../../src/incidents/validate-resolution-note';

describe('validateResolutionNote', () => {
  it('accepts one line', () => expect(validateResolutionNote('Rolled back the 14:02 deploy')).toBeNull());

  it.each(['Rolled back\nthe deploy', 'Rolled back\r\nthe deploy', 'Rolled back\rthe deploy'])('refuses %j: the note is one line', (note) => {
    expect(validateResolutionNote(note)).toContain('one line; details belong in the post-mortem');
  });

  it('still asks for a note and keeps it short', () => {
    expect(validateResolutionNote('  ')).toContain('Say in one line');
    expect(validateResolutionNote('x'.repeat(501))).toContain('(it has 501)');
  });
});
