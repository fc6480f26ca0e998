// Stopping what a test file started (Chromium, code-server, the simulator): each stop runs even
// if one before it threw, so no process outlives a failed teardown; the first error is thrown.
export async function stopEach(...stops: Array<() => Promise<void> | undefined>): Promise<void> {
  const errors: unknown[] = [];
  for (const stop of stops) {
    try {
      await stop();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}
