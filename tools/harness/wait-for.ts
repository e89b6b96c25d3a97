export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls until `fn` returns a truthy value without throwing, and resolves with that value.
 *
 * Bolt acknowledges a request before its listener has finished, so the effects of a command or an
 * action reach the fake Slack some time after the driver's request returns. Tests therefore poll
 * for what a person would eventually see. On timeout the last assertion error is rethrown, so a
 * failing `expect` inside `fn` reports its own diff instead of a bare "timed out".
 *
 * A value must be truthy to count: `waitFor(() => slack.homeView(id))` waits for the view to
 * exist. A callback made only of assertions should end with `return true`.
 */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  { timeoutMs = 5000, intervalMs = 20 }: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let lastValue: T | undefined;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
      lastValue = value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  if (lastError !== undefined) {
    if (lastError instanceof Error) {
      lastError.message = `waitFor timed out after ${timeoutMs} ms; last error: ${lastError.message}`;
    }
    throw lastError;
  }
  throw new Error(`waitFor timed out after ${timeoutMs} ms; last value: ${describe(lastValue)}`);
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
