#!/usr/bin/env bash
# The demo: a 4-host lab (vmx, svm, vmx, none) prepared as KVM hosts by playbooks/kvm-host.yml:
# --check first (nothing changes), then for real, then again (nothing left to change).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1

kplay() { node bin/kplay.js "$@"; }
LAB=demo
INV=.kplay/lab/$LAB/inventory.ini
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
run() { kplay run playbooks/kvm-host.yml -i "$INV" -e @inventory/lab-guests.yml "$@"; echo "(exit code $?)"; }

step "Bringing up a 4-host lab: CPU flags vmx, svm, vmx, none"
kplay lab up 4 --name "$LAB" --cpu vmx,svm,vmx,none || exit 1
kplay lab status --name "$LAB"

step "1. --check: predict the changes, change nothing (the host without vmx/svm fails its CPU check)"
run --check

step "2. The real run"
run

step "3. The rerun: nothing left to change (changed=0)"
run

step "4. Only the capable hosts: exit code 0"
run --limit "all:!$(awk '/^\[lab\]/{f=1;next} /^\[/{f=0} f&&NF{h=$1} END{print h}' "$INV")"

first=$(awk -F'ansible_host=' '/ansible_host=/{split($2, a, " "); print a[1]; exit}' "$INV")
cat <<MSG

The lab is still up. Log in to a host (h1) and look at its guest:
  ssh -i .kplay/lab/$LAB/id_ed25519 -o UserKnownHostsFile=$PWD/.kplay/lab/$LAB/known_hosts root@$first virsh list
Run the playbook yourself:
  node bin/kplay.js run playbooks/kvm-host.yml -i $INV -e @inventory/lab-guests.yml
Take the lab down:
  node bin/kplay.js lab down --name $LAB
MSG
