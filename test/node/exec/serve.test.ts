import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execHandler } from '../../../src/node/exec/serve.js';
import type { Router } from '../../../src/node/router/router.js';
import type { ControlRequest } from '../../../src/node/vty/server.js';
import { showState } from '../../helpers/show-engines.js';
import { phase2, SPOKE1_CFG } from '../../helpers/show-scenarios.js';

const request = (command: string): ControlRequest => ({
  command,
  input: [],
  write: () => true,
  end: () => undefined,
  closed: new Promise(() => undefined),
});

test('refused commands answer as IOS does: the line, the caret under the bad word, then the % message', async () => {
  const st = showState(SPOKE1_CFG, phase2(), 'spoke1');
  const router = { config: st.config, showState: () => st } as unknown as Router;
  const serve = execHandler(router);
  assert.equal(
    await serve(request('show ip nhrq')),
    "spoke1#show ip nhrq\n                  ^\n% Invalid input detected at '^' marker.\n",
  );
  assert.equal(
    await serve(request('clear ip bgp')),
    "spoke1#clear ip bgp\n                ^\n% Invalid input detected at '^' marker.\n",
  );
  assert.equal(await serve(request('sh i')), '% Ambiguous command:  "sh i"\n');
  assert.match((await serve(request('help'))) ?? '', /^Exec commands:\n/);
});
