/** The managed /etc/hosts blocks (lab/hosts.ts), on a temporary file through DMVPN_LAB_HOSTS_FILE. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { removeHostsBlock, withBlock, withoutBlock, writeHostsBlock } from '../../src/lab/hosts.js';

describe('hosts blocks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dmvpn-hosts-'));
  const file = join(dir, 'hosts');
  const original = '127.0.0.1 localhost\n# a comment the user wrote\n10.0.0.9 printer\n';
  before(() => {
    process.env.DMVPN_LAB_HOSTS_FILE = file;
    writeFileSync(file, original, { mode: 0o644 });
  });
  after(() => {
    delete process.env.DMVPN_LAB_HOSTS_FILE;
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes clab-<lab>-<node> lines in a marked block and leaves the other lines alone', () => {
    writeHostsBlock('one', [
      { node: 'hub', address: '172.20.20.2' },
      { node: 'spoke1', address: '172.20.20.3' },
    ]);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.startsWith(original));
    assert.match(
      text,
      /# BEGIN dmvpn-lab one\n172\.20\.20\.2\tclab-one-hub\n172\.20\.20\.3\tclab-one-spoke1\n# END dmvpn-lab one\n$/,
    );
    assert.equal(statSync(file).mode & 0o777, 0o644, 'the mode is kept across the rename');
  });

  it("keeps a second lab's block independent of the first", () => {
    writeHostsBlock('two', [{ node: 'hub', address: '172.20.21.2' }]);
    writeHostsBlock('one', [{ node: 'hub', address: '172.20.20.7' }]);
    let text = readFileSync(file, 'utf8');
    assert.equal(text.match(/BEGIN dmvpn-lab one/g)?.length, 1, 'rewriting a block replaces it');
    assert.match(text, /172\.20\.20\.7\tclab-one-hub/);
    assert.doesNotMatch(text, /clab-one-spoke1/);
    removeHostsBlock('one');
    text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /clab-one-/);
    assert.match(text, /172\.20\.21\.2\tclab-two-hub/);
    removeHostsBlock('two');
    assert.equal(readFileSync(file, 'utf8'), original);
    removeHostsBlock('two');
    assert.equal(readFileSync(file, 'utf8'), original, 'removing an absent block changes nothing');
  });

  it('does not confuse a lab with one whose name it prefixes, nor drop lines after an unterminated block', () => {
    const t = withBlock(withBlock('', 'ab', [{ node: 'r', address: '1.1.1.1' }]), 'a', [
      { node: 'r', address: '2.2.2.2' },
    ]);
    assert.match(withoutBlock(t, 'a'), /clab-ab-r/);
    assert.doesNotMatch(withoutBlock(t, 'a'), /clab-a-r/);
    const broken = '# BEGIN dmvpn-lab x\n1.1.1.1 clab-x-r\n10.0.0.1 mine\n';
    assert.equal(withoutBlock(broken, 'x'), broken);
  });
});
