#!/usr/bin/env python3
# Writes the release archive a download would give: exporter-VERSION/{exporter,LICENSE} in a zip, fixed dates.
import sys
import zipfile

version, target = sys.argv[1], sys.argv[2]
binary = b"#!/bin/sh\nexec python3 -m http.server --bind 0.0.0.0 \"$1\"\n"
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data, mode in [("exporter", binary, 0o100755), ("LICENSE", b"Apache-2.0\n", 0o100644)]:
        info = zipfile.ZipInfo("exporter-%s/%s" % (version, name), (2024, 3, 1, 12, 0, 0))
        info.external_attr = mode << 16
        z.writestr(info, data)
