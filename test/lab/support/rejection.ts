// The error a promise rejects with (undefined when it resolves), for asserting on failures without try/catch.
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  );
}
