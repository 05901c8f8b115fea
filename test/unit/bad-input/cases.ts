/**
 * The bad-input corpus: malformed configs, plugins and command lines. Each must exit non-zero
 * (2 for usage and config errors) before any command runs, with a message naming the file,
 * key or plugin. `files` are written to the case's own directory, which is also the cwd.
 */
export interface BadInput {
  name: string;
  args: string[];
  files?: Record<string, string>;
  /** Exit code; 2 unless said otherwise. */
  code?: number;
  /** Substrings stderr must contain; `{dir}` is the case's directory. */
  says: string[];
}

const json = (value: unknown) => JSON.stringify(value, null, 2);
/** A config file `c.json` building on preset:base with these extra keys. */
const config = (extra: Record<string, unknown>) => ({ 'c.json': json({ extends: 'preset:base', ...extra }) });
const withPlugin = (source: string) => ({ 'c.json': json({ extends: 'preset:base', plugins: ['./p.mjs'] }), 'p.mjs': source });
const build = ['build', './c.json'];

export const CASES: BadInput[] = [
  // Wrong types for each global key
  { name: 'name is a number', args: build, files: config({ name: 5 }), says: ['{dir}/c.json', 'name must be 1-32 lowercase'] },
  { name: 'name with a path separator', args: build, files: config({ name: '../x' }), says: ['{dir}/c.json', 'name must be'] },
  { name: 'name with shell metacharacters', args: build, files: config({ name: 'a;b' }), says: ['{dir}/c.json', 'name must be'] },
  { name: 'extends is a number', args: build, files: { 'c.json': json({ extends: 5 }) }, says: ['{dir}/c.json', 'extends must be a preset name or a list of them'] },
  { name: 'extends list holds a number', args: build, files: { 'c.json': json({ extends: ['preset:base', 5] }) }, says: ['{dir}/c.json', 'extends must be'] },
  { name: 'plugins is a string', args: build, files: config({ plugins: 'boot' }), says: ['{dir}/c.json', 'plugins must be an array'] },
  { name: 'plugins entry is a number', args: build, files: config({ plugins: [5] }), says: ['{dir}/c.json', 'plugins[0]', 'is not a uml-flow plugin'] },
  { name: 'plugin entry options are not an object', args: build, files: config({ plugins: [['boot', 5]] }), says: ['{dir}/c.json', 'plugins[0] options must be an object'] },
  { name: 'options is an array', args: build, files: config({ options: [] }), says: ['{dir}/c.json', 'options must be an object keyed by plugin name'] },
  { name: 'options of a plugin is a number', args: build, files: config({ options: { boot: 5 } }), says: ['{dir}/c.json', 'options.boot must be an object'] },
  { name: 'description is a number', args: build, files: config({ description: 5 }), says: ['{dir}/c.json', 'description must be a string'] },
  { name: '$schema is a number', args: build, files: config({ $schema: 5 }), says: ['{dir}/c.json', '$schema must be a string'] },
  { name: 'option of the wrong type', args: build, files: config({ options: { mkfs: { type: 4 } } }), says: ['{dir}/c.json', '[plugin mkfs]', 'options.mkfs.type must be one of "ext4", "ext3", got number 4'] },
  { name: 'config is an array', args: build, files: { 'c.json': '[]' }, says: ['{dir}/c.json', 'must be an object like { extends: "preset:base" }'] },
  { name: 'config is null', args: build, files: { 'c.json': 'null' }, says: ['{dir}/c.json', 'it is empty'] },
  { name: 'config has no plugins', args: build, files: { 'c.json': '{}' }, says: ['{dir}/c.json', 'no plugins', 'extends: "preset:base"'] },

  // Unknown keys
  { name: 'unknown top-level key with a typo', args: build, files: config({ plugin: [] }), says: ['{dir}/c.json', 'plugin is not a config key (did you mean "plugins"?)'] },
  { name: 'unknown top-level key', args: build, files: config({ memory: '1G' }), says: ['{dir}/c.json', 'memory is not a config key', 'keys are $schema, extends'] },
  { name: 'unknown option key', args: build, files: config({ options: { boot: { memory: '1G' } } }), says: ['{dir}/c.json', '[plugin boot] options.boot.memory is not a known option (known: mem, '] },
  { name: 'option key with a typo', args: build, files: config({ options: { 'sparse-image': { sise: '1G' } } }), says: ['options.sparse-image.sise is not a known option (did you mean "size"?)'] },
  { name: '__proto__ as an option key', args: build, files: { 'c.json': '{"extends":"preset:base","options":{"boot":{"__proto__":{"mem":"1M"}}}}' }, says: ['options.boot.__proto__ is not a known option'] },
  { name: 'options for a plugin not in the config', args: build, files: config({ options: { nope: {} } }), says: ['{dir}/c.json', 'options.nope: no plugin named "nope" is in this config', 'plugins: sparse-image'] },
  { name: 'options for a plugin with a typo', args: build, files: config({ options: { bot: { mem: '1G' } } }), says: ['options.bot', '(did you mean "boot"?)'] },
  {
    name: 'options for a plugin that takes none',
    args: build,
    files: { 'c.json': json({ extends: 'preset:base', plugins: ['./p.mjs'], options: { quiet: { x: 1 } } }), 'p.mjs': `export default { name: 'quiet', apply() {} };` },
    says: ['{dir}/c.json', '[plugin quiet] options.quiet.x is not a known option (quiet takes no options)'],
  },

  // Impossible sizes and memory
  { name: 'size 0', args: build, files: config({ options: { 'sparse-image': { size: '0' } } }), says: ['options.sparse-image.size "0" is not a size like 512M or 10G'] },
  { name: 'size 10X', args: build, files: config({ options: { 'sparse-image': { size: '10X' } } }), says: ['options.sparse-image.size "10X" is not a size'] },
  { name: 'size -1G', args: build, files: config({ options: { 'sparse-image': { size: '-1G' } } }), says: ['options.sparse-image.size "-1G" is not a size'] },
  { name: 'size 99999T', args: build, files: config({ options: { 'sparse-image': { size: '99999T' } } }), says: ['options.sparse-image.size "99999T" is too large: at most 2T'] },
  { name: 'size as a number', args: build, files: config({ options: { 'sparse-image': { size: 10 } } }), says: ['options.sparse-image.size must be a string, got number 10'] },
  { name: 'mem 1M', args: build, files: config({ options: { boot: { mem: '1M' } } }), says: ['[plugin boot] options.boot.mem "1M" is too small: at least 32M'] },
  { name: 'mem lots', args: ['run', './c.json'], files: config({ options: { boot: { mem: 'lots' } } }), says: ['options.boot.mem "lots" is not a size'] },
  { name: 'several bad options are reported together', args: build, files: config({ options: { boot: { mem: '1M', kernel: 'linux' } } }), says: ['options.boot.mem "1M" is too small', 'options.boot.kernel "linux" is not an absolute path'] },

  // Unknown presets and plugins, hostile names
  { name: 'unknown preset on the command line', args: ['build', 'preset:bsae'], says: ['preset "preset:bsae"', 'tried: bundled preset "bsae"', 'Did you mean "preset:base"?'] },
  { name: 'unknown preset in extends', args: build, files: { 'c.json': json({ extends: 'preset:nothing-like-it' }) }, says: ['{dir}/c.json', 'npm package uml-flow-preset-nothing-like-it', 'npm install uml-flow-preset-nothing-like-it'] },
  { name: 'unknown plugin', args: build, files: config({ plugins: ['no-such-plugin-xyz'] }), says: ['plugin "no-such-plugin-xyz" (named in {dir}/c.json)', 'uml-flow-plugin-no-such-plugin-xyz'] },
  { name: 'plugin path that does not exist', args: build, files: config({ plugins: ['./missing.mjs'] }), says: ['tried: {dir}/missing.mjs', 'relative to the file that names it'] },
  { name: 'plugin name with shell metacharacters', args: build, files: config({ plugins: ['foo;rm -rf /'] }), says: ['plugin name (in {dir}/c.json) "foo;rm -rf /" is not allowed'] },
  { name: 'preset name with a path', args: ['build', 'preset:../../etc'], says: ['preset name (in the command line) "preset:../../etc" is not allowed'] },
  { name: '--name with a path separator', args: ['build', 'preset:base', '--name', '../x'], says: ['instance name (--name) "../x" is not allowed'] },
  { name: '--name with shell metacharacters', args: ['run', 'preset:base', '--name', 'a;b'], says: ['instance name (--name) "a;b" is not allowed'] },

  // Plugins that are broken or incompatible
  { name: 'plugin throws in apply', args: build, files: withPlugin(`export default { name: 'boom', apply() { throw new Error('kaboom in apply'); } };`), says: ['[plugin boom] apply: kaboom in apply', 'options.boom'] },
  { name: 'plugin factory throws', args: build, files: withPlugin(`export default () => { throw new Error('kaboom in factory'); };`), says: ['{dir}/c.json', '"./p.mjs" is not a uml-flow plugin: its factory threw: kaboom in factory'] },
  { name: 'plugin with an incompatible engines range', args: build, files: withPlugin(`export default { name: 'old', engines: '^9.0.0', apply() {} };`), says: ['plugin old (from {dir}/c.json) supports uml-flow ^9.0.0, but this is uml-flow 0.1.0'] },
  { name: 'plugin engines is not semver', args: build, files: withPlugin(`export default { name: 'odd', engines: 'banana', apply() {} };`), says: ['engines "banana" is not a semver range'] },
  { name: 'plugin module without a default export', args: build, files: withPlugin(`export const plugin = { name: 'x', apply() {} };`), says: ['"./p.mjs" is not a uml-flow plugin: {dir}/p.mjs has no default export'] },
  { name: 'plugin module that is not a plugin', args: build, files: withPlugin(`export default { hello: 'world' };`), says: ['"./p.mjs" is not a uml-flow plugin: its default export is neither a plugin object nor a function'] },
  { name: 'plugin named with shell metacharacters', args: build, files: withPlugin(`export default { name: 'x; rm -rf /', apply() {} };`), says: ['its name "x; rm -rf /" is not a lowercase npm-style name'] },
  { name: 'plugin options that are not a schema', args: build, files: withPlugin(`export default { name: 'x', options: { size: 1 }, apply() {} };`), says: ['its `options` is not a schema'] },
  { name: 'plugin taps a misspelt hook', args: build, files: withPlugin(`export default { name: 'typo', apply(h) { h.postinstall.tap('typo', () => {}); } };`), says: ['[plugin typo] apply: there is no hook "postinstall" (did you mean "postInstall"?)'] },
  { name: 'plugin whose options schema throws', args: build, files: withPlugin(`export default { name: 'sch', options: { check() { throw new Error('schema bug'); } }, apply() {} };`), says: ['"sch" is not a uml-flow plugin: its options schema threw: schema bug'] },
  { name: 'plugin path is a directory', args: build, files: { 'c.json': json({ extends: 'preset:base', plugins: ['./plugins/'] }), 'plugins/.keep': '' }, says: ['cannot resolve plugin "./plugins/" (named in {dir}/c.json); tried: {dir}/plugins/index.js'] },
  { name: 'plugin module with a syntax error', args: build, files: withPlugin(`export default {\n  name: 'x',\n  apply() { return 1 +; },\n};`), says: ['could not read {dir}/p.mjs: line 3, column 23: Unexpected token', 'report the problem to its author'] },
  { name: 'plugin module that throws when imported', args: build, files: withPlugin(`\nthrow new Error('import-time boom');`), says: ['could not read {dir}/p.mjs: line 2: import-time boom'] },

  // Config files that cannot be read
  { name: 'JSON syntax error', args: build, files: { 'c.json': '{\n  "extends": "preset:base",\n}' }, says: ['could not read {dir}/c.json: line 3:'] },
  { name: 'YAML syntax error', args: ['build', './c.yaml'], files: { 'c.yaml': 'extends: preset:base\n  bad: [indent\n' }, says: ['could not read {dir}/c.yaml: line 2, column 6: bad indentation'] },
  { name: 'JS config syntax error', args: ['build', './c.mjs'], files: { 'c.mjs': 'export default {\n  extends: "preset:base",\n  name: ;\n};\n' }, says: ["could not read {dir}/c.mjs: line 3, column 9: Unexpected token ';'"] },
  { name: 'project config syntax error, found by search', args: ['build'], files: { 'uml-flow.config.mjs': 'export default { extends: \n' }, says: ['could not read {dir}/uml-flow.config.mjs: line 1, column 26: Unexpected end of input'] },
  { name: 'JS config without a default export', args: ['build', './c.mjs'], files: { 'c.mjs': 'export const config = { extends: "preset:base" };\n' }, says: ['{dir}/c.mjs: it has no default export'] },
  { name: 'config that extends itself', args: ['build', './c.mjs'], files: { 'c.mjs': 'export default { extends: "./c.mjs" };\n' }, says: ['extends itself in a cycle: {dir}/c.mjs -> {dir}/c.mjs'] },
  { name: 'configs that extend each other', args: ['build', './a.json'], files: { 'a.json': json({ extends: './b.yaml' }), 'b.yaml': 'extends: ./a.json\n' }, says: ['extends itself in a cycle: {dir}/a.json -> {dir}/b.yaml -> {dir}/a.json'] },
  { name: 'broken package.json in the project', args: ['build'], files: { 'package.json': '{ "name": "app", "uml-flow": { ' }, says: ['could not read {dir}/package.json: line 1'] },
  { name: 'config file that does not exist', args: ['build', './nope.json'], says: ['no uml-flow config found in {dir}/nope.json'] },
  { name: 'no project config in the directory', args: ['build'], says: ['no uml-flow config found in {dir}', 'uml-flow.config.mjs'] },

  // The command line
  { name: 'unknown command', args: ['frob'], says: ['unknown command "frob"; commands: run, build, plan'] },
  { name: 'unknown flag', args: ['build', 'preset:base', '--frob'], says: ['unknown option --frob'] },
  { name: 'misspelt flag', args: ['build', 'preset:base', '--nmae', 'x'], says: ['unknown option --nmae (did you mean --name?)'] },
  { name: 'flag without its value', args: ['build', 'preset:base', '--name'], says: ['--name needs a value'] },
  { name: 'too many targets', args: ['build', 'preset:base', 'preset:base'], says: ['build takes at most 1 argument, got: preset:base preset:base'] },
  { name: 'arguments to a command that takes none', args: ['ps', 'extra'], says: ['ps takes no arguments, got: extra'] },
  { name: 'no command', args: [], says: ['Usage: uml-flow <command>'] },
  { name: 'stop without a name', args: ['stop'], says: ['stop needs an instance name'] },
  { name: 'stop of an unknown instance', args: ['stop', 'nothere'], code: 1, says: ['no instance named "nothere"', 'uml-flow ps'] },
  { name: 'stop of a name with a path separator', args: ['stop', '../x'], says: ['instance name "../x" is not allowed'] },
  { name: 'plan validates as strictly as build', args: ['plan', './c.json'], files: config({ options: { boot: { mem: 'lots' } } }), says: ['options.boot.mem "lots" is not a size'] },
];
