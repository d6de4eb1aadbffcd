// Collection filters called by their full names, as data: community.general's time filters, ansible.utils' key
// filters and community.crypto.x509_certificate_info. Each template -> kplay's value; the compat tier
// (test/compat/template/collection-filters-differential.test.ts) renders the same templates with Ansible's Templar.
import { readFileSync } from 'node:fs';

export const collectionFilterVars = {
  web_pem: readFileSync(new URL('../../fixtures/collection-filters/web.pem', import.meta.url), 'utf8'),
  ifaces: [
    { name: 'eth0', mtu: 1500, description: 'uplink', tags: ['a', 'b'], addrs: [{ ip: '10.0.0.1', state: 'up' }] },
    { name: 'eth1', mtu: 9000, description: '', enabled: false, addrs: [] },
  ],
};

/** Templates whose value is integral: Ansible prints its float (3600.0), kplay its number (3600); see the compat test. */
export const timeCases: [string, unknown][] = [
  ["{{ '1h' | community.general.to_seconds }}", 3600],
  ["{{ '90m' | community.general.to_hours }}", 1.5],
  ["{{ '1h 30m 15s' | community.general.to_minutes }}", 90.25],
  ["{{ '2weeks 3days' | community.general.to_days }}", 17],
  ["{{ '1d -2h' | community.general.to_hours }}", 22],
  ["{{ '3ms' | community.general.to_milliseconds }}", 3],
  ["{{ '2secs 500msecs' | community.general.to_milliseconds }}", 2500],
  ["{{ '100d' | community.general.to_months }}", 3.333333333333],
  ["{{ '1y' | community.general.to_weeks }}", 52.142857142857],
  ["{{ '36h' | community.general.to_years }}", 0.004109589041],
  ["{{ '0' | community.general.to_years }}", 0],
  ["{{ '' | community.general.to_seconds }}", 0],
  ["{{ '1h' | community.general.to_time_unit('minutes') }}", 60],
  ["{{ '1h' | community.general.to_time_unit(unit='secs') }}", 3600],
  ["{{ '2h' | community.general.to_time_unit }}", 7200000],
  ["{{ '10m!' | community.general.to_seconds }}", 600],
  ["{{ ('1h' | community.general.to_seconds) > 3000 }}", true],
  // last: Ansible keeps a year's or a month's length for later calls in the same process (time.py changes its table)
  ["{{ '1y 1mo' | community.general.to_days(year=360, month=28) }}", 388],
];

