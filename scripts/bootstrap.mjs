#!/usr/bin/env node
// Bootstrap for the README's two commands. Plain JavaScript that runs on any Node >= 18, so that a
// fresh clone works on a machine whose system Node is older than the project's target (Node 24).
//
//   node scripts/bootstrap.mjs [--browser] run <npm-script> [args...]
//
// 1. When the running Node is older than 22.12, install Node 24 from the npm registry's
//    `node-linux-<arch>` package into the git-ignored `.tools/` folder and re-run itself with it
//    first on PATH (so `npm`, child scripts and tests all run on Node 24).
// 2. Run `npm ci` when node_modules is missing or older than package-lock.json.
// 3. With --browser (the test command), on Debian as root, install Debian's `chromium`,
//    `fonts-noto-cjk` and `softhsm2` when missing (browser tests never download a browser of their
//    own; the PKCS#11 signer's tests run against SoftHSM 2).
// 4. Run the named npm script.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const args = process.argv.slice(2);
const wantsBrowser = args.includes('--browser');
const rest = args.filter((a) => a !== '--browser');

function log(msg) {
  process.stderr.write(`[bootstrap] ${msg}\n`);
}

function nodeIsRecentEnough(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}

function ensureNode24() {
  if (nodeIsRecentEnough(process.version)) return;
  const pkg = `node-${process.platform}-${process.arch}`;
  const nodeBinDir = join(toolsDir, 'node_modules', pkg, 'bin');
  const nodeBin = join(nodeBinDir, 'node');
  if (!existsSync(nodeBin)) {
    log(`Node ${process.version} is older than 22.12; installing Node 24 (${pkg}@24) into .tools/`);
    mkdirSync(toolsDir, { recursive: true });
    execFileSync('npm', ['install', '--prefix', toolsDir, '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `${pkg}@24`], {
      stdio: 'inherit',
    });
  }
  const env = { ...process.env, PATH: `${nodeBinDir}:${process.env.PATH}` };
  const child = spawnSync(nodeBin, [fileURLToPath(import.meta.url), ...args], { stdio: 'inherit', env });
  process.exit(child.status ?? 1);
}

function lockDigest() {
  return createHash('sha256')
    .update(readFileSync(join(root, 'package-lock.json')))
    .update(process.version)
    .digest('hex');
}

function ensureDependencies() {
  const stamp = join(root, 'node_modules', '.tongban-lock-digest');
  const want = lockDigest();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  log('dependencies missing or stale: running npm ci');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, want);
}

// Debian packages the test command needs, each with a file that shows it is installed: the browser
// and CJK fonts for the browser tests, softhsm2 for the PKCS#11 signer's tests.
const testPackages = [
  { name: 'chromium', file: '/usr/bin/chromium' },
  { name: 'fonts-noto-cjk', file: '/usr/share/fonts/opentype/noto' },
  { name: 'softhsm2', file: '/usr/bin/softhsm2-util' },
];

function ensureTestPackages() {
  const missing = testPackages.filter((p) => !existsSync(p.file)).map((p) => p.name);
  if (missing.length === 0) return;
  const isDebian = existsSync('/etc/debian_version');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isDebian || !isRoot) {
    log(`${missing.join(', ')} missing and this is not Debian as root: install ${missing.map((m) => `\`${m}\``).join(', ')} yourself.`);
    return;
  }
  log(`installing Debian packages ${missing.join(', ')} for the tests`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}

ensureNode24();
ensureDependencies();
if (wantsBrowser) ensureTestPackages();

if (rest[0] === 'run' && rest[1]) {
  const nodeDir = dirname(process.execPath);
  const env = { ...process.env, PATH: `${nodeDir}:${join(root, 'node_modules', '.bin')}:${process.env.PATH}` };
  const child = spawnSync('npm', ['run', '--silent', rest[1], '--', ...rest.slice(2)], { cwd: root, stdio: 'inherit', env });
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}
