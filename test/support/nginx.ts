// A real nginx running the sample configuration (deploy/nginx.conf) in front of workers on loopback, for the
// load-balancer test and the load test. Only the addresses change: the workers' ports, a free port, and a
// self-signed certificate made for 127.0.0.1. nginx runs in the foreground from a temporary folder of its own (no
// root, nothing under /etc). Where nginx or openssl is missing, `nginxMissing()` names it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// (not from ./knowledge.js, which needs vitest: the load test runs outside it)
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const SAMPLE_NGINX_CONF = readFileSync(join(PROJECT_ROOT, 'deploy/nginx.conf'), 'utf8');

const has = (tool: string, args: string[]) => spawnSync(tool, args, { stdio: 'ignore' }).status === 0;

/** The tool that is missing to run nginx here ('nginx' or 'openssl'), or null when both are installed. */
export function nginxMissing(): string | null {
  return !has('nginx', ['-v']) ? 'nginx' : !has('openssl', ['version']) ? 'openssl' : null;
}

/** A port nothing listens on now (nginx cannot be given port 0). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface NginxOptions {
  /** A folder of its own: configuration, certificate, logs and temporary files go there. */
  folder: string;
  /** The workers' ports, one per `server` line of the sample (it has three). */
  upstreams: number[];
  /** Connections per nginx worker process (default 256). */
  workerConnections?: number;
  /** Log each request (time, status, the upstreams tried and their statuses) to `access.log` in the folder. */
  accessLog?: boolean;
}

export interface RunningNginx {
  /** `https://127.0.0.1:<port>/interactions` */
  endpoint: string;
  /** The self-signed certificate to trust. */
  ca: string;
  /** Where requests are logged when `accessLog` was asked for. */
  accessLogPath: string;
  /** Stops nginx gracefully (SIGQUIT), waiting for it to exit. */
  stop(): Promise<void>;
}

/**
 * One line per request in the access log, as read by `readAccessLog`: when it ended (seconds, ms precision), the
 * status nginx answered, every upstream it tried (comma-separated: more than one means it passed the request on),
 * and their statuses.
 */
const ACCESS_FORMAT = `log_format factcheck_load '$msec $status "$upstream_addr" "$upstream_status"';`;

export interface AccessLogEntry {
  /** When nginx finished the request, ms since the epoch. */
  at: number;
  status: number;
  /** The upstreams tried, in order (`127.0.0.1:3001`); the last one answered. */
  tried: string[];
  upstreamStatuses: string[];
}

export function readAccessLog(path: string): AccessLogEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^(\d+\.\d+) (\d+) "([^"]*)" "([^"]*)"$/.exec(line);
      if (!m) throw new Error(`unreadable nginx access log line: ${line}`);
      const list = (s: string) => s.split(/[,:]\s+/).filter((x) => x && x !== '-');
      return { at: Math.round(Number(m[1]) * 1000), status: Number(m[2]), tried: list(m[3]!), upstreamStatuses: list(m[4]!) };
    });
}

async function untilListening(port: number, nginx: ChildProcess, errors: () => string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited: ${errors()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(socket.end() !== undefined));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on ${port}: ${errors()}`);
}

/** Starts nginx with the sample configuration in front of the given loopback ports. */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const { folder } = options;
  const cert = join(folder, 'cert.pem');
  const key = join(folder, 'key.pem');
  const reqCert = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { encoding: 'utf8' },
  );
  if (reqCert.status !== 0) throw new Error(`openssl could not make a certificate: ${reqCert.stderr}`);
  const port = await freePort();
  let n = 0;
  const site = SAMPLE_NGINX_CONF.replace(/server 127\.0\.0\.1:300\d/g, () => `server 127.0.0.1:${options.upstreams[n++]}`)
    .replace('listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`)
    .replace(/ssl_certificate \S+;/, `ssl_certificate ${cert};`)
    .replace(/ssl_certificate_key \S+;/, `ssl_certificate_key ${key};`);
  if (n !== options.upstreams.length) throw new Error(`deploy/nginx.conf has ${n} workers; ${options.upstreams.length} were given`);
  writeFileSync(join(folder, 'factcheck.conf'), site);
  const accessLogPath = join(folder, 'access.log');
  const temp = (name: string) => `${name}_temp_path ${join(folder, name)};`;
  const logging = options.accessLog ? `${ACCESS_FORMAT} access_log ${accessLogPath} factcheck_load;` : 'access_log off;';
  writeFileSync(
    join(folder, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(folder, 'nginx.pid')};`,
      `error_log ${join(folder, 'error.log')} warn;`,
      `events { worker_connections ${options.workerConnections ?? 256}; }`,
      `http { ${logging} ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join(' ')} include ${join(folder, 'factcheck.conf')}; }`,
    ].join('\n'),
  );
  const args = ['-p', folder, '-e', join(folder, 'error.log'), '-c', join(folder, 'nginx.conf')];
  const checked = spawnSync('nginx', ['-t', ...args], { encoding: 'utf8' });
  if (checked.status !== 0) throw new Error(`nginx refused the configuration: ${checked.stderr}`);
  let stderr = '';
  const nginx = spawn('nginx', args);
  nginx.stderr!.on('data', (d) => (stderr += String(d)));
  const errors = () => {
    let log = '';
    try {
      log = readFileSync(join(folder, 'error.log'), 'utf8');
    } catch {
      // not written yet
    }
    return stderr + log;
  };
  await untilListening(port, nginx, errors);
  return {
    endpoint: `https://127.0.0.1:${port}/interactions`,
    ca: readFileSync(cert, 'utf8'),
    accessLogPath,
    async stop() {
      if (nginx.exitCode !== null) return;
      const exited = new Promise((resolve) => nginx.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    },
  };
}
