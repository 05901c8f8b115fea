// Node module loader hooks, run in the loader thread (see self-resolve.ts).
interface Data {
  index: string;
  testing: string;
}
type Next = (specifier: string, context: unknown) => Promise<{ url: string }>;

let targets: Data;

export function initialize(data: Data): void {
  targets = data;
}

export async function resolve(specifier: string, context: unknown, next: Next): Promise<{ url: string; shortCircuit?: boolean }> {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (specifier === 'uml-flow') return { url: targets.index, shortCircuit: true };
    if (specifier === 'uml-flow/testing') return { url: targets.testing, shortCircuit: true };
    throw error;
  }
}
