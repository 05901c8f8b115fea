import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FlowPaths } from './context.js';

export interface StateRoots {
  state: string;
  cache: string;
}

/** All state and cache live under UML_FLOW_HOME when set, else in the XDG directories. */
export function stateRoots(env: NodeJS.ProcessEnv = process.env): StateRoots {
  if (env.UML_FLOW_HOME) return { state: join(env.UML_FLOW_HOME, 'state'), cache: join(env.UML_FLOW_HOME, 'cache') };
  return {
    state: join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'uml-flow'),
    cache: join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'uml-flow'),
  };
}

/** Images are named after their config; instances of one image each have their own directory. */
export function flowPaths(roots: StateRoots, imageName: string, instanceName = imageName): FlowPaths {
  return {
    imageDir: join(roots.state, 'images', imageName),
    buildDir: join(roots.state, 'images', `.${imageName}.build-${process.pid}`),
    instanceDir: join(roots.state, 'instances', instanceName),
    cacheDir: roots.cache,
  };
}

export const instancesDir = (roots: StateRoots) => join(roots.state, 'instances');
