import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, formatConfigError } from '../../../src/node/config/errors.js';
import { loadConfigFile, parseConfig } from '../../../src/node/config/parse.js';
import { parseFixture } from '../../helpers/config.js';

/** The column the `^` of a formatted error points at, counted in the echoed line. */
function caretUnder(formatted: string): string {
  const [first, caret] = formatted.split('\n');
  const at = caret.indexOf('^');
  return first.slice(at).split(/\s/)[0];
}

test('errors fixture: IOS-style errors with file, line, column and a caret under the bad token', () => {
  const r = parseFixture('errors.cfg');
  assert.deepEqual(
    r.errors.map((e) => [e.code, e.file, e.line, e.column]),
    [
      ['CONFIG_INVALID_INPUT', 'errors.cfg', 3, 13],
      ['CONFIG_INVALID_INPUT', 'errors.cfg', 4, 19],
      ['CONFIG_INVALID_INPUT', 'errors.cfg', 5, 10],
    ],
  );
  const [addr, hold, foo] = r.errors.map(formatConfigError);
  assert.equal(caretUnder(addr), '300.1.1.1');
  assert.equal(caretUnder(hold), 'abc');
  assert.equal(caretUnder(foo), 'foo');
  assert.equal(hold.split('\n')[0], 'errors.cfg:4:  ip nhrp holdtime abc');
  assert.equal(hold.split('\n')[2], "% Invalid input detected at '^' marker.");
  assert.match(hold, /ip nhrp holdtime: expected seconds 1-65535, found 'abc' \[CONFIG_INVALID_INPUT\]/);
  // the rest of the file still takes effect, as on IOS
  assert.equal(r.config.interfaces.Tunnel0.nhrp?.networkId, 1);
  assert.equal(r.config.interfaces.Tunnel0.tunnel?.mode, 'gre-multipoint');
  assert.equal(r.config.interfaces['GigabitEthernet0/1'].addresses[0].address, '192.0.2.2');
});

test('errors are typed: ConfigError with a stable code, a fault as cause, and JSON form', () => {
  const [e] = parseConfig('interface Tunnel0\n ip nhrp network-id 0', { file: 'x.cfg' }).errors;
  assert.ok(e instanceof ConfigError);
  assert.equal(e.code, 'CONFIG_INVALID_INPUT');
  assert.deepEqual(e.cause, { command: 'ip nhrp network-id', expected: 'network id 1-4294967295', found: "'0'" });
  assert.equal(e.message, "x.cfg:2:21: ip nhrp network-id: expected network id 1-4294967295, found '0'");
  const json = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
  assert.equal(json.line, 2);
  assert.equal(json.code, 'CONFIG_INVALID_INPUT');
});

