import { waitFor } from '../../tools/harness/wait-for';

describe('waitFor', () => {
  it('resolves with the first truthy value', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls >= 3 ? `after ${calls}` : undefined), { intervalMs: 1 })).resolves.toBe('after 3');
  });

  it('retries while the callback throws, e.g. a failing expect', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        calls += 1;
        expect(calls).toBeGreaterThan(2);
        return calls;
      },
      { intervalMs: 1 },
    );
    expect(value).toBe(3);
  });

  it('rethrows the last error on timeout', async () => {
    await expect(
      waitFor(
        () => {
          expect('pending').toBe('done');
        },
        { timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow(/waitFor timed out after 30 ms; last error: .*toBe/s);
  });

  it('reports the last falsy value on timeout', async () => {
    await expect(waitFor(() => 0, { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow('waitFor timed out after 20 ms; last value: 0');
  });
});
