// The controller-only modules are marked so (ping is not). Their plans: test/unit/modules/cases/{assert,debug,fail,
// meta,ping,set_fact}.yml.
import { describe, expect, it } from 'vitest';
import { assertModule } from '../../../modules/assert.js';
import { debugModule } from '../../../modules/debug.js';
import { failModule } from '../../../modules/fail.js';
import { metaModule } from '../../../modules/meta.js';
import { pingModule } from '../../../modules/ping.js';
import { setFactModule } from '../../../modules/set_fact.js';

describe('controller-only modules', () => {
  it('are marked controllerOnly, ping is not', () => {
    for (const m of [debugModule, assertModule, failModule, setFactModule, metaModule]) expect(m.controllerOnly).toBe(true);
    expect(pingModule.controllerOnly).not.toBe(true);
  });
});
