import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counterLines, iosTime, iosUptimeWords, words } from '../../../src/node/show/format.js';

test('iosTime: hh:mm:ss under a day, 1d02h under a week, 2w3d under a year, then years', () => {
  assert.equal(iosTime(0), '00:00:00');
  assert.equal(iosTime(34), '00:00:34');
  assert.equal(iosTime(7199), '01:59:59');
  assert.equal(iosTime(86399), '23:59:59');
  assert.equal(iosTime(86400), '1d00h');
  assert.equal(iosTime(86400 + 2 * 3600 + 59), '1d02h');
  assert.equal(iosTime(6 * 86400 + 23 * 3600), '6d23h');
  assert.equal(iosTime(17 * 86400), '2w3d');
  assert.equal(iosTime(400 * 86400), '1y5w');
  assert.equal(iosTime(-5), '00:00:00', 'a clock that went backwards shows zero');
  assert.equal(iosTime(12.9), '00:00:12', 'fractions are cut, not rounded');
});

test('iosUptimeWords: from the largest non-zero unit down to minutes, singular and plural', () => {
  assert.equal(iosUptimeWords(30), '0 minutes');
  assert.equal(iosUptimeWords(60), '1 minute');
  assert.equal(iosUptimeWords(3600 + 120), '1 hour, 2 minutes');
  assert.equal(iosUptimeWords(7 * 86400 + 3 * 3600 + 8 * 60), '1 week, 0 days, 3 hours, 8 minutes');
  assert.equal(iosUptimeWords(2 * 86400), '2 days, 0 hours, 0 minutes');
});

test('counterLines: three items a line, two spaces apart; words() spells IOS labels', () => {
  const items: Array<[number, string]> = [
    [1, 'A'],
    [2, 'B'],
    [3, 'C'],
    [4, 'D'],
  ];
  assert.deepEqual(counterLines(items, '  '), ['  1 A  2 B  3 C', '  4 D']);
  assert.deepEqual(counterLines([], '  '), []);
  assert.equal(words('resolutionRequest'), 'Resolution Request');
  assert.equal(words('nhrpDisabled'), 'NHRP Disabled');
  assert.equal(words('greKeyMismatch'), 'GRE Key Mismatch');
});
