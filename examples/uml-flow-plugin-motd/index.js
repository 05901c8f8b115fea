import { definePlugin, inGuest, s } from 'uml-flow';

const options = s.object({
  text: s.default(s.string({ maxLength: 4096, description: 'The message shown after login.' }), 'Welcome to a uml-flow app container.\n'),
});

/** Writes /etc/motd into the image: the smallest useful third-party plugin. */
export default definePlugin({
  name: 'motd',
  description: 'Writes a message of the day into the guest.',
  engines: '^0.1.0',
  options,
  apply(hooks, { text }) {
    hooks.configure.tapPromise('motd', async (ctx) => {
      await ctx.runner.writeFile(inGuest(ctx, '/etc/motd'), text.endsWith('\n') ? text : `${text}\n`);
    });
  },
});
