#!/usr/bin/env python3
"""Trunk post-build hook: pins the page's one inline script by its SHA-256 in
the Content-Security-Policy, replacing 'unsafe-inline' in script-src, so no
other inline script could ever run. Reads and rewrites
$TRUNK_STAGING_DIR/index.html (or the path given)."""
import base64
import hashlib
import os
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.environ["TRUNK_STAGING_DIR"], "index.html")
html = open(path, encoding="utf-8").read()
scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
    for s in scripts
)
new, count = re.subn(r"(script-src[^;\"]*?)'unsafe-inline'", lambda m: m.group(1) + hashes, html)
if count != 1:
    sys.exit("csp_hash: no 'unsafe-inline' in script-src to replace")
open(path, "w", encoding="utf-8").write(new)
print(f"csp_hash: pinned {len(scripts)} inline script(s)")
