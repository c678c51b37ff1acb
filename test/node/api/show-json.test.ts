import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderShowJsonDoc } from '../../../src/node/api/doc.js';
import { schemaFor, SHOW_JSON } from '../../../src/node/api/show-json.js';
import { renderShow } from '../../../src/node/show/index.js';
import { showState } from '../../helpers/show-engines.js';
import { HUB_CFG, natted, phase2, phase3, SPOKE1_CFG } from '../../helpers/show-scenarios.js';
import { showJsonCommands } from '../../helpers/show-json-commands.js';

test('docs/show-json.md is what scripts/show-json-doc.ts writes from the schemas', () => {
  const file = join(import.meta.dirname, '..', '..', '..', 'docs', 'show-json.md');
  assert.equal(readFileSync(file, 'utf8'), renderShowJsonDoc(), 'run: node --import tsx scripts/show-json-doc.ts');
  for (const c of SHOW_JSON)
    assert.match(renderShowJsonDoc(), new RegExp(`## \`${c.command.replace(/[[\]]/g, '\\$&')} json\``));
});

test('schemaFor: each command line finds its schema, detail and interface names included', () => {
  const byCommand = new Map(SHOW_JSON.map((c) => [c.command, c.schema]));
  assert.equal(schemaFor('show ip nhrp nhs detail'), byCommand.get('show ip nhrp nhs [detail]'));
  assert.equal(schemaFor('show ip nhrp json'), byCommand.get('show ip nhrp [detail]'));
  assert.equal(schemaFor('show interfaces Tunnel0'), byCommand.get('show interfaces [NAME]'));
  assert.equal(schemaFor('show running-config interface Tunnel0'), byCommand.get('show running-config interface NAME'));
  assert.equal(schemaFor('show running-config'), byCommand.get('show running-config'));
  assert.equal(schemaFor('show dmvpn detail'), byCommand.get('show dmvpn detail'));
  assert.equal(schemaFor('show ip nhrp bogus'), undefined);
});

test('every show … json answer of hub and spoke states (Phase 2, Phase 3, NAT) validates against its schema', () => {
  const states = [
    showState(SPOKE1_CFG, phase2(), 'spoke1'),
    showState(HUB_CFG, phase3(), 'hub'),
    showState(SPOKE1_CFG, phase3(), 'spoke1'),
    showState(HUB_CFG, natted(), 'hub'),
  ];
  for (const st of states) {
    for (const c of showJsonCommands('Tunnel0')) {
      const r = renderShow(`${c} json`, st);
      assert.ok('json' in r, `${st.config.hostname}: ${c}`);
      const parsed = schemaFor(c)!.safeParse(r.json);
      assert.ok(parsed.success, `${st.config.hostname}: ${c}: ${parsed.error?.message}`);
    }
  }
});

test('the contract is strict: a field the schema does not know fails validation', () => {
  const st = showState(SPOKE1_CFG, phase2(), 'spoke1');
  const r = renderShow('show ip nhrp nhs json', st);
  assert.ok('json' in r);
  const json = structuredClone(r.json) as { interfaces: Array<{ nhs: Array<Record<string, unknown>> }> };
  json.interfaces[0]!.nhs[0]!.surprise = 1;
  assert.equal(schemaFor('show ip nhrp nhs')!.safeParse(json).success, false);
});
