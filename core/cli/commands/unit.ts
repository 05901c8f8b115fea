import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { CliArgs } from '../args.js';
import { instanceFromArgs } from '../instance-arg.js';

const quote = (arg: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$%])/g, '\\$1')}"`);

/**
 * A systemd service that starts the instance at host boot: the article's headless `linux ... &`.
 * `run` returns once the guest is ready and leaves the kernel running, as a forking daemon does.
 */
export async function unit(args: CliArgs): Promise<number> {
  const { record } = instanceFromArgs(args, 'unit');
  const cli = [process.execPath, realpathSync(process.argv[1])];
  const exec = (...words: string[]) => [...cli, ...words].map(quote).join(' ');
  const env = process.env.UML_FLOW_HOME ? [`Environment=UML_FLOW_HOME=${quote(process.env.UML_FLOW_HOME)}`] : [];
  process.stdout.write(
    [
      '# Install: uml-flow unit NAME > /etc/systemd/system/uml-flow-NAME.service && systemctl daemon-reload && systemctl enable --now uml-flow-NAME',
      '[Unit]',
      `Description=uml-flow instance ${record.name} (${record.target})`,
      'After=network-online.target',
      'Wants=network-online.target',
      '',
      '[Service]',
      'Type=forking',
      `PIDFile=${join(record.umlDir, record.umid, 'pid')}`,
      ...env,
      'Environment=CI=1',
      `ExecStart=${exec('run', record.target, '--name', record.name)}`,
      `ExecStop=${exec('stop', record.name)}`,
      'TimeoutStartSec=15min',
      'TimeoutStopSec=2min',
      'Restart=on-failure',
      '',
      '[Install]',
      'WantedBy=multi-user.target',
      '',
    ].join('\n'),
  );
  return 0;
}
