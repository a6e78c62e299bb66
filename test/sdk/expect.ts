/** Asserting the SDK's typed errors. */
import { expect } from "vitest";
import type { CommonsError } from "../../src/index.js";

/** Awaits a rejection of class `cls` (and a `shortMessage` matching `message`), and returns the error. */
export async function expectError<T extends abstract new (...args: never[]) => Error>(
  promise: Promise<unknown>,
  cls: T,
  message?: RegExp | string,
): Promise<InstanceType<T>> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, "expected a rejection").toBeInstanceOf(cls);
  if (message !== undefined) expect((err as CommonsError).shortMessage).toMatch(message);
  return err as InstanceType<T>;
}
