import { AppError } from '../../../src/errors';

/** The message of the `invalid_input` error `parse` throws; fails the test if it throws nothing else. */
export function invalidInput(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
    return (error as AppError).message;
  }
  throw new Error('expected an invalid_input error, but the payload was accepted');
}
