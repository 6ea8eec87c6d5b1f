#!/usr/bin/env python3
"""Writes the heaviest VM reviews the API server can send, from the seed's hot-plug review.

usage: worst-case-review.py SEED_REVIEW OUT_DIR [OBJECT_BYTES]

  hotplug.json  a running VM UPDATE whose object (OBJECT_BYTES, default 3 MiB: etcd's object limit, which the API
                server enforces) hot-plugs as many interfaces without binding as fit; the mutating webhook adds
                bridge: {} to each.
  remove.json   the reverse: oldObject of that size with as many plugged bridge interfaces, the object removes all of
                them outright; the mutating webhook puts each back with state: absent.
  large.json    a 2.8 MB review (the figure of issue #13's memory finding) for the concurrency phase.
  sixk.json     a hot-plug of 6,000 interfaces without binding (issue #13's cost finding).
  fourk.json    the removal of 4,000 plugged bridge interfaces outright (the other cost finding).
"""
import copy
import json
import sys

seed_path, out_dir = sys.argv[1], sys.argv[2]
limit = int(sys.argv[3]) if len(sys.argv) > 3 else 3 * 1024 * 1024
seed = json.load(open(seed_path))


def vm_with(base, count, prefix, binding):
    vm = copy.deepcopy(base)
    spec = vm["spec"]["template"]["spec"]
    default_iface = spec["domain"]["devices"]["interfaces"][0]
    default_net = spec["networks"][0]
    ifaces = [default_iface]
    nets = [default_net]
    for i in range(count):
        name = f"{prefix}{i}"
        iface = {"name": name}
        if binding:
            iface["bridge"] = {}
        ifaces.append(iface)
        nets.append({"name": name, "multus": {"networkName": "attachnet"}})
    spec["domain"]["devices"]["interfaces"] = ifaces
    spec["networks"] = nets
    return vm


def largest(base, prefix, binding, size):
    # Interfaces grow the object linearly: size one, then scale to the limit.
    per = len(json.dumps(vm_with(base, 1000, prefix, binding), separators=(",", ":"))) - len(json.dumps(vm_with(base, 0, prefix, binding), separators=(",", ":")))
    # Names grow longer with the count, so stay a little under the limit.
    count = int((size - len(json.dumps(base, separators=(",", ":")))) * 1000 / per * 0.95)
    return vm_with(base, count, prefix, binding), count


def write(name, review):
    with open(f"{out_dir}/{name}", "w") as f:
        json.dump(review, f, separators=(",", ":"))


base = seed["request"]["oldObject"]
hot, hot_count = largest(base, "hot", False, limit)
review = copy.deepcopy(seed)
review["request"]["object"] = hot
review["request"]["oldObject"] = base
write("hotplug.json", review)

plugged, plugged_count = largest(base, "plugged", True, limit)
review = copy.deepcopy(seed)
review["request"]["object"] = base
review["request"]["oldObject"] = plugged
write("remove.json", review)

large, _ = largest(base, "hot", False, 1_400_000)
review = copy.deepcopy(seed)
review["request"]["object"] = large
review["request"]["oldObject"] = largest(base, "hot", True, 1_400_000)[0]
write("large.json", review)

review = copy.deepcopy(seed)
review["request"]["object"] = vm_with(base, 6000, "hot", False)
review["request"]["oldObject"] = base
write("sixk.json", review)

review = copy.deepcopy(seed)
review["request"]["object"] = base
review["request"]["oldObject"] = vm_with(base, 4000, "plugged", True)
write("fourk.json", review)
print(hot_count, plugged_count)