const CASES: Array<[string, string, string, string]> = [
  // [config, code, token under the caret ('' = end of line), IOS message]
  [
    'interface Tunnel0\n ip address 10.0.0.0 255.255.255.0',
    'CONFIG_BAD_MASK',
    '10.0.0.0',
    'Bad mask /24 for address 10.0.0.0',
  ],
  [
    'interface Tunnel0\n ip address 10.0.0.1 255.0.255.0',
    'CONFIG_INVALID_INPUT',
    '255.0.255.0',
    "% Invalid input detected at '^' marker.",
  ],
  ['interface Tunnel0\n ip address 10.0.0.1', 'CONFIG_INCOMPLETE_COMMAND', '', '% Incomplete command.'],
  [
    'interface Tunnel0\n ip nhrp nhs 10.0.0.1 priority 300',
    'CONFIG_INVALID_INPUT',
    '300',
    "% Invalid input detected at '^' marker.",
  ],
  [
    'interface Tunnel0\n ip nhrp nhs 10.0.0.1 weight 3',
    'CONFIG_INVALID_INPUT',
    'weight',
    "% Invalid input detected at '^' marker.",
  ],
  ['interface Tunnel0\n ip nhrp nhs dynamic', 'CONFIG_INCOMPLETE_COMMAND', '', '% Incomplete command.'],
  [
    'interface Tunnel0\n ip nhrp max-send 5 per 10',
    'CONFIG_INVALID_INPUT',
    'per',
    "% Invalid input detected at '^' marker.",
  ],
  [
    'interface Tunnel0\n ip nhrp max-send 5 every 5',
    'CONFIG_INVALID_INPUT',
    '5',
    "% Invalid input detected at '^' marker.",
  ],
  ['interface Tunnel0\n ip nhrp map 10.0.0.1', 'CONFIG_INCOMPLETE_COMMAND', '', '% Incomplete command.'],
  [
    'interface Tunnel0\n ip nhrp shortcut now',
    'CONFIG_INVALID_INPUT',
    'now',
    "% Invalid input detected at '^' marker.",
  ],
  [
    'interface Tunnel0\n tunnel mode gre banana',
    'CONFIG_INVALID_INPUT',
    'banana',
    "% Invalid input detected at '^' marker.",
  ],
  ['interface Tunnel0\n tunnel key -1', 'CONFIG_INVALID_INPUT', '-1', "% Invalid input detected at '^' marker."],
  [
    'interface Tunnel0\n tunnel source Serial0/0',
    'CONFIG_INVALID_INPUT',
    'Serial0/0',
    "% Invalid input detected at '^' marker.",
  ],
  ['interface Tunnel0\n ip mtu 20', 'CONFIG_INVALID_INPUT', '20', "% Invalid input detected at '^' marker."],
  ['interface Tunnel0\n ipv6 mtu 1279', 'CONFIG_INVALID_INPUT', '1279', "% Invalid input detected at '^' marker."],
  ['interface Tunnel0\n ipv6 mtu 17913', 'CONFIG_INVALID_INPUT', '17913', "% Invalid input detected at '^' marker."],
  ['interface Tunnel0\n ipv6 mtu 1400 1', 'CONFIG_INVALID_INPUT', '1', "% Invalid input detected at '^' marker."],
  [
    'interface Tunnel0\n ip tcp adjust-mss 9999',
    'CONFIG_INVALID_INPUT',
    '9999',
    "% Invalid input detected at '^' marker.",
  ],
  ['interface Loopback0\n tunnel key 1', 'CONFIG_INVALID_INPUT', 'tunnel', "% Invalid input detected at '^' marker."],
  [
    'ip route 10.0.0.0 255.0.0.0 10.0.0.256',
    'CONFIG_INVALID_INPUT',
    '10.0.0.256',
    "% Invalid input detected at '^' marker.",
  ],
  [
    'ip route 10.0.0.0 255.0.0.0 10.1.1.1 256',
    'CONFIG_INVALID_INPUT',
    '256',
    "% Invalid input detected at '^' marker.",
  ],
  ['ip route 10.1.0.0 255.0.0.0 Tunnel0', 'CONFIG_INCONSISTENT_MASK', '10.1.0.0', '%Inconsistent address and mask'],
  ['ip nhrp holdtime 60', 'CONFIG_INVALID_INPUT', 'nhrp', "% Invalid input detected at '^' marker."],
  ['interfaec Tunnel0', 'CONFIG_INVALID_INPUT', 'interfaec', "% Invalid input detected at '^' marker."],
  ['interface Tunnel', 'CONFIG_INCOMPLETE_COMMAND', '', '% Incomplete command.'],
  [
    'no interface GigabitEthernet0/1',
    'CONFIG_NOT_REMOVABLE',
    'GigabitEthernet0/1',
    '% Removal of physical interfaces is not permitted',
  ],
  ['hostname bad!name', 'CONFIG_INVALID_INPUT', 'bad!name', "% Invalid input detected at '^' marker."],
];

for (const [text, code, token, ios] of CASES) {
  test(`refused: ${text.split('\n').pop()!.trim()}`, () => {
    const r = parseConfig(text, { file: 'c.cfg' });
    assert.equal(r.errors.length, 1, r.errors.map((e) => e.message).join('; '));
    const e = r.errors[0];
    assert.equal(e.code, code);
    assert.equal(e.line, text.split('\n').length);
    assert.equal(e.ios, ios);
    const formatted = formatConfigError(e);
    if (token) assert.equal(caretUnder(formatted), token);
    else
      assert.ok(
        formatted.split('\n')[1].indexOf('^') > formatted.split('\n')[0].trimEnd().length - 1,
        'caret after the last token',
      );
  });
}

test('a refused interface line does not cascade into errors for its indented lines', () => {
  const r = parseConfig('interface Foo0\n ip address 10.0.0.1 255.255.255.0\n no shutdown\nhostname Ok');
  assert.equal(r.errors.length, 1);
  assert.deepEqual(
    r.ignored.map((x) => [x.line, x.reason]),
    [
      [2, 'belongs to line 1, which was refused'],
      [3, 'belongs to line 1, which was refused'],
    ],
  );
  assert.equal(r.config.hostname, 'Ok');
});

test('an unreadable file is an error result naming the file, not a throw', () => {
  const r = loadConfigFile('/nonexistent/dir/router.cfg');
  assert.equal(r.errors[0].code, 'CONFIG_FILE_UNREADABLE');
  assert.equal(r.errors[0].file, '/nonexistent/dir/router.cfg');
  assert.match(formatConfigError(r.errors[0]), /ENOENT/);
});

test('garbage input never throws', () => {
  const junk = [
    '\u0000\u0001',
    'interface',
    'ip',
    'no',
    'no no no',
    'ip route',
    '  \t ',
    'crypto',
    'crypto ikev2 keyring',
    'banner',
    'interface Tunnel0\n ip nhrp',
    'interface Tunnel0\n tunnel',
    '\uFEFFhostname A\r\n',
  ];
  for (const j of junk) assert.doesNotThrow(() => parseConfig(j), j);
  assert.equal(parseConfig('\uFEFFhostname A\r\n').config.hostname, 'A');
});
