/**
 * The OpenSSH client as a person runs it: password logins through SSH_ASKPASS (no sshpass needed),
 * and an interactive terminal through `script` (a real pty) driven by keystrokes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** ssh options for a lab router: no host key checks, password only. */
export function sshArgs(port: number, user: string, host: string): string[] {
  return [
    '-p',
    String(port),
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'LogLevel=ERROR',
    '-o',
    'PubkeyAuthentication=no',
    '-o',
    'PreferredAuthentications=password',
    '-o',
    'NumberOfPasswordPrompts=1',
    '-o',
    'ConnectTimeout=10',
    `${user}@${host}`,
  ];
}

let askpass: string | undefined;

/** The one askpass script of this test process (it prints $ASKPASS_PASSWORD), removed when the process exits. */
function askpassScript(): string {
  if (askpass) return askpass;
  const dir = mkdtempSync(join(tmpdir(), 'askpass-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  askpass = join(dir, 'askpass.sh');
  writeFileSync(askpass, `#!/bin/sh\nprintf '%s\\n' "$ASKPASS_PASSWORD"\n`);
  chmodSync(askpass, 0o755);
  return askpass;
}

/** Environment that answers ssh's password prompt with `password`. */
export function askpassEnv(password: string): NodeJS.ProcessEnv {
  const script = askpassScript();
  return {
    ...process.env,
    SSH_ASKPASS: script,
    SSH_ASKPASS_REQUIRE: 'force',
    DISPLAY: ':0',
    ASKPASS_PASSWORD: password,
  };
}

/** Runs ssh to completion; resolves with its output and exit status. */
export function sshRun(args: string[], password: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = spawn('ssh', args, { env: askpassEnv(password), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    child.on('close', (code) => resolve({ stdout, stderr, code: code ?? -1 }));
  });
}

/** A command on a real pty (`script`), typed into and read from. */
export class PtyTerminal {
  private readonly child: ChildProcess;
  private buf = '';
  readonly exited: Promise<number>;

  constructor(command: string, env: NodeJS.ProcessEnv = process.env) {
    this.child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (b: Buffer) => {
      this.buf += b.toString('latin1');
    });
    this.child.stderr!.on('data', (b: Buffer) => {
      this.buf += b.toString('latin1');
    });
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? -1)));
  }

  /** Types `keys`. */
  send(keys: string): void {
    this.child.stdin!.write(keys);
  }

  /** Waits until the output since the last expect matches `re`; returns that output (CR LF as LF). */
  async expect(re: RegExp, timeoutMs = 10_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const text = this.buf.replace(/\r\n/g, '\n');
      if (re.test(text)) {
        this.buf = '';
        return text;
      }
      if (Date.now() > until) throw new Error(`timed out waiting for ${re}; got:\n${JSON.stringify(text)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
