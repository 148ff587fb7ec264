// Benchmark (prints numbers, asserts nothing): time from sending an edit to receiving the
// diagnostics published for it, through the real server over stdio, for a 1 KB config.
// The budget is p95 < 2 ms. Run: node out/test/lsp/edit-latency.bench.js [edits]

import { performance } from 'perf_hooks';
import { TestClient } from './lsp-client';

const CONFIG_1KB = [
  '# Web server guest (HVM) with a passthrough NIC.',
  'name = "web-01"',
  'type = "hvm"',
  'memory = 4096',
  'maxmem = 4096',
  'vcpus = 4',
  'cpus = "2-5"',
  'on_poweroff = "destroy"',
  'on_reboot = "restart"',
  'on_crash = "preserve"',
  'disk = [',
  '  "format=raw, vdev=xvda, access=rw, target=/dev/vg0/web-01-root",',
  '  "format=qcow2, vdev=xvdb, access=rw, target=/srv/xen/web-01-data.qcow2",',
  '  "format=raw, vdev=hdc, access=ro, devtype=cdrom, target=/srv/iso/debian-12.iso",',
  ']',
  'vif = [ "mac=00:16:3e:12:34:56, bridge=xenbr0, model=e1000", "bridge=xenbr1" ]',
  'pci = [ "0000:03:00.0,permissive=1" ]',
  'boot = "cd"',
  'serial = "pty"',
  'vnc = 1',
  'vnclisten = "127.0.0.1"',
  'vga = "stdvga"',
  'videoram = 16',
  'usb = 1',
  'usbdevice = [ "tablet" ]',
  'mmio_hole = 1024',
  'rdm = "strategy=host,policy=relaxed"',
  '# padding to 1 KB: comments are part of what is analysed.',
].join('\n');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const edits = Number(process.argv[2] ?? 1000);
  let text = CONFIG_1KB;
  while (text.length < 1024) text += '\n# filler line to reach one kilobyte of config text';
  const client = new TestClient({ settings: {} });
  await client.initialize();
  const uri = 'file:///bench/web-01.xl.cfg';
  await client.open(uri, text);
  const times: number[] = [];
  const line = 3; // `memory = 4096`: type a digit and delete it again, like a person editing
  for (let v = 2; v < edits + 2; v++) {
    const insert = v % 2 === 0;
    const change = insert
      ? { range: { start: { line, character: 13 }, end: { line, character: 13 } }, text: '0' }
      : { range: { start: { line, character: 13 }, end: { line, character: 14 } }, text: '' };
    const published = client.diagnostics(uri, (p) => p.version === v);
    const t0 = performance.now();
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
    await published;
    times.push(performance.now() - t0);
  }
  await client.stop();
  const warm = times.slice(Math.min(50, Math.floor(times.length / 10))).sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(3);
  console.log(`edit -> publishDiagnostics over stdio, ${text.length} chars, ${warm.length} edits after warm-up:`);
  console.log(`  p50 ${f(percentile(warm, 50))} ms  p95 ${f(percentile(warm, 95))} ms  p99 ${f(percentile(warm, 99))} ms  max ${f(warm[warm.length - 1])} ms`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
