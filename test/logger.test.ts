import { Writable } from 'node:stream';
import { createLogger, scrubTokens } from '../src/logger';
import { boltLogger } from '../src/slack/app/bolt-logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('logger', () => {
  it('writes JSON lines and redacts secrets by field and tokens by shape', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: 'info', pretty: false }, stream);
    logger.info({ token: 'anything', slack: { signingSecret: 'abc123' } }, 'called with xoxb-123-456-abc');
    logger.error({ err: new Error('bad token xapp-1-A2-xyz') }, 'failed');
    const all = lines.join('\n');
    expect(all).not.toMatch(/xoxb-|xapp-|anything|abc123/);
    const first = JSON.parse(lines[0] ?? '{}');
    expect(first.msg).toBe('called with [REDACTED]');
    expect(first.token).toBe('[REDACTED]');
  });

  it('routes Bolt logging through pino at the configured level', () => {
    const { lines, stream } = capture();
    const bolt = boltLogger(createLogger({ level: 'warn', pretty: false }, stream));
    bolt.info('not shown');
    bolt.warn('shown', { token: 'xoxb-9-9-secret' });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line).toMatchObject({ component: 'bolt', level: 40 });
    expect(line.msg).not.toContain('xoxb-9');
    expect(bolt.getLevel()).toBe('warn');
  });

  it('scrubs every token kind', () => {
    expect(scrubTokens('xoxb-1 xoxp-2 xoxa-3 xoxe-4 xapp-5 plain')).toBe(
      '[REDACTED] [REDACTED] [REDACTED] [REDACTED] [REDACTED] plain',
    );
  });
});
