#!/usr/bin/python3
"""Print engine/playbook/ansible-short-module-names.ts's name list from the installed ansible-core: its builtin
modules and the short names its plugin routing sends to collections."""
import os
import textwrap

import yaml

import ansible

base = ansible.__path__[0]
routing = yaml.safe_load(open(f"{base}/config/ansible_builtin_runtime.yml"))
builtin = {f[:-3] for f in os.listdir(f"{base}/modules") if f.endswith(".py") and not f.startswith("_")}
names = sorted(set(routing["plugin_routing"]["modules"]) | builtin)
print("\n".join(textwrap.wrap(" ".join(names), 116, break_long_words=False, break_on_hyphens=False)))
