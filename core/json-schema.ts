import { bundledNames, resolveModule } from './config/resolve-module.js';
import { isPlugin, type Plugin } from './plugin.js';
import { PACKAGE_ROOT } from './version.js';

/** The bundled plugins, loaded by name (for listings and the config schema). */
export async function bundledPlugins(): Promise<Plugin[]> {
  const plugins: Plugin[] = [];
  for (const name of bundledNames('plugin')) {
    const { exported } = await resolveModule('plugin', name, `${PACKAGE_ROOT}/(bundled)`, 'uml-flow');
    if (isPlugin(exported)) plugins.push(exported);
  }
  return plugins;
}

/**
 * JSON Schema of a config file, made from the same plugin schemas that validate options, so
 * editors complete and check `.uml-flowrc.yaml` and `uml-flow.config.json`.
 */
export async function configJsonSchema(): Promise<Record<string, unknown>> {
  const plugins = await bundledPlugins();
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'uml-flow config',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: {
        description: 'Presets or configs this one builds on: preset:base, uml-flow-preset-x, ./other.mjs',
        oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      },
      name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,31}$', description: 'Instance name.' },
      description: { type: 'string' },
      plugins: {
        type: 'array',
        description: 'Plugins by bundled name, npm package or path, optionally as [name, options].',
        items: { oneOf: [{ type: 'string' }, { type: 'array', items: [{ type: 'string' }, { type: 'object' }], minItems: 1, maxItems: 2 }] },
      },
      options: {
        type: 'object',
        description: 'Options per plugin name, merged over those of the presets.',
        properties: Object.fromEntries(plugins.map((p) => [p.name, { description: p.description, ...(p.options?.json ?? { type: 'object' }) }])),
        additionalProperties: { type: 'object' },
      },
    },
  };
}