export const keyCases: [string, unknown][] = [
  ["{{ ifaces | ansible.utils.remove_keys(target=['description']) }}", [
    { name: 'eth0', mtu: 1500, tags: ['a', 'b'], addrs: [{ ip: '10.0.0.1', state: 'up' }] },
    { name: 'eth1', mtu: 9000, enabled: false, addrs: [] },
  ]],
  ["{{ ifaces | ansible.utils.remove_keys(target='description,state') }}", [
    { name: 'eth0', mtu: 1500, tags: ['a', 'b'], addrs: [{ ip: '10.0.0.1' }] },
    { name: 'eth1', mtu: 9000, enabled: false, addrs: [] },
  ]],
  ["{{ ifaces | ansible.utils.remove_keys(target=['^(desc|en)'], matching_parameter='regex') }}", [
    { name: 'eth0', mtu: 1500, tags: ['a', 'b'], addrs: [{ ip: '10.0.0.1', state: 'up' }] },
    { name: 'eth1', mtu: 9000, addrs: [] },
  ]],
  ["{{ ifaces | ansible.utils.remove_keys(target=['ip', 'stat'], matching_parameter='starts_with') }}", [
    { name: 'eth0', mtu: 1500, description: 'uplink', tags: ['a', 'b'], addrs: [] },
    { name: 'eth1', mtu: 9000, description: '', enabled: false, addrs: [] },
  ]],
  ["{{ {'a': 0, 'b': [[], [0], {}, '', 'x'], 'c': {'d': None}} | ansible.utils.remove_keys(target=['zz']) }}", { a: 0, b: [[], 'x'], c: { d: null } }],
  ["{{ ifaces | ansible.utils.keep_keys(target=['name', 'ip']) }}", [{ name: 'eth0', addrs: [{ ip: '10.0.0.1' }] }, { name: 'eth1' }]],
  ["{{ ifaces | ansible.utils.keep_keys(target=['tags', 'name']) }}", [{ name: 'eth0' }, { name: 'eth1' }]],
  ["{{ ifaces | ansible.utils.keep_keys(target=['n', 'm'], matching_parameter='starts_with') }}", [{ name: 'eth0', mtu: 1500 }, { name: 'eth1', mtu: 9000 }]],
  ["{{ ifaces | ansible.utils.keep_keys(target=['ion'], matching_parameter='ends_with') }}", [{ description: 'uplink' }, { description: '' }]],
  ["{{ {'a': 1, 'b': {'a': 2, 'c': 3}, 'l': [1, 2]} | ansible.utils.keep_keys(target=['a']) }}", { a: 1, b: { a: 2 }, l: [1, 2] }],
  ["{{ ifaces | ansible.utils.keep_keys(target=[]) }}", [{}, {}]],
  ["{{ ifaces | ansible.utils.replace_keys(target=[{'before': 'description', 'after': 'desc'}, {'before': 'ip', 'after': 'address'}]) }}", [
    { name: 'eth0', mtu: 1500, tags: ['a', 'b'], addrs: [{ state: 'up', address: '10.0.0.1' }], desc: 'uplink' },
    { name: 'eth1', mtu: 9000, enabled: false, addrs: [], desc: '' },
  ]],
  ["{{ {'ab': 1, 'xb': 2, 'c': 3} | ansible.utils.replace_keys(target=[{'before': 'b', 'after': 'c'}], matching_parameter='ends_with') }}", { c: 2 }],
  ["{{ {'name': 1, 'other': 2} | ansible.utils.replace_keys([{'before': 'n.m', 'after': 'label'}], 'regex') }}", { other: 2, label: 1 }],
];

/** Where kplay differs on purpose: Ansible's key filters change the variable itself; kplay's leave it as it was. */
export const keyCopyCases: [string, unknown][] = [
  ["{{ (ifaces | ansible.utils.remove_keys(target=['addrs'])) == ifaces }}", false],
  ["{{ (ifaces | ansible.utils.replace_keys(target=[{'before': 'name', 'after': 'n'}])) == ifaces }}", false],
];

export const x509Cases: [string, unknown][] = [
  ["{{ (web_pem | community.crypto.x509_certificate_info).subject }}", { countryName: 'DE', organizationName: 'Example Org', commonName: 'www.example.com' }],
  ["{{ (web_pem | community.crypto.x509_certificate_info).subject_alt_name }}", ['DNS:www.example.com', 'DNS:example.com', 'IP:192.0.2.7', 'email:ops@example.com']],
  ["{{ (web_pem | community.crypto.x509_certificate_info(name_encoding='idna')).key_usage }}", ['Digital Signature', 'Key Encipherment']],
  ["{{ (web_pem | community.crypto.x509_certificate_info).ocsp_uri }}", 'http://ocsp.example.com/'],
  ["{{ (web_pem | community.crypto.x509_certificate_info).public_key_data.curve }}", 'secp256r1'],
  ["{{ (web_pem | community.crypto.x509_certificate_info).expired }}", false],
  ["{{ ('garbage\\n' ~ web_pem) | community.crypto.x509_certificate_info | length }}", 32],
  ["{{ (web_pem | community.crypto.x509_certificate_info).serial_number | string }}", '235445414127827085336363604995545613839862890704'],
  ["{{ (web_pem | community.crypto.x509_certificate_info).public_key_data.x | string }}", '9112890998625453607446105693717284954856519081832678169621771701914382524126'],
  ["{{ (web_pem | community.crypto.x509_certificate_info).fingerprints.sha256 }}", 'b6:97:08:b4:24:83:fe:77:0a:9b:94:a9:1b:80:42:3a:c2:92:3a:ed:08:11:98:8d:7d:6b:99:4a:59:e6:b9:c9'],
];

/** The whole dict, but for the integers beyond 2^53 (kplay holds them as strings: compared above with | string). */
export const x509WholeCase = "{{ web_pem | community.crypto.x509_certificate_info | dict2items | rejectattr('key', 'in', ['serial_number', 'public_key_data']) | items2dict }}";
